import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// An .xlsx workbook read as the Office Open XML it is: the zip's workbook part names the sheets,
/// its relationships say where each is, the shared-strings part holds most text. Cells may be
/// shared, inline or rich-text strings, numbers or booleans; columns run past Z; merged cells give
/// their value to every cell they cover; a cell may hold line breaks. A damaged or foreign file
/// is one line of error, never a crash, and no part may unpack to more than `partLimit` bytes.
public enum Workbook {
    public static let partLimit = 64 << 20

    public static func sheets(_ data: Data, name: String) throws(ImportError) -> [Sheet] {
        // Read from a file of our own rather than from memory: ZIPFoundation's in-memory reader
        // traps when a damaged zip points past its end (the fuzzer found it); the file reader
        // just reads nothing there.
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            throw ImportError("\(name): not an .xlsx workbook (it is not a zip file)")
        }
        try ZipBounds.check(data, name: name)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dasf-workbook-\(UUID().uuidString).xlsx")
        guard writePrivately(data, to: scratch.path) else {
            throw ImportError("\(name): cannot be read (no room for a temporary copy in \(FileManager.default.temporaryDirectory.path))")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let archive: Archive
        do { archive = try Archive(url: scratch, accessMode: .read) } catch {
            throw ImportError("\(name): not an .xlsx workbook (it is not a zip file)")
        }
        func part(_ path: String) throws(ImportError) -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= UInt64(partLimit) else { throw ImportError("\(name): \(path) is larger than \(partLimit >> 20) MB unpacked") }
            var out = Data()
            let checksum: CRC32
            do {
                checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard out.count + chunk.count <= partLimit else { throw ImportError("\(name): \(path) unpacks to more than it says") }
                    out.append(chunk)
                }
            } catch {
                throw ImportError("\(name): \(path) cannot be unpacked (the workbook is damaged)")
            }
            // The reader hands back the checksum of what it unpacked; comparing is ours to do.
            guard checksum == entry.checksum else { throw ImportError("\(name): \(path) is damaged (its checksum does not match)") }
            return out
        }
        guard let workbook = try part("xl/workbook.xml") else { throw ImportError("\(name): a zip file, but not an .xlsx workbook (no xl/workbook.xml)") }
        var relations: [String: String] = [:], shared: [String] = []
        if let xml = try part("xl/_rels/workbook.xml.rels") { relations = try XMLParts.relations(xml, name: name) }
        if let xml = try part("xl/sharedStrings.xml") { shared = try XMLParts.sharedStrings(xml, name: name) }
        var sheets: [Sheet] = []
        for (sheetName, relation) in try XMLParts.sheetList(workbook, name: name) {
            guard let target = relations[relation] else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try part(path) else { throw ImportError("\(name): sheet \"\(sheetName)\" is missing from the workbook") }
            let grid = try XMLParts.cells(xml, shared: shared, name: "\(name), sheet \"\(sheetName)\"")
            guard let header = grid.first else { continue }
            let width = grid.map(\.count).max() ?? header.count
            func padded(_ row: [String]) -> [String] { row + Array(repeating: "", count: max(0, width - row.count)) }
            sheets.append(Sheet(name: "\(name), sheet \"\(sheetName)\"", header: padded(header), rows: grid.dropFirst().map(padded)))
        }
        if sheets.isEmpty { throw ImportError("\(name): the workbook has no sheet with any cells") }
        return sheets
    }

    /// A new file only this user can read (O_EXCL, no link followed), holding `data`.
    static func writePrivately(_ data: Data, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return data.withUnsafeBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let wrote = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if wrote <= 0 { return false }
                done += wrote
            }
            return true
        }
    }

    /// The compendium's two sheets, found by their headers (not their names or places).
    public static func compendium(_ sheets: [Sheet], name: String) throws(ImportError) -> (risks: Sheet, controls: Sheet) {
        func has(_ sheet: Sheet, _ headers: [String]) -> Bool {
            let normal = Set(sheet.header.map(CompendiumImport.normal))
            return headers.allSatisfy(normal.contains)
        }
        guard let risks = sheets.first(where: { has($0, ["risk id", "mitigation controls ids"]) }) else {
            throw ImportError("\(name): no sheet has the risks' columns (\"Risk ID\", \"Mitigation Controls IDs\")")
        }
        guard let controls = sheets.first(where: { has($0, ["control id", "control"]) }) else {
            throw ImportError("\(name): no sheet has the controls' columns (\"Control ID\", \"Control\")")
        }
        return (risks, controls)
    }
}

/// The few XML parts an .xlsx needs, each read with `XMLReader`.
enum XMLParts {
    /// Reads XML, turning a parse failure into one line.
    static func parse(_ data: Data, reader: XMLReader, name: String, part: String) throws(ImportError) {
        try screen(data, name: name, part: part)
        do {
            try reader.read(data)
        } catch {
            throw ImportError("\(name): \(part) is not well-formed XML (line \(error.line): \(error.reason))")
        }
    }

