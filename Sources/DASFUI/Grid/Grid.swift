import Foundation

/// The in-memory screen every view draws into. The backend copies it to the terminal; tests read
/// it as text. Drawing clips at the rectangle it is given and at the grid's edge, so no layout can
/// index out of bounds at any size.
public struct Grid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Graphemes of more than one scalar, referred to by `Cell.cluster`.
    public private(set) var clusters: [String] = []

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The grapheme a cell shows.
    public func character(of cell: Cell) -> Character {
        cell.cluster == 0 ? Character(cell.scalar) : Character(clusters[Int(cell.cluster) - 1])
    }

    /// Every scalar of the grapheme a cell shows.
    public func scalars(of cell: Cell) -> [Unicode.Scalar] {
        cell.cluster == 0 ? [cell.scalar] : Array(clusters[Int(cell.cluster) - 1].unicodeScalars)
    }

    /// A cell for a grapheme, registering it in the cluster table when it has several scalars.
    mutating func cell(for character: Character, width: Int, style: Style) -> Cell {
        var cell = Cell(character.unicodeScalars.first ?? " ", width: UInt8(width), style: style)
        if character.unicodeScalars.count > 1 && clusters.count < Int(UInt16.max) {
            clusters.append(String(character))
            cell.cluster = UInt16(clusters.count)
        }
        return cell
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { x >= 0 && y >= 0 && x < width && y < height ? cells[y * width + x] : .blank }
        set { if x >= 0 && y >= 0 && x < width && y < height { cells[y * width + x] = newValue } }
    }

    /// Writes text from (x, y), never past `clip` (default: the whole grid) nor past `maxWidth`
    /// cells. Control characters become visible stand-ins ("^[" for ESC), so nothing from a
    /// file or the keyboard can reach the terminal as a command. Returns the cells used.
    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil, clip: Rect? = nil) -> Int {
        let area = clip ?? bounds
        guard y >= area.y, y < area.maxY, y >= 0, y < height else { return 0 }
        let right = min(area.maxX, width, maxWidth.map { x + $0 } ?? Int.max)
        var column = x
        // Puts one cell (and the continuation of a wide one); false when it does not fit.
        func place(_ cell: Cell, _ w: Int) -> Bool {
            if column + w > right { return false }
            if column >= area.x && column >= 0 {
                let index = y * width + column
                if cells[index].width != 1 || w != 1 { clearWide(at: column, y: y) }
                cells[index] = cell
                if w == 2 {
                    clearWide(at: column + 1, y: y)
                    self[column + 1, y] = Cell(" ", width: 0, style: style)
                }
            }
            column += w
            return true
        }
        if TextWidth.isPrintableASCII(text) {
            // Fastest path: bytes are cells; no grapheme breaking at all.
            for byte in text.utf8 where !place(Cell(Unicode.Scalar(byte), width: 1, style: style), 1) { break }
            return column - x
        }
        if TextWidth.isSimple(text) {
            // Every scalar is a one-cell grapheme: no grapheme breaking needed.
            for scalar in text.unicodeScalars where !place(Cell(scalar, width: 1, style: style), 1) { break }
            return column - x
        }
        for character in text {
            let scalars = character.unicodeScalars
            if let scalar = scalars.first, scalars.count == 1, scalar.value >= 0x20, scalar.value != 0x7F, !(0x80..<0xA0).contains(scalar.value) {
                // Common path: one printable scalar (letters, box lines, symbols).
                let w = TextWidth.of(character)
                if w > 0 && !place(Cell(scalar, width: UInt8(w), style: style), w) { break }
                continue
            }
            for shown in Self.visible(character) {
                let w = TextWidth.of(shown)
                if w > 0 && !place(cell(for: shown, width: w, style: style), w) { return column - x }
            }
        }
        return column - x
    }

    /// The rows and columns of `rect` inside the grid: empty, never a reversed range (which
    /// traps), for a rectangle partly or wholly outside it.
    func clipped(_ rect: Rect) -> (rows: Range<Int>, columns: Range<Int>) {
        let top = min(max(0, rect.y), height), left = min(max(0, rect.x), width)
        return (top..<max(top, min(height, rect.maxY)), left..<max(left, min(width, rect.maxX)))
    }

    /// Fills a rectangle with a character and style.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let scalar = character.unicodeScalars.first ?? " "
        let (rows, columns) = clipped(rect)
        for row in rows {
            for column in columns {
                cells[row * width + column] = Cell(scalar, width: 1, style: style)
            }
        }
    }

    /// Changes the style of the cells in a rectangle, keeping their characters.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let (rows, columns) = clipped(rect)
        for row in rows {
            for column in columns {
                change(&cells[row * width + column].style)
            }
        }
    }

    /// The screen as text, one line per row with trailing blanks trimmed (as `tmux capture-pane`
    /// prints it), continuation cells skipped.
    public var text: String {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width where self[column, row].width != 0 { line.append(character(of: self[column, row])) }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Overwriting half of a wide character blanks its other half, so no orphan half remains.
    private mutating func clearWide(at x: Int, y: Int) {
        let cell = self[x, y]
        if cell.width == 0 && x > 0 && self[x - 1, y].width == 2 { self[x - 1, y] = .blank }
        if cell.width == 2 && x + 1 < width { self[x + 1, y] = .blank }
    }

    /// What a character is drawn as: itself, or a harmless stand-in for a control character.
    static func visible(_ character: Character) -> [Character] {
        guard let scalar = character.unicodeScalars.first else { return [] }
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return [" "]
        case 0..<0x20: return ["^", Character(Unicode.Scalar(UInt8(scalar.value + 64)))]
        case 0x7F: return ["^", "?"]
        case 0x80..<0xA0: return ["\u{FFFD}"]
        default:
            if character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }) {
                return ["\u{FFFD}"]
            }
            return TextWidth.parts(of: character)
        }
    }

    /// For a terminal that shows only ASCII (`--ascii`, a C locale): every cell becomes one ASCII
    /// character, so people's text stays readable ("Café" → "Cafe", "José Müller" → "Jose Muller")
    /// and nothing is left for the terminal to drop, which would leave cells of an earlier frame
    /// showing. A letter is folded to its base; anything else is one "?" per column it took.
    public mutating func foldToASCII() {
        for index in cells.indices {
            let cell = cells[index]
            if cell.cluster == 0 && cell.scalar.isASCII && cell.width == 1 { continue }
            var folded = cells[index]
            folded.cluster = 0
            folded.width = 1
            if cell.width == 0 {
                folded.scalar = "?"
            } else {
                let text = cell.cluster == 0 ? String(cell.scalar) : clusters[Int(cell.cluster) - 1]
                folded.scalar = cell.width == 1 ? Self.asciiBase(of: text) : "?"
            }
            cells[index] = folded
        }
    }

    /// "é" → "e", "Å" → "A", "ø" → "o"; "?" when there is no ASCII letter underneath.
    static func asciiBase(of text: String) -> Unicode.Scalar {
        let special: [Unicode.Scalar: Unicode.Scalar] = ["ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "s", "æ": "a", "Æ": "A",
                                                         "œ": "o", "Œ": "O", "ı": "i", "’": "'", "‘": "'", "“": "\"", "”": "\"", "–": "-", "—": "-", "…": "~"]
        guard let first = text.decomposedStringWithCanonicalMapping.unicodeScalars.first else { return "?" }
        if first.isASCII && first.value >= 0x20 && first.value < 0x7F { return first }
        return special[first] ?? special[text.unicodeScalars.first ?? "?"] ?? "?"
    }
}
