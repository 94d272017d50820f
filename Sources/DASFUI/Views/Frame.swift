/// What one render produces: the cells, and where the hardware cursor goes (on the selection,
/// so screen readers and magnifiers follow it).
public struct Frame: Sendable, Equatable {
    public var grid: Grid
    public var cursor: (x: Int, y: Int)?

    public init(grid: Grid, cursor: (x: Int, y: Int)?) {
        self.grid = grid
        self.cursor = cursor
    }

    public static func == (a: Frame, b: Frame) -> Bool {
        a.grid == b.grid && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }
}
