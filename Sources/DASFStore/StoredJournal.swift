import DASFEngine
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A journal left in its file: the file as it was opened (its descriptor is kept, so a save that
/// replaced the file since cannot change what is read) and where the list lies in it. Nothing is
/// read until the entries or the bytes are asked for.
///
/// It only exists for a file laid out as dasf writes it: the journal is the last field, opened
/// by `,\n  "journal": [\n` and closed by `\n  ]\n}\n`, one entry a line (`SaveFileFormat`).
final class StoredJournal: KeptJournal, @unchecked Sendable {
    /// What to say in errors.
    let path: String
    let descriptor: Int32
    /// Where `[` is, and the length through the closing `]` (`[\n … \n  ]`).
    let offset: Int
    let length: Int

    init(path: String, descriptor: Int32, offset: Int, length: Int) {
        self.path = path
        self.descriptor = descriptor
        self.offset = offset
        self.length = length
    }

    deinit { close(descriptor) }

    /// The list's bytes, `[` to `]`, as they were when the file was opened.
    func bytes() throws(JournalUnreadable) -> Data {
        try read(from: offset, count: length)
    }

    /// Where the entries' lines are (as `entryLines`), after checking that the list still opens
    /// and closes there: what a save copies without reading it.
    func entryRange() throws(JournalUnreadable) -> (offset: Int, count: Int) {
        guard try read(from: offset, count: 2) == Data("[\n".utf8), try read(from: offset + length - 4, count: 4) == Data("\n  ]".utf8) else {
            throw JournalUnreadable(reason: "the journal is not where it was when the file was opened (changed in place?)")
        }
        return (offset + 2, length - 6)
    }

    /// The entries' lines without the brackets: from the first entry through the last one's `}`
    /// (empty when the list is). What a save writes again before the entries recorded since.
    /// Every line is checked to be indented as an entry is (so the list holds entries and
    /// nothing after it: a field written after the journal by hand is found here, not saved over).
    func entryLines() throws(JournalUnreadable) -> Data {
        let all = try bytes()
        let open = Data("[\n".utf8), close = Data("\n  ]".utf8)
        guard all.count >= open.count + close.count, all.prefix(open.count) == open, all.suffix(close.count) == close else {
            throw JournalUnreadable(reason: "the journal is not where it was when the file was opened (changed in place?)")
        }
        let lines = all.subdata(in: all.startIndex + open.count ..< all.endIndex - close.count)
        guard Self.indentedAsEntries(lines) else {
            throw JournalUnreadable(reason: "the journal is not laid out as dasf writes it (a field after it?); run dasf validate")
        }
        return lines
    }

    /// Whether every line starts with the four spaces and brace of a journal entry.
    static func indentedAsEntries(_ lines: Data) -> Bool {
        lines.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return true }
            let count = raw.count
            var start = 0
            while start < count {
                guard count - start >= 5, base[start] == 0x20, base[start + 1] == 0x20, base[start + 2] == 0x20,
                      base[start + 3] == 0x20, base[start + 4] == UInt8(ascii: "{") else { return false }
                guard let newline = memchr(base + start, 0x0A, count - start) else { return true }
                start = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return true
        }
    }

    override func load() throws(JournalUnreadable) -> [JournalEntry] {
        let data = try bytes()
        do {
            return try SaveFileFormat.decodeJournal(data, path: path)
        } catch {
            throw JournalUnreadable(reason: error.reason)
        }
    }

    /// The last line alone: the list's last 64 KB at most, cut at the line before the last entry.
    override var last: JournalEntry? {
        let window = min(length, 65_536)
        guard let tail = try? read(from: offset + length - window, count: window) else { return nil }
        let bytes = [UInt8](tail)
        // "…\n    {…}\n  ]": the entry is between the last two newlines.
        guard let end = bytes.lastIndex(of: 0x0A), let start = bytes[..<end].lastIndex(of: 0x0A) else { return nil }
        let line = Data(bytes[(start + 1)..<end])
        return try? SaveFileFormat.decodeJournal(Data("[".utf8) + line + Data("]".utf8), path: path).last
    }

    private func read(from start: Int, count: Int) throws(JournalUnreadable) -> Data {
        let data: Data
        do {
            data = try Directory.read(descriptor, from: start, count: count)
        } catch {
            throw JournalUnreadable(reason: "the journal cannot be read (\(error.reason))")
        }
        guard data.count == count else { throw JournalUnreadable(reason: "the file became shorter while it was open; its journal cannot be read") }
        return data
    }
}
