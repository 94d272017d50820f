import Foundation

/// Making text inert in each format, so a hostile note stays text wherever it is read.
public enum Escaping {
    /// Control characters (C0, DEL, C1) removed: no report carries an escape sequence.
    static func withoutControls(_ text: String, newlines: String = " ") -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D: out += newlines
            case 0x09: out += " "
            case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Markdown: characters that would start markup are backslash-escaped; one line.
    public static func markdown(_ text: String) -> String {
        var out = ""
        for character in withoutControls(text) {
            if "\\`*_[]<>|&#!~".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// HTML text and attribute values.
    public static func html(_ text: String) -> String {
        var out = ""
        for character in withoutControls(text, newlines: "\n") {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// JSON text with C1 controls (U+0080...U+009F) written as \u escapes. JSONEncoder escapes
    /// C0 but leaves C1 raw; this keeps JSON output inert on a terminal and still valid JSON.
    public static func jsonInert(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if (0x80...0x9F).contains(scalar.value) { out += "\\u00" + String(scalar.value, radix: 16) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// One CSV field per RFC 4180, made inert for spreadsheets: a cell a spreadsheet would run as
    /// a formula (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe.
    public static func csv(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        value = withoutControls(value, newlines: "\n").replacingOccurrences(of: "\r", with: "")
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
