import Foundation

/// Checks, before any unpacking, that every entry a zip's central directory lists lies inside the
/// file: ZIPFoundation reads an entry whose data runs past the end for ever (the fuzzer found it),
/// so such a workbook is refused as damaged instead. Every read here is bounds-checked.
enum ZipBounds {
    static func check(_ data: Data, name: String) throws(ImportError) {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        let damaged = ImportError("\(name): the workbook is damaged (its zip directory points outside the file)")
        // The end-of-central-directory record: within the last 64 KB (its comment) and 22 bytes.
        var end: Int?
        var at = bytes.count - 22
        while at >= max(0, bytes.count - 22 - 65_535) {
            if u32(at) == 0x0605_4B50 { end = at; break }
            at -= 1
        }
        guard let eocd = end, let count = u16(eocd + 10), let size = u32(eocd + 12), let offset = u32(eocd + 16) else { throw damaged }
        guard offset + size <= eocd, count <= 10_000 else { throw damaged }
        var record = offset
        for _ in 0..<count {
            guard u32(record) == 0x0201_4B50, let compressed = u32(record + 20), let nameLength = u16(record + 28),
                  let extraLength = u16(record + 30), let commentLength = u16(record + 32), let local = u32(record + 42) else { throw damaged }
            // ZIP64 markers: no workbook part is that large.
            if compressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF { throw damaged }
            guard u32(local) == 0x0403_4B50, let localName = u16(local + 26), let localExtra = u16(local + 28) else { throw damaged }
            let start = local + 30 + localName + localExtra
            guard start + compressed <= bytes.count else { throw damaged }
            record += 46 + nameLength + extraLength + commentLength
            guard record <= eocd else { throw damaged }
        }
    }
}
