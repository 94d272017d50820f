import Foundation

/// A strict reader for the XML of a workbook's parts: elements, attributes, text, CDATA,
/// comments, the five named entities and character references; nothing that needs a DTD.
/// Written here rather than taken from Foundation's XMLParser because that one brings libxml2,
/// ICU and liblzma into every dasf process, which cost every command about half a millisecond
/// to load, for an importer most runs never use.
struct XMLReader {
    /// Where the input stops being XML this reader accepts, with the line it is on.
    struct Malformed: Error {
        let line: Int
        let reason: String
    }

    var start: (_ name: String, _ attributes: [String: String]) -> Void = { _, _ in }
    var end: (_ name: String) -> Void = { _ in }
    var text: (String) -> Void = { _ in }

    /// Calls `start`, `text` and `end` in document order; element names without their prefix
    /// ("x:row" → "row"), attribute names as written ("r:id").
    func read(_ data: Data) throws(Malformed) {
        let bytes = [UInt8](data)
        var cursor = Cursor(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { cursor.index = 3 }
        if cursor.peek("<?xml") {
            guard let close = cursor.find("?>") else { throw cursor.fail("an unfinished XML declaration") }
            cursor.move(to: close + 2)
        }
        var open: [String] = []
        var seenRoot = false
        var pending: [UInt8] = []
        func flush() throws(Malformed) {
            guard !pending.isEmpty else { return }
            defer { pending.removeAll(keepingCapacity: true) }
            guard let string = String(validating: pending, as: UTF8.self) else { throw cursor.fail("text that is not UTF-8") }
            if open.isEmpty {
                guard pending.allSatisfy(Self.isSpace) else { throw cursor.fail("text outside the document's element") }
                return
            }
            text(string)
        }
        while let byte = cursor.current {
            if byte != 0x3C {
                if byte == 0x26 {
                    pending += try cursor.reference()
                } else if byte == 0x0D {
                    // Line ends are read as "\n", whichever way the file wrote them.
                    pending.append(0x0A)
                    cursor.index += cursor.peek("\r\n") ? 2 : 1
                } else {
                    pending.append(byte)
                    cursor.index += 1
                }
                continue
            }
            if cursor.peek("<!--") {
                guard let close = cursor.find("-->", from: cursor.index + 4) else { throw cursor.fail("an unfinished comment") }
                cursor.move(to: close + 3)
            } else if cursor.peek("<![CDATA[") {
                guard !open.isEmpty else { throw cursor.fail("CDATA outside the document's element") }
                guard let close = cursor.find("]]>", from: cursor.index + 9) else { throw cursor.fail("an unfinished CDATA section") }
                pending += bytes[(cursor.index + 9)..<close]
                cursor.move(to: close + 3)
            } else if cursor.peek("<?") || cursor.peek("<!") {
                throw cursor.fail("a processing instruction or declaration, which no workbook part has")
            } else if cursor.peek("</") {
                try flush()
                cursor.index += 2
                let name = try cursor.name()
                cursor.skipSpace()
                guard cursor.current == 0x3E else { throw cursor.fail("an unfinished end tag") }
                cursor.index += 1
                guard let last = open.popLast(), last == name else { throw cursor.fail("</\(name)> does not close the open element") }
                end(Self.local(name))
            } else {
                try flush()
                guard open.isEmpty ? !seenRoot : true else { throw cursor.fail("a second document element") }
                cursor.index += 1
                let name = try cursor.name()
                var attributes: [String: String] = [:]
                while true {
                    let spaced = cursor.skipSpace()
                    if cursor.peek("/>") || cursor.current == 0x3E { break }
                    guard spaced else { throw cursor.fail("attributes run together") }
                    let key = try cursor.name()
                    cursor.skipSpace()
                    guard cursor.current == 0x3D else { throw cursor.fail("an attribute without a value") }
                    cursor.index += 1
                    cursor.skipSpace()
                    let value = try cursor.quoted()
                    guard attributes.updateValue(value, forKey: key) == nil else { throw cursor.fail("the attribute \(key) twice") }
                }
                seenRoot = true
                start(Self.local(name), attributes)
                if cursor.peek("/>") {
                    cursor.index += 2
                    end(Self.local(name))
                } else {
                    cursor.index += 1
                    open.append(name)
                }
            }
        }
        try flush()
        guard open.isEmpty else { throw cursor.fail("<\(open.last ?? "")> is never closed") }
        guard seenRoot else { throw cursor.fail("no document element") }
    }

    static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// A position in the input, and the small readers of names, values and references.
    struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        func peek(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            return literal.withUTF8Buffer { buffer in (0..<count).allSatisfy { bytes[index + $0] == buffer[$0] } }
        }

        func find(_ literal: StaticString, from: Int? = nil) -> Int? {
            let count = literal.utf8CodeUnitCount
            var at = from ?? index
            while at + count <= bytes.count {
                if literal.withUTF8Buffer({ buffer in (0..<count).allSatisfy { bytes[at + $0] == buffer[$0] } }) { return at }
                at += 1
            }
            return nil
        }

        mutating func move(to position: Int) { index = min(position, bytes.count) }

        @discardableResult
        mutating func skipSpace() -> Bool {
            let before = index
            while let byte = current, XMLReader.isSpace(byte) { index += 1 }
            return index > before
        }

        /// A name: letters, digits and `_ : - .`, or any byte of a non-ASCII character; not
        /// starting with a digit, `-` or `.`.
        mutating func name() throws(Malformed) -> String {
            let first = index
            while let byte = current, byte >= 0x80 || byte == 0x5F || byte == 0x3A || byte == 0x2D || byte == 0x2E
                    || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) {
                index += 1
            }
            guard index > first, !(0x30...0x39).contains(bytes[first]), bytes[first] != 0x2D, bytes[first] != 0x2E,
                  let name = String(validating: bytes[first..<index], as: UTF8.self) else { throw fail("a tag or attribute without a proper name") }
            return name
        }

