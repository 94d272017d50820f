import DASFEngine
import DASFUI
import Foundation
import Yams

/// The config file: `$XDG_CONFIG_HOME/dasf/config.yaml` (else `~/.config/dasf/config.yaml`).
/// Reading it never stops dasf: each problem is one line naming the file, the line and what is
/// wrong, and what could not be read keeps its default (a file that is not YAML at all: every
/// default). docs/config.md and docs/schemas/config.schema.json describe it.
public enum ConfigFile {
    public static func path(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/dasf/config.yaml" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/dasf/config.yaml"
    }

    /// The settings in the config file, and its problems; none when there is no file.
    public static func load(environment: [String: String]) -> (Settings, problems: [String]) {
        guard let path = path(environment: environment) else { return (Settings(), []) }
        guard FileManager.default.fileExists(atPath: path) else { return (Settings(), []) }
        guard let data = FileManager.default.contents(atPath: path) else { return (Settings(), ["\(path): cannot be read; using the defaults"]) }
        guard let text = String(data: data, encoding: .utf8) else { return (Settings(), ["\(path): is not UTF-8 text; using the defaults"]) }
        return parse(text, path: path)
    }

    static let fields = ["theme", "author", "catalog", "mouse", "private", "keys"]

    public static func parse(_ text: String, path: String) -> (Settings, problems: [String]) {
        var settings = Settings(), problems: [String] = []
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return (settings, ["\(path):\(line(of: error).map(String.init) ?? "?"): not YAML (\(problem(of: error))); using the defaults"])
        } catch {
            return (settings, ["\(path): not YAML; using the defaults"])
        }
        guard let root else { return (settings, []) }
        guard case .mapping(let mapping) = root else {
            return (settings, ["\(path):\(root.mark?.line ?? 1): expected settings as \"name: value\" lines; using the defaults"])
        }
        func say(_ node: Node, _ text: String) { problems.append("\(path):\(node.mark?.line ?? 1): \(text)") }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { say(keyNode, "a setting's name must be text"); continue }
            switch key {
            case "theme":
                if let name = value.string, let theme = ThemeName(rawValue: name.lowercased()) { settings.theme = theme } else {
                    say(value, "theme: no such theme \"\(value.string ?? "")\" (\(ThemeName.allCases.map(\.rawValue).joined(separator: ", "))); the default is used")
                }
            case "author":
                if let name = value.scalar?.string, !name.trimmingCharacters(in: .whitespaces).isEmpty, !name.contains(where: \.isNewline) {
                    settings.author = name
                } else { say(value, "author: expected your name on one line") }
            case "catalog":
                if let catalog = value.scalar?.string, !catalog.isEmpty { settings.catalog = catalog } else {
                    say(value, "catalog: expected a built-in catalog id (\(BuiltinCatalogs.ids.joined(separator: ", "))) or a path")
                }
            case "mouse":
                if let on = value.bool { settings.mouse = on } else { say(value, "mouse: expected true or false") }
            case "private":
                guard case .sequence(let items) = value else { say(value, "private: expected a list, e.g. [owners, notes]"); continue }
                var hidden = Set<PrivateField>(), bad: [String] = []
                for item in items {
                    if let word = item.string, let field = PrivateField(rawValue: word) { hidden.insert(field) } else { bad.append(item.string ?? "?") }
                }
                if bad.isEmpty { settings.hiddenInRoom = hidden } else {
                    say(value, "private: \(bad.map { "\"\($0)\"" }.joined(separator: ", ")) not known (\(PrivateField.allCases.map(\.rawValue).joined(separator: ", "))); everything is hidden")
                }
            case "keys":
                guard case .mapping(let keys) = value else { say(value, "keys: expected \"command: key\" lines, e.g. cycle-status: z"); continue }
                settings.keys = remap(keys, say: say)
            default:
                let near = fields.min { Typo.distance(key, $0) < Typo.distance(key, $1) }
                say(keyNode, "no setting \"\(key)\"" + (near.map { Typo.distance(key, $0) <= 2 ? "; did you mean \"\($0)\"?" : "" } ?? "") + " (it is ignored)")
            }
        }
        return (settings, problems)
    }

    /// `keys:` entries, each `command: key` or `command: [key, key]`. A key given to two commands
    /// goes to neither (and is said): one key, one meaning.
    static func remap(_ mapping: Node.Mapping, say: (Node, String) -> Void) -> KeyRemap {
        var remap = KeyRemap(), owner: [Key: String] = [:], clashing = Set<Key>()
        var assigned: [(Command, [Key], String)] = []
        for (nameNode, value) in mapping {
            guard let name = nameNode.string, let command = KeyRemap.names[name] else {
                say(nameNode, "keys: no command \"\(nameNode.string ?? "")\" (docs/config.md lists them)")
                continue
            }
            let texts: [String]
            switch value {
            case .sequence(let items): texts = items.compactMap(\.string)
            default: texts = value.string.map { [$0] } ?? []
            }
            let keys = texts.compactMap(KeyRemap.key(named:))
            guard !keys.isEmpty, keys.count == texts.count else {
                say(value, "keys: \(name): \(texts.isEmpty ? "no key given" : "not a key: \(texts.filter { KeyRemap.key(named: $0) == nil }.joined(separator: ", "))") (a character, space, enter, tab, esc, up, pgdn, ctrl-x, …)")
                continue
            }
            for key in keys {
                if let other = owner[key], other != name {
                    say(value, "keys: \(KeyRemap.label(key)) is given to both \(other) and \(name); neither gets it")
                    clashing.insert(key)
                }
                owner[key] = name
            }
            assigned.append((command, keys, name))
        }
        for (command, keys, _) in assigned {
            let kept = keys.filter { !clashing.contains($0) }
            if !kept.isEmpty { remap.assign(kept, to: command) }
        }
        return remap
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}
