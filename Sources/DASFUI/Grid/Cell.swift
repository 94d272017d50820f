/// One terminal cell: a grapheme and its style. A wide grapheme occupies its cell and marks the
/// next one as a continuation, which the backend skips.
public struct Cell: Sendable, Hashable {
    public var character: Character
    /// 1 or 2 for a drawn grapheme, 0 for the right half of a wide one.
    public var width: UInt8
    public var style: Style

    public init(_ character: Character = " ", width: UInt8 = 1, style: Style = .plain) {
        self.character = character
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
}
