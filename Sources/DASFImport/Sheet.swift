import Foundation

/// One sheet of a workbook or one delimited file: a header row and the rows under it, each with
/// its row number as a spreadsheet shows it (the header is row 1), so a problem can be pointed at.
public struct Sheet: Sendable, Hashable {
    public let name: String
    public let header: [String]
    public let rows: [[String]]

    public init(name: String, header: [String], rows: [[String]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }

    /// The row number a person sees for `rows[index]`.
    public static func rowNumber(_ index: Int) -> Int { index + 2 }

    /// Tab- or comma-separated text: fields may be quoted ("…", with "" for a quote) and then hold
    /// separators and line breaks. A BOM and trailing blank lines are ignored; short rows are
    /// padded. Nothing here can trap: any text gives a sheet or an error.
    public static func delimited(_ text: String, separator: Character, name: String) throws(ImportError) -> Sheet {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, atFieldStart = true
        var iterator = (text.first == "\u{FEFF}" ? String(text.dropFirst()) : text).makeIterator()
        var pending: Character?
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else { quoted = false; pending = following }
                    } else { quoted = false }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case separator:
                record.append(field); field = ""; atFieldStart = true
            case "\n", "\r\n", "\r":
                record.append(field); field = ""; atFieldStart = true
                records.append(record); record = []
            default:
                field.append(c)
                atFieldStart = false
            }
        }
        if quoted { throw ImportError("\(name): a quoted field is never closed (the file is cut short?)") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        while let last = records.last, last.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { records.removeLast() }
        guard let header = records.first, header.contains(where: { !$0.isEmpty }) else { throw ImportError("\(name): no header row") }
        let width = header.count
        let rows = records.dropFirst().map { $0.count >= width ? $0 : $0 + Array(repeating: "", count: width - $0.count) }
        return Sheet(name: name, header: header, rows: Array(rows))
    }
}

/// What stops an import, in one line.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
