import Foundation

/// The on-disk shape of a catalog (docs/catalog-format.md). Shipped catalogs and people's own
/// use the same format and the same checks.
struct CatalogFile: Decodable {
    static let format = "dasf-catalog"
    static let newestFormatVersion = 1

    let format: String
    let formatVersion: Int
    let id: String
    let version: String
    let title: String
    let source: String
    let licence: String
    let derived: Bool
    let notes: [String]
    let frameworks: [Framework]
    let deploymentModels: [DeploymentModel]
    let stages: [Stage]
    let components: [Component]
    let risks: [Risk]
    let controls: [Control]

    enum CodingKeys: String, CodingKey {
        case format, formatVersion, id, version, title, source, licence, derived, notes, frameworks
        case deploymentModels, stages, components, risks, controls
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        id = try c.decode(String.self, forKey: .id)
        version = try c.decode(String.self, forKey: .version)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? id
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? ""
        licence = try c.decodeIfPresent(String.self, forKey: .licence) ?? ""
        derived = try c.decodeIfPresent(Bool.self, forKey: .derived) ?? false
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        frameworks = try c.decodeIfPresent([Framework].self, forKey: .frameworks) ?? []
        deploymentModels = try c.decode([DeploymentModel].self, forKey: .deploymentModels)
        stages = try c.decode([Stage].self, forKey: .stages)
        components = try c.decode([Component].self, forKey: .components)
        risks = try c.decode([Risk].self, forKey: .risks)
        controls = try c.decode([Control].self, forKey: .controls)
    }
}
