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

    /// Markdown, one line: characters that would start markup are backslash-escaped, and so is
    /// whatever GitHub would turn into a link by itself (`www.`, `://`, e-mail addresses). A web
    /// address (http or https) becomes an explicit autolink `<…>`, inside which nothing is
    /// escaped, so `&` and `_` in it still work; `|` in it is percent-encoded for tables.
    public static func markdown(_ text: String) -> String {
        var out = ""
        var token = ""
        func flush() {
            if !token.isEmpty { out += markdownToken(token) }
            token = ""
        }
        for character in withoutControls(text) {
            if character == " " {
                flush()
                out.append(" ")
            } else {
                token.append(character)
            }
        }
        flush()
        // Block markup at the start of a line: a list marker, a numbered item, a setext rule.
        if let first = out.first, "-+=".contains(first) { out = "\\" + out }
        if let dot = out.firstIndex(where: { !$0.isASCII || !$0.isNumber }), dot != out.startIndex, ".)".contains(out[dot]),
           out.index(after: dot) == out.endIndex || out[out.index(after: dot)] == " " {
            out.insert("\\", at: dot)
        }
        return out
    }

    private static func markdownToken(_ token: String) -> String {
        let lower = token.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            // Trailing sentence punctuation stays outside the link.
            var address = Substring(token)
            var tail = ""
            while let last = address.last, ".,;:!?)'\"".contains(last) {
                tail = String(last) + tail
                address = address.dropLast()
            }
            let unsafe: (Character) -> Bool = { "<>\"`\\".contains($0) || $0.isWhitespace }
            if address.count > 8, !address.contains(where: unsafe) {
                return "<" + address.replacingOccurrences(of: "|", with: "%7C") + ">" + markdownText(tail)
            }
        }
        return markdownText(token)
    }

    private static func markdownText(_ text: String) -> String {
        var out = ""
        let characters = Array(text)
        for (n, character) in characters.enumerated() {
            var escape = "\\`*_[]<>|&#!~@".contains(character)
            // "www." and "://" are what GitHub's extended autolinks look for.
            if character == ".", n >= 3, String(characters[(n - 3)..<n]).lowercased() == "www" { escape = true }
            if character == ":", n + 2 < characters.count, characters[n + 1] == "/", characters[n + 2] == "/" { escape = true }
            if escape { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// HTML text in which each http(s) address becomes a link (evidence). Only http and https:
    /// never `javascript:` or `data:`; the address is escaped as an attribute and as text.
    public static func htmlLink(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let token = String(word), lower = token.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return html(token) }
            var address = Substring(token), tail = ""
            while let last = address.last, ".,;:!?)'\"".contains(last) {
                tail = String(last) + tail
                address = address.dropLast()
            }
            guard address.count > 8, !address.contains(where: { "<>\"`\\".contains($0) || $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } ?? false }) else {
                return html(token)
            }
            return "<a href=\"\(html(String(address)))\">\(html(String(address)))</a>" + html(tail)
        }.joined(separator: " ")
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

    /// One CSV field per RFC 4180, made inert for spreadsheets. Control characters go first;
    /// then a cell that would start a formula (=, +, -, @, or their full-width forms) once leading
    /// white space, bidirectional marks and zero-width characters are passed over is prefixed
    /// with an apostrophe, so nothing invisible can smuggle a formula past the guard.
    public static func csv(_ text: String) -> String {
        var value = withoutControls(text, newlines: "\n").replacingOccurrences(of: "\r", with: "")
        let lead = value.unicodeScalars.first(where: { !isInvisibleLead($0) })
        // A leading tab or CR is OWASP's list too, whatever follows it.
        if let lead, "=+-@\u{FF1D}\u{FF0B}\u{FF0D}\u{FF20}".unicodeScalars.contains(lead) || ["\t", "\r"].contains(text.unicodeScalars.first) {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// What a spreadsheet may skip before it decides a cell is a formula: white space (including
    /// no-break spaces), bidirectional marks and zero-width characters.
    static func isInvisibleLead(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0x061C, 0xFEFF, 0x00AD, 0x180E: true
        default: scalar.properties.isWhitespace
        }
    }
}
