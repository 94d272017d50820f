import CNcurses
import DASFUI
import Glibc

/// The terminal, through ncursesw. It copies the grid (only cells that changed since the last
/// frame; ncurses then sends only what differs on screen), places the cursor, and turns
/// ncurses' key codes into `Key`s. Nothing else happens here.
public final class NcursesBackend: TerminalBackend {
    private let window: UnsafeMutablePointer<WINDOW>
    private let color: Bool
    /// Colour pairs made so far, by foreground and background (0: none yet). A flat table: a
    /// dictionary keyed by a number cost the first frame a 0.4 M-instruction runtime search.
    private var pairs = [Int16](repeating: 0, count: Color.allCases.count * Color.allCases.count)
    private var pairsMade: Int16 = 0
    private var previous: Grid?
    /// One run of cells as ncurses takes them, reused frame after frame.
    private var run: [cchar_t] = []
    private var quickErrors = 0
    private var stopped = false

    /// Says whether the locale is UTF-8 (and sets it); call before `init`.
    public static func prepareLocale() -> Bool { cnc_setlocale_utf8() != 0 }

    /// The terminal's size as the kernel gives it, before curses starts (curses may see another
    /// when LINES and COLUMNS are set); nil when standard output is no terminal.
    public static func terminalSize() -> Size? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return Size(width: Int(size.ws_col), height: Int(size.ws_row))
    }

    /// Starts curses; nil when there is no usable terminal (TERM unset or unknown).
    public init?(color: Bool, mouse: Bool) {
        cnc_install_handlers()
        guard let window = cnc_start() else { return nil }
        self.window = window
        cbreak()
        cnc_flow_control_off()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        cnc_resume()
        self.color = color && has_colors()
        if self.color {
            start_color()
            use_default_colors()
        }
        if mouse {
            mousemask(cnc_mouse_mask(), nil)
            mouseinterval(250)
        }
    }

    deinit { stop() }

    /// Restores the terminal. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        cnc_stop()
    }

    public func invalidate() {
        previous = nil
        clearok(window, true)
    }

    public var size: Size { Size(width: Int(getmaxx(window)), height: Int(getmaxy(window))) }

    public func draw(_ frame: Frame) {
        let grid = frame.grid
        let reuse = previous.map { $0.width == grid.width && $0.height == grid.height } ?? false
        if !reuse { werase(window) }
        // The first frame as a clear of the screen and the cells written (as ncurses does on a
        // screen it has never drawn): after `cnc_resume` drew an empty one, ncurses would
        // otherwise compare the two line by line and look for scrolled lines (1.2 M instructions
        // more from start to quit at 200x60).
        if previous == nil { clearok(window, true) }
        // The run buffer is taken out of the object for the frame: written through the stored
        // property, every cell paid an exclusivity check and a uniqueness test (0.5 M
        // instructions a frame at 120x40).
        var run = self.run
        self.run = []
        defer { self.run = run }
        if run.count < grid.width + 1 { run = Array(repeating: cchar_t(), count: grid.width + 1) }
        run.withUnsafeMutableBufferPointer { run in
            grid.cells.withUnsafeBufferPointer { cells in
                (reuse ? previous?.cells : nil).withUnsafeBufferPointerIfAny { before in
                    for y in 0..<grid.height {
                        var x = 0
                        while x < grid.width {
                            let i = y * grid.width + x
                            let cell = cells[i]
                            if cell.width == 0 || (before.map { $0[i] == cell } ?? false) && cell.cluster == 0 { x += 1; continue }
                            // On an erased window a stretch of plain blanks is already there: skipped,
                            // not written cell by cell (most of a first frame at 200x60).
                            if before == nil && cell == .blank {
                                var stretch = 1
                                while x + stretch < grid.width && cells[i + stretch] == .blank { stretch += 1 }
                                if stretch >= Self.skippedBlanks { x += stretch; continue }
                            }
                            if cell.cluster != 0 {
                                put(cell, scalars: grid.scalars(of: cell), x: x, y: y)
                                x += 1
                                continue
                            }
                            // A run: changed cells of one style and one scalar each, written with one call
                            // from one reusable buffer (a wide character's right half travels with it).
                            // Blanks join a run of another style when they would look the same in it
                            // (only their background shows), so the terminal is not sent a change of
                            // colour and back for the spaces between two words of one colour.
                            // The characters first (the run's style is known at its end), in place.
                            var count = 0, end = x, style = cell.style, onlyBlanks = true
                            while end < grid.width {
                                let next = cells[y * grid.width + end]
                                if next.width == 0 { end += 1; continue }
                                if next.cluster != 0 { break }
                                let blank = next.scalar == " "
                                if next.style != style {
                                    if blank && Self.blankLooksAlike(next.style, style) {
                                        // Drawn in the run's style.
                                    } else if onlyBlanks && Self.blankLooksAlike(style, next.style) {
                                        style = next.style
                                    } else {
                                        break
                                    }
                                }
                                if let before, before[y * grid.width + end] == next, end > x { break }
                                if before == nil && blank && end > x && Self.blanksAhead(cells, from: y * grid.width + end, limit: grid.width - end) { break }
                                onlyBlanks = onlyBlanks && blank
                                run[count].chars.0 = wchar_t(bitPattern: next.scalar.value)
                                count += 1
                                end += 1
                            }
                            // Cells as ncurses keeps them, copied in without its per-character
                            // processing (waddnwstr's was 250 instructions a character).
                            let attributes = attributes(style), pair = color ? Int32(pairNumber(style)) : 0
                            for k in 0..<count { cnc_cell(&run[k], run[k].chars.0, attributes, pair) }
                            if wmove(window, Int32(y), Int32(x)) != ERR { _ = wadd_wchnstr(window, run.baseAddress, Int32(count)) }
                            x = end
                        }
                    }
                }
            }
        }
        _ = wattr_set(window, cnc_a_normal(), 0, nil)
        previous = grid
        if let cursor = frame.cursor {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wrefresh(window)
    }

    /// The shortest stretch of plain blanks worth skipping on an erased window: a run ends
    /// before it and another starts after (a call and an attribute change, about as much as
    /// writing three cells).
    static let skippedBlanks = 8

    static func blanksAhead(_ cells: UnsafeBufferPointer<Cell>, from index: Int, limit: Int) -> Bool {
        guard limit >= skippedBlanks else { return false }
        for k in 0..<skippedBlanks where cells[index + k] != .blank { return false }
        return true
    }

    /// Whether a blank drawn in `a` looks as one drawn in `b`: the same background, and neither
    /// reverse (which paints the foreground behind it) nor underlined.
    static func blankLooksAlike(_ a: Style, _ b: Style) -> Bool {
        a.background == b.background && !a.reverse && !b.reverse && !a.underline && !b.underline
    }

    private func attributes(_ style: Style) -> attr_t {
        var attributes = cnc_a_normal()
        if style.bold { attributes |= cnc_a_bold() }
        if style.dim { attributes |= cnc_a_dim() }
        if style.reverse { attributes |= cnc_a_reverse() }
        if style.underline { attributes |= cnc_a_underline() }
        return attributes
    }

    /// A cell of several scalars (a combining accent): one cchar_t of its own.
    private func put(_ cell: Cell, scalars: [Unicode.Scalar], x: Int, y: Int) {
        var wide: [wchar_t] = scalars.prefix(Int(CCHARW_MAX) - 1).map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        var cc = cchar_t()
        setcchar(&cc, wide, attributes(cell.style), color ? pairNumber(cell.style) : 0, nil)
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cc)
    }

    private func pairNumber(_ style: Style) -> Int16 {
        if style.foreground == .default && style.background == .default { return 0 }
        let key = Int(style.foreground.rawValue) * Color.allCases.count + Int(style.background.rawValue)
        if pairs[key] != 0 { return pairs[key] }
        pairsMade += 1
        init_pair(pairsMade, curses(style.foreground), curses(style.background))
        pairs[key] = pairsMade
        return pairsMade
    }

    private func curses(_ color: DASFUI.Color) -> Int16 {
        switch color {
        case .default: -1
        case .black: Int16(COLOR_BLACK)
        case .red: Int16(COLOR_RED)
        case .green: Int16(COLOR_GREEN)
        case .yellow: Int16(COLOR_YELLOW)
        case .blue: Int16(COLOR_BLUE)
        case .magenta: Int16(COLOR_MAGENTA)
        case .cyan: Int16(COLOR_CYAN)
        case .white: Int16(COLOR_WHITE)
        }
    }

    public func nextEvent(timeout: Int) -> TerminalEvent {
        if cnc_stop_requested() != 0 { return .stop }
        wtimeout(window, Int32(timeout))
        var code: wint_t = 0
        let started = monotonicMilliseconds()
        let result = wget_wch(window, &code)
        if cnc_stop_requested() != 0 { return .stop }
        if result == ERR {
            // ERR well before the timeout, again and again, means input is gone (closed pty).
            if monotonicMilliseconds() - started < timeout / 4 { quickErrors += 1 } else { quickErrors = 0 }
            return quickErrors > 50 ? .stop : .timeout
        }
        quickErrors = 0
        if result == KEY_CODE_YES { return special(Int32(code)) }
        return .key(KeyDecoding.character(UInt32(code)))
    }

    private func special(_ code: Int32) -> TerminalEvent {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_RESIZE:
            previous = nil
            return .key(.resize(size))
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return .timeout }
            if event.bstate & cnc_wheel_up() != 0 { return .key(.wheel(up: true)) }
            if event.bstate & cnc_wheel_down() != 0 { return .key(.wheel(up: false)) }
            if event.bstate & cnc_button1_double() != 0 { return .key(.mouse(x: Int(event.x), y: Int(event.y), double: true)) }
            if event.bstate & cnc_button1_single() != 0 { return .key(.mouse(x: Int(event.x), y: Int(event.y), double: false)) }
            return .timeout
        default:
            return .timeout
        }
    }

    private func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }
}

extension Optional where Wrapped == [Cell] {
    /// The cells' buffer when there are cells (the last frame), else nil.
    func withUnsafeBufferPointerIfAny<R>(_ body: (UnsafeBufferPointer<Cell>?) -> R) -> R {
        switch self {
        case .some(let cells): cells.withUnsafeBufferPointer { body($0) }
        case .none: body(nil)
        }
    }
}
