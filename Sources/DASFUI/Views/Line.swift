/// A run of text in one style.
public struct Span: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One row of styled text.
public typealias Line = [Span]

extension Grid {
    /// Draws a line of spans in a rectangle's first row, clipped to it; a line that does not fit
    /// ends in `ellipsis` so nobody mistakes a cut word for a whole one. Returns the cells used.
    @discardableResult
    mutating func draw(_ line: Line, in rect: Rect, ellipsis: Character? = "…") -> Int {
        guard rect.width > 0, rect.height > 0 else { return 0 }
        var x = rect.x
        for span in line where x < rect.maxX {
            x += text(span.text, x: x, y: rect.y, style: span.style, clip: rect)
        }
        // Only a line that reached the last column (or the one before, where a wide character
        // did not fit) can have been cut: only then is the whole of it measured.
        if x >= rect.maxX - 1, let ellipsis, line.reduce(0, { $0 + TextWidth.of($1.text) }) > rect.width {
            let last = rect.maxX - 1
            var style = self[last, rect.y].style
            if self[last, rect.y].width == 0 { style = self[last - 1, rect.y].style; self[last - 1, rect.y] = Cell(" ", style: style) }
            self[last, rect.y] = Cell(ellipsis.unicodeScalars.first ?? "~", style: style)
        }
        return x - rect.x
    }
}

/// Text laid out in columns: the flexible one takes what the fixed ones leave.
enum Columns {
    /// `cells` are (text, width or nil for flexible, right-aligned); the result fills `width`.
    static func line(_ cells: [(String, Int?, Bool, Style)], width: Int, ellipsis: String) -> Line {
        let fixed = cells.compactMap(\.1).reduce(0, +) + max(0, cells.count - 1)
        let flexible = max(0, width - fixed)
        var spans: Line = []
        for (n, (text, fixedWidth, right, style)) in cells.enumerated() {
            let w = fixedWidth ?? flexible
            let cut = TextWidth.truncate(text, to: w, ellipsis: ellipsis)
            let pad = TextWidth.repeated(" ", w - TextWidth.of(cut))
            spans.append(Span(right ? pad + cut : cut + pad, style))
            if n < cells.count - 1 { spans.append(Span(" ")) }
        }
        return spans
    }
}
