import DASFEngine

/// Text for a terminal: control characters from files or catalogs are made visible instead of
/// reaching the terminal, and columns line up.
enum PlainText {
    /// Replaces C0 and C1 control characters (ESC included) with visible stand-ins such as "^[",
    /// so a hostile note cannot move the cursor or change colours. Tabs and line breaks become spaces.
    static func clean(_ text: String) -> String {
        // Most text has nothing to replace: said by one pass over its bytes (C1 controls are
        // U+0080–U+009F, encoded 0xC2 0x80–0x9F).
        if !needsCleaning(text, keepingLineBreaks: false) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out += " "
            case 0..<0x20: out += "^" + String(UnicodeScalar(UInt8(scalar.value + 64)))
            case 0x7F: out += "^?"
            case 0x80..<0xA0: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Like `clean`, but keeps line breaks: for whole blocks of output.
    static func cleanLines(_ text: String) -> String {
        if !needsCleaning(text, keepingLineBreaks: true) { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { clean(String($0)) }.joined(by: "\n")
    }

    static func needsCleaning(_ text: String, keepingLineBreaks: Bool) -> Bool {
        // Over the bytes in one buffer: walking `utf8` cost 64 instructions a byte here.
        var text = text
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                if byte < 0x20 && !(keepingLineBreaks && byte == 0x0A) || byte == 0x7F || previous == 0xC2 && byte >= 0x80 && byte < 0xA0 { return true }
                previous = byte
            }
            return false
        }
    }

    /// `count` spaces, cut from a line made once: `String(repeating:count:)` cost 1,200
    /// instructions a call, 144 calls in a status.
    static func spaces(_ count: Int) -> String {
        guard count > 0 else { return "" }
        return count <= blank.count ? String(blank.prefix(count)) : String(repeating: " ", count: count)
    }

    private static let blank = String(repeating: " ", count: 160)

    /// Left-aligns the first column and right-aligns the rest.
    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = (0..<header.count).map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                let pad = spaces(widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(by: "  ")
        }
    }
}
