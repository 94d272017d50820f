import DASFEngine
import Foundation
import Yams

/// A catalog as a CISO Assistant library (YAML), so GRC teams can load DASF there: the framework
/// as requirement nodes (stages, then components, then the risks, which are the assessable
/// ones), each risk also a threat, each control a reference control, linked as in the catalog.
/// The library carries the catalog's own credit and licence.
public enum CISOAssistantLibrary {
    public static func render(_ catalog: Catalog) throws -> String {
        let base = slug(catalog.id)
        func urn(_ kind: String, _ ref: String? = nil) -> String { "urn:dasf:risk:\(kind):\(base)" + (ref.map { ":" + slug($0) } ?? "") }
        func map(_ pairs: [(String, Node)]) -> Node { Node.mapping(Node.Mapping(pairs.map { (Node($0.0), $0.1) })) }
        func text(_ value: String) -> Node { Node(value, Tag(.str), .doubleQuoted) }
        func list(_ values: [String]) -> Node { Node.sequence(Node.Sequence(values.map(text))) }
        var nodes: [Node] = []
        for stage in catalog.stages {
            let stageURN = urn("req_node", "stage-\(stage.id)")
            nodes.append(map([("urn", text(stageURN)), ("assessable", Node("false")), ("depth", Node("1")), ("ref_id", text(stage.short)),
                              ("name", text(stage.name)), ("description", text(stage.summary))]))
            for component in catalog.components(inStage: stage.id) {
                let componentURN = urn("req_node", "component-\(component.id)")
                nodes.append(map([("urn", text(componentURN)), ("assessable", Node("false")), ("depth", Node("2")), ("parent_urn", text(stageURN)),
                                  ("ref_id", text("\(component.id)")), ("name", text(component.name)), ("description", text(component.summary))]))
                for risk in catalog.risks(inComponent: component.id) {
                    nodes.append(map([("urn", text(urn("req_node", risk.id))), ("assessable", Node("true")), ("depth", Node("3")),
                                      ("parent_urn", text(componentURN)), ("ref_id", text(risk.id)), ("name", text(risk.title)),
                                      ("description", text(risk.description)), ("threats", list([urn("threat", risk.id)])),
                                      ("reference_controls", list(risk.controls.map { urn("function", $0) }))]))
                }
            }
        }
        let threats = catalog.risks.map { risk in
            map([("urn", text(urn("threat", risk.id))), ("ref_id", text(risk.id)), ("name", text(risk.title)), ("description", text(risk.description))])
        }
        let controls = catalog.controls.map { control in
            map([("urn", text(urn("function", control.id))), ("ref_id", text(control.id)), ("name", text(control.title)),
                 ("category", text("technical")), ("description", text(control.description))])
        }
        let library = map([
            ("urn", text(urn("library"))), ("locale", text("en")), ("ref_id", text(catalog.id)), ("name", text(catalog.title)),
            ("description", text("\(catalog.title), as a CISO Assistant library written by dasf.")),
            ("copyright", text([catalog.source, catalog.licence].filter { !$0.isEmpty }.joined(separator: " Licence: "))),
            ("version", Node("1")), ("provider", text("Databricks")), ("packager", text("dasf")),
            ("objects", map([
                ("framework", map([("urn", text(urn("framework"))), ("ref_id", text(catalog.id)), ("name", text(catalog.title)),
                                   ("description", text("The DASF risks by stage and component; each risk is assessable.")),
                                   ("requirement_nodes", Node.sequence(Node.Sequence(nodes)))])),
                ("threats", Node.sequence(Node.Sequence(threats))),
                ("reference_controls", Node.sequence(Node.Sequence(controls))),
            ])),
        ])
        return try Yams.serialize(node: library, allowUnicode: true)
    }

    /// URN parts: lower case letters, digits, dots and dashes.
    static func slug(_ text: String) -> String {
        text.lowercased().map { $0.isLetter || $0.isNumber || $0 == "." ? String($0) : "-" }.joined()
            .split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
    }
}
