import Foundation

/// The on-disk shape of a catalog (docs/catalog-format.md). Shipped catalogs and people's own
/// use the same format and the same checks.
struct CatalogFile {
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
    /// Per earlier catalog id, the controls whose meaning differs from that catalog's (so an
    /// upgrade asks again rather than carrying an answer over by number).
    let meaningChanged: [String: [String]]
    let frameworks: [Framework]
    let deploymentModels: [DeploymentModel]
    let stages: [Stage]
    let components: [Component]
    let risks: [Risk]
    let controls: [Control]

    /// Every field given: the shipped catalogs, compiled into the binary (BuiltinCatalogs+Values).
    init(format: String, formatVersion: Int, id: String, version: String, title: String, source: String, licence: String, derived: Bool,
         notes: [String], meaningChanged: [String: [String]], frameworks: [Framework], deploymentModels: [DeploymentModel], stages: [Stage],
         components: [Component], risks: [Risk], controls: [Control]) {
        self.format = format
        self.formatVersion = formatVersion
        self.id = id
        self.version = version
        self.title = title
        self.source = source
        self.licence = licence
        self.derived = derived
        self.notes = notes
        self.meaningChanged = meaningChanged
        self.frameworks = frameworks
        self.deploymentModels = deploymentModels
        self.stages = stages
        self.components = components
        self.risks = risks
        self.controls = controls
    }

    /// A catalog's contents with some parts replaced (an overlay applied), to be checked again.
    init(_ catalog: Catalog, stages: [Stage], components: [Component], risks: [Risk], controls: [Control]) {
        format = Self.format
        formatVersion = Self.newestFormatVersion
        id = catalog.id
        version = catalog.version
        title = catalog.title
        source = catalog.source
        licence = catalog.licence
        derived = catalog.derived
        notes = catalog.notes
        meaningChanged = catalog.meaningChanged
        frameworks = catalog.frameworks
        deploymentModels = catalog.deploymentModels
        self.stages = stages
        self.components = components
        self.risks = risks
        self.controls = controls
    }

    /// Reads a catalog from JSONSerialization's output, naming the place of any problem.
    init(json object: JSONObject) throws(JSONObject.Problem) {
        format = try object.string("format")
        formatVersion = try object.int("formatVersion")
        id = try object.string("id")
        version = try object.string("version")
        title = try object.optionalString("title") ?? id
        source = try object.optionalString("source") ?? ""
        licence = try object.optionalString("licence") ?? ""
        derived = try object.optionalBool("derived") ?? false
        notes = try object.optionalStrings("notes")
        meaningChanged = try object.stringLists("meaningChanged")
        frameworks = try object.optionalObjects("frameworks").map { o throws(JSONObject.Problem) in
            Framework(id: try o.string("id"), name: try o.string("name"))
        }
        deploymentModels = try object.objects("deploymentModels").map { o throws(JSONObject.Problem) in
            DeploymentModel(id: try o.string("id"), name: try o.string("name"), summary: try o.optionalString("summary") ?? "")
        }
        stages = try object.objects("stages").map { o throws(JSONObject.Problem) in
            Stage(id: try o.string("id"), name: try o.string("name"), short: try o.optionalString("short"), summary: try o.optionalString("summary") ?? "",
                  foundation: try o.optionalBool("foundation") ?? false,
                  talkingPoints: try o.optionalStrings("talkingPoints"), questions: try o.optionalStrings("questions"))
        }
        components = try object.objects("components").map { o throws(JSONObject.Problem) in
            Component(id: try o.int("id"), name: try o.string("name"), short: try o.optionalString("short"), stage: try o.string("stage"),
                      summary: try o.optionalString("summary") ?? "",
                      talkingPoints: try o.optionalStrings("talkingPoints"), questions: try o.optionalStrings("questions"),
                      parts: try o.optionalObjects("parts").map { p throws(JSONObject.Problem) in
                          ComponentPart(id: try p.string("id"), name: try p.string("name"), short: try p.optionalString("short"))
                      })
        }
        risks = try object.objects("risks").map { o throws(JSONObject.Problem) in
            Risk(id: try o.string("id"), title: try o.string("title"), component: try o.int("component"),
                 part: try o.optionalString("part") ?? "", revision: try o.optionalString("revision") ?? "", description: try o.optionalString("description") ?? "",
                 controls: try o.strings("controls"), deploymentModels: try o.strings("deploymentModels"),
                 category: try o.optionalString("category") ?? "", impacts: try o.optionalStrings("impacts"),
                 businessImpacts: try o.optionalStrings("businessImpacts"), frameworks: try o.stringLists("frameworks"))
        }
        controls = try object.objects("controls").map { o throws(JSONObject.Problem) in
            Control(id: try o.string("id"), title: try o.string("title"), revision: try o.optionalString("revision") ?? "",
                    description: try o.optionalString("description") ?? "", type: try o.optionalString("type") ?? "",
                    responsibility: try o.optionalString("responsibility") ?? "", kind: try o.optionalString("kind") ?? "",
                    novelty: try o.optionalString("novelty") ?? "", appliesTo: try o.optionalString("appliesTo") ?? "",
                    frameworks: try o.stringLists("frameworks"))
        }
    }
}