    /// What a workbook's parts never hold is refused, by name, before they are read: processing
    /// instructions and document types (entity definitions, whose expansion could be made
    /// enormous). Only the XML declaration at the very start is let through.
    static func screen(_ data: Data, name: String, part: String) throws(ImportError) {
        let bytes = [UInt8](data)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if bytes[start...].starts(with: Array("<?xml".utf8)), bytes.count > start + 5, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start + 5]) {
            guard let end = bytes[start...].firstIndex(of: 0x3E) else { throw ImportError("\(name): \(part) is not well-formed XML") }
            start = end + 1
        }
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 0x3C && (bytes[index + 1] == 0x3F || (bytes[index + 1] == 0x21 && bytes[(index + 2)...].starts(with: Array("DOCTYPE".utf8)))) {
                throw ImportError("\(name): \(part) holds \(bytes[index + 1] == 0x3F ? "a processing instruction" : "a document type"), which no workbook part has")
            }
            index += 1
        }
    }

    static func relations(_ data: Data, name: String) throws(ImportError) -> [String: String] {
        var out: [String: String] = [:]
        var c = XMLReader()
        c.start = { element, attributes in
            if element == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { out[id] = target }
        }
        try parse(data, reader: c, name: name, part: "xl/_rels/workbook.xml.rels")
        return out
    }

    static func sheetList(_ data: Data, name: String) throws(ImportError) -> [(String, String)] {
        var out: [(String, String)] = []
        var c = XMLReader()
        c.start = { element, attributes in
            if element == "sheet", let sheet = attributes["name"], let id = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value {
                out.append((sheet, id))
            }
        }
        try parse(data, reader: c, name: name, part: "xl/workbook.xml")
        return out
    }

    /// Each <si>: plain (<t>) or rich text (runs of <r><t>), phonetic runs (<rPh>) left out.
    static func sharedStrings(_ data: Data, name: String) throws(ImportError) -> [String] {
        var out: [String] = [], current = "", inText = false, phonetic = 0
        var c = XMLReader()
        c.start = { element, _ in
            switch element {
            case "si": current = ""
            case "t": inText = true
            case "rPh": phonetic += 1
            default: break
            }
        }
        c.end = { element in
            switch element {
            case "si": out.append(current)
            case "t": inText = false
            case "rPh": phonetic -= 1
            default: break
            }
        }
        c.text = { if inText && phonetic == 0 { current += $0 } }
        try parse(data, reader: c, name: name, part: "xl/sharedStrings.xml")
        return out
    }

    /// "A1" → (0, 0); "AB12" → (27, 11). Nil for anything else (or absurdly far).
    static func position(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0, digits = "", letters = 0
        for c in reference.uppercased() {
            if let ascii = c.asciiValue, (65...90).contains(ascii), digits.isEmpty {
                column = column * 26 + Int(ascii - 64)
                letters += 1
                if letters > 3 { return nil }
            } else if c.isASCII, c.isNumber {
                digits.append(c)
            } else { return nil }
        }
        guard letters > 0, let row = Int(digits), row >= 1, row <= 1_048_576, digits.count <= 7 else { return nil }
        return (column - 1, row - 1)
    }

    /// The cells of a worksheet as rows of text, merged ranges filled from their first cell.
    static func cells(_ data: Data, shared: [String], name: String) throws(ImportError) -> [[String]] {
        var values: [Int: [Int: String]] = [:], merges: [String] = []
        var reference: String?, type = "", value = "", inValue = false, inInline = false, inText = false
        var nextRow = 0, nextColumn = 0, currentRow = 0
        var c = XMLReader()
        c.start = { element, attributes in
            switch element {
            case "row":
                // Row numbers come from the file: out of Excel's range is read as "the next row".
                currentRow = attributes["r"].flatMap(Int.init).flatMap { (1...1_048_576).contains($0) ? $0 - 1 : nil } ?? nextRow
                nextRow = min(currentRow + 1, 1_048_576)
                nextColumn = 0
            case "c":
                reference = attributes["r"]; type = attributes["t"] ?? ""; value = ""
            case "v": inValue = true
            case "is": inInline = true
            case "t": inText = inInline
            case "mergeCell": if let ref = attributes["ref"] { merges.append(ref) }
            default: break
            }
        }
        c.text = { text in if inValue || inText { value += text } }
        c.end = { element in
            switch element {
            case "v": inValue = false
            case "t": inText = false
            case "is": inInline = false
            case "c":
                let place = reference.flatMap(position) ?? (nextColumn, currentRow)
                nextColumn = place.column + 1
                let text: String
                switch type {
                case "s": text = Int(value.trimmingCharacters(in: .whitespaces)).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
                case "b": text = value == "1" ? "TRUE" : "FALSE"
                default: text = value
                }
                if !text.isEmpty, place.row < 1_000_000, place.column < 16_384 { values[place.row, default: [:]][place.column] = text }
            default: break
            }
        }
        try parse(data, reader: c, name: name, part: "a worksheet")
        for merge in merges {
            let corners = merge.split(separator: ":").compactMap { position(String($0)) }
            guard corners.count == 2, let first = values[corners[0].row]?[corners[0].column] else { continue }
            let rows = corners[0].row...max(corners[0].row, min(corners[1].row, corners[0].row + 2_000))
            let columns = corners[0].column...max(corners[0].column, min(corners[1].column, corners[0].column + 64))
            for row in rows { for column in columns where values[row]?[column] == nil { values[row, default: [:]][column] = first } }
        }
        guard let last = values.keys.max(), let width = values.values.compactMap({ $0.keys.max() }).max() else { return [] }
        let first = values.keys.min() ?? 0
        return (first...last).map { row in (0...width).map { values[row]?[$0] ?? "" } }
    }
}
