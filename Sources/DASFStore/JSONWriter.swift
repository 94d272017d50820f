/// A JSON value whose objects keep the key order they were built with. Save files are written
/// through it so that fields appear in a fixed, human order and a diff reads line by line.
indirect enum JSONValue: Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    /// A number as it was written in a file (kept exactly for fields this dasf does not know).
    case number(String)
    /// JSON text written as it is: a compound value kept on one line.
    case raw(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// An object written on one line: for journal entries, so each edit adds one line to a diff.
    case line([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.number(let a), .number(let b)), (.raw(let a), .raw(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)), (.line(let a), .line(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: false
        }
    }

    /// Pretty-printed with two-space indents and a final newline. Lists of plain values stay on
    /// one line; objects put each field on its own line.
    func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .string, .int, .bool, .null, .number, .raw: true
        case .array, .object, .line: false
        }
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .string(let text): JSONValue.quote(text, into: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .number(let literal), .raw(let literal): out += literal
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(\.isScalar) {
                out += "["
                for (n, item) in items.enumerated() {
                    if n > 0 { out += ", " }
                    item.write(into: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (n, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(into: &out, indent: indent + 2)
                out += n == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .line(let fields):
            out += "{"
            for (n, (key, value)) in fields.enumerated() {
                if n > 0 { out += ", " }
                JSONValue.quote(key, into: &out)
                out += ": "
                value.write(into: &out, indent: indent)
            }
            out += "}"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{\n"
            for (n, (key, value)) in fields.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONValue.quote(key, into: &out)
                out += ": "
                value.write(into: &out, indent: indent + 2)
                out += n == fields.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// On one line, with no spaces: how a field this dasf does not know is carried in memory.
    func compact() -> String {
        var out = ""
        writeCompact(into: &out)
        return out
    }

    private func writeCompact(into out: inout String) {
        switch self {
        case .string, .int, .bool, .null, .number, .raw: write(into: &out, indent: 0)
        case .array(let items):
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { out += "," }
                item.writeCompact(into: &out)
            }
            out += "]"
        case .object(let fields), .line(let fields):
            out += "{"
            for (n, (key, value)) in fields.enumerated() {
                if n > 0 { out += "," }
                JSONValue.quote(key, into: &out)
                out += ":"
                value.writeCompact(into: &out)
            }
            out += "}"
        }
    }

    /// The same value on one line, for fields inside a one-line entry.
    var oneLine: JSONValue { isScalar ? self : .raw(compact()) }

    /// Escapes quotes, backslashes and every control character, so no byte of a note can act on
    /// a terminal that `cat`s the file.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        // Fast path: printable ASCII without quotes or backslashes is written as it is.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
