/// Orders ids the way people count: "1.2" before "1.10", "DASF 9" before "DASF 10".
/// Save files list entries in this order so that a diff reads like the catalog.
public enum IDOrder {
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
        var x = i.next(), y = j.next()
        while let p = x, let q = y {
            if isDigit(p) && isDigit(q) {
                var m: UInt64 = 0, n: UInt64 = 0
                var cursorA: Unicode.Scalar? = p, cursorB: Unicode.Scalar? = q
                while let s = cursorA, isDigit(s) { m = m &* 10 &+ UInt64(s.value - 48); cursorA = i.next() }
                while let s = cursorB, isDigit(s) { n = n &* 10 &+ UInt64(s.value - 48); cursorB = j.next() }
                if m != n { return m < n }
                x = cursorA; y = cursorB
                continue
            }
            if p != q { return p.value < q.value }
            x = i.next(); y = j.next()
        }
        return x == nil && y != nil
    }

    public static func sorted<S: Sequence>(_ ids: S) -> [String] where S.Element == String {
        ids.sorted(by: areInIncreasingOrder)
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
}
