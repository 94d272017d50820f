/// One terminal cell: a grapheme and its style, as plain data (cheap to copy and compare, which
/// matters at 12,000 cells a frame). A grapheme of one scalar is stored inline; the rare longer
/// one (a combining accent, a skin-toned emoji) lives in its grid's cluster table. A wide grapheme
/// occupies its cell and marks the next one as a continuation, which the backend skips.
public struct Cell: Sendable, Hashable {
    /// The grapheme's first scalar.
    public var scalar: Unicode.Scalar
    /// 0 when `scalar` is the whole grapheme; otherwise 1 + its index in `Grid.clusters`.
    public var cluster: UInt16
    /// 1 or 2 for a drawn grapheme, 0 for the right half of a wide one.
    public var width: UInt8
    public var style: Style

    public init(_ scalar: Unicode.Scalar = " ", width: UInt8 = 1, style: Style = .plain) {
        self.scalar = scalar
        cluster = 0
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
}
