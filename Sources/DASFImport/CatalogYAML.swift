import DASFEngine
import Foundation
import Yams

/// Catalogs of one's own may be written in YAML: the same fields as the JSON format
/// (docs/catalog-format.md), read into it and checked the same way. A YAML mistake names the file
/// and the line; a catalog mistake names the item, as for JSON.
public enum CatalogYAML {
    public static func isYAML(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    /// A built-in id, a JSON catalog or a YAML one.
    public static func resolve(_ spec: String) throws -> Catalog {
        guard isYAML(spec) else { return try Catalog.resolve(spec) }
        guard let data = FileManager.default.contents(atPath: spec) else {
            throw CatalogError(origin: spec, problems: [FileManager.default.fileExists(atPath: spec) ? "cannot be read" : "no such file"])
        }
        return try load(data, origin: spec)
    }

    /// An overlay file, JSON or YAML (only a regular file is read; see `Overlay.load(path:)`).
    public static func overlay(_ path: String) throws -> Overlay {
        let data = try Overlay.readRegularFile(path)
        guard isYAML(path) else { return try Overlay.load(data: data, origin: path) }
        return try Overlay.load(data: try json(from: data, origin: path, expecting: "an overlay"), origin: path, digestOf: data)
    }

    /// YAML text as the JSON the engine reads, with the line of any YAML mistake.
    static func json(from data: Data, origin: String, expecting what: String) throws -> Data {
        guard let text = String(data: data, encoding: .utf8) else { throw CatalogError(origin: origin, problems: ["not UTF-8 text"]) }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw CatalogError(origin: origin, problems: [describe(error)])
        }
        guard let node, case .mapping = node, let value = convert(node, key: nil, inComponents: false), JSONSerialization.isValidJSONObject(value) else {
            throw CatalogError(origin: origin, problems: ["not \(what): expected \"name: value\" lines (format, formatVersion, id, …)"])
        }
        return try JSONSerialization.data(withJSONObject: value)
    }

    public static func load(_ data: Data, origin: String) throws -> Catalog {
        try Catalog.load(data: try json(from: data, origin: origin, expecting: "a catalog"), origin: origin, digestOf: data)
    }

    /// YAML reads "1.10" as the number 1.1 and "2.0" as 2: every scalar is kept as written (text),
    /// but for the few fields the format makes numbers or booleans.
    static func convert(_ node: Node, key: String?, inComponents: Bool) -> Any? {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            switch key {
            case "formatVersion", "component": return Int(text) ?? text
            case "id" where inComponents: return Int(text) ?? text
            case "derived", "foundation": return node.bool ?? text
            default: return text
            }
        case .sequence(let items):
            return items.map { convert($0, key: nil, inComponents: key == "components" || inComponents && key == nil) ?? NSNull() }
        case .mapping(let pairs):
            var out: [String: Any] = [:]
            for (k, v) in pairs {
                guard let name = k.string else { continue }
                out[name] = convert(v, key: name, inComponents: inComponents) ?? NSNull()
            }
            return out
        case .alias:
            return nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            "line \(mark.line): \(problem)"
        default:
            "\(error)".split(separator: "\n").first.map(String.init) ?? "not YAML"
        }
    }
}
