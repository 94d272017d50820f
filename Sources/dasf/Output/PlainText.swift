/// Text for a terminal: control characters from files or catalogs are made visible instead of
/// reaching the terminal, and columns line up.
enum PlainText {
    /// Replaces C0 and C1 control characters (ESC included) with visible stand-ins such as "^[",
    /// so a hostile note cannot move the cursor or change colours. Tabs and line breaks become spaces.
    static func clean(_ text: String) -> String {
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
        text.split(separator: "\n", omittingEmptySubsequences: false).map { clean(String($0)) }.joined(separator: "\n")
    }

    /// Left-aligns the first column and right-aligns the rest.
    static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = (0..<header.count).map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }
}