        /// A quoted attribute value, references replaced and white space read as spaces.
        mutating func quoted() throws(Malformed) -> String {
            guard let quote = current, quote == 0x22 || quote == 0x27 else { throw fail("an attribute value without quotes") }
            index += 1
            var value: [UInt8] = []
            while true {
                guard let byte = current else { throw fail("an unfinished attribute value") }
                if byte == quote { break }
                switch byte {
                case 0x3C: throw fail("< inside an attribute value")
                case 0x26: value += try reference()
                case 0x09, 0x0A, 0x0D:
                    value.append(0x20)
                    index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                default:
                    value.append(byte)
                    index += 1
                }
            }
            index += 1
            guard let string = String(validating: value, as: UTF8.self) else { throw fail("an attribute value that is not UTF-8") }
            return string
        }

        /// `&amp;`, `&#38;` or `&#x26;` at the cursor, as the UTF-8 bytes it stands for.
        mutating func reference() throws(Malformed) -> [UInt8] {
            guard let semicolon = bytes[index...].prefix(12).firstIndex(of: 0x3B) else { throw fail("an & that starts no reference") }
            let body = bytes[(index + 1)..<semicolon]
            defer { index = semicolon + 1 }
            switch String(decoding: body, as: UTF8.self) {
            case "lt": return [0x3C]
            case "gt": return [0x3E]
            case "amp": return [0x26]
            case "quot": return [0x22]
            case "apos": return [0x27]
            case let number where number.hasPrefix("#"):
                let digits = number.dropFirst(), hex = digits.hasPrefix("x"), body = hex ? digits.dropFirst() : digits
                // Digits only: UInt32 would also take a sign ("&#+65;"), which XML does not.
                let value = body.allSatisfy({ hex ? $0.isHexDigit : $0.isASCII && $0.isNumber }) ? UInt32(body, radix: hex ? 16 : 10) : nil
                // Only characters XML allows: no NUL or other C0 control but tab and line ends.
                guard let value, let scalar = Unicode.Scalar(value), value >= 0x20 || [0x09, 0x0A, 0x0D].contains(value),
                      value != 0xFFFE, value != 0xFFFF else { throw fail("&\(number); is no character XML allows") }
                return Array(String(Character(scalar)).utf8)
            default:
                throw fail("an unknown entity (&\(String(decoding: body.prefix(10), as: UTF8.self));)")
            }
        }

        func fail(_ reason: String) -> Malformed {
            Malformed(line: bytes[..<min(index, bytes.count)].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }, reason: reason)
        }
    }
}
