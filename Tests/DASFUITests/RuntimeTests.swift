import Glibc
import DASFEngine
import XCTest

@testable import DASFUI

/// A terminal that plays back keys and keeps every frame, for running the real loop in tests.
final class ScriptedBackend: TerminalBackend {
    var events: [TerminalEvent]
    var frames: [Frame] = []
    let size: Size
    /// Simulated time in milliseconds (whole numbers, so no rounding decides a test).
    var milliseconds = 0
    var clock: Double { Double(milliseconds) / 1000 }
    /// Simulated time each event takes.
    let step: Int

    init(size: Size = Size(width: 80, height: 24), events: [TerminalEvent], step: Int = 50) {
        self.size = size
        self.events = events
        self.step = step
    }

    func draw(_ frame: Frame) { frames.append(frame) }

    func nextEvent(timeout: Int) -> TerminalEvent {
        milliseconds += step
        return events.isEmpty ? .stop : events.removeFirst()
    }
}

final class RuntimeTests: XCTestCase {
    func testEditsAreSavedOnceSettledAndAlwaysBeforeLeaving() throws {
        let state = try sampleState()
        let backend = ScriptedBackend(events: [.key(.character("c")), .key(.character(" ")), .key(.character(" ")), .timeout, .timeout,
                                               .timeout, .timeout, .timeout, .timeout, .key(.down), .key(.character(" ")), .key(.character("q"))])
        var saves: [Assessment] = []
        let runtime = Runtime(state: state, backend: backend, now: { backend.clock }) { assessment, _, _ in
            saves.append(assessment)
            return .saved(time: "t\(saves.count)")
        }
        XCTAssertNil(runtime.run())
        XCTAssertEqual(saves.count, 2, "two quick edits coalesce into one save; the last edit is saved on quit")
        XCTAssertEqual(saves[0].status(of: "DASF 1"), .planned, "implemented, then two presses: not started, planned")
        XCTAssertEqual(saves[1].status(of: "DASF 2"), .notStarted)
        XCTAssertEqual(runtime.state.save, .saved("t2"))
        XCTAssertEqual(backend.frames.count, 7, "a frame first, one per key but the last (q), one when the settled save is said; none for idle wake-ups")
        XCTAssertEqual(backend.frames.last?.grid.width, 80)
    }

    func testAStopSignalSavesThePendingEdit() throws {
        let backend = ScriptedBackend(events: [.key(.character("c")), .key(.character(" ")), .stop])
        var saved: Assessment?
        let runtime = Runtime(state: try sampleState(), backend: backend, now: { backend.clock }) { assessment, _, _ in
            saved = assessment
            return .saved(time: "now")
        }
        XCTAssertNil(runtime.run())
        XCTAssertEqual(saved?.status(of: "DASF 1"), .notStarted, "DASF 1 was implemented; one press cycles it to not started")
    }

    func testAConflictKeepsTheEditsAndHandsThemBack() throws {
        let backend = ScriptedBackend(events: [.key(.character("c")), .key(.down), .key(.character(" ")), .timeout, .timeout, .timeout, .timeout,
                                               .timeout, .timeout, .key(.character("q"))])
        var attempts: [(Assessment, Bool)] = []
        let runtime = Runtime(state: try sampleState(), backend: backend, now: { backend.clock }) { assessment, _, force in
            attempts.append((assessment, force))
            return .conflict("changed")
        }
        let unsaved = runtime.run()
        XCTAssertEqual(unsaved?.status(of: "DASF 2"), .notStarted)
        XCTAssertEqual(attempts.count, 1, "no retry loop against a changed file")
        XCTAssertTrue(backend.frames.last!.grid.text.contains("NOT SAVED: changed on disk"))
    }

    func testOverwriteForcesTheSave() throws {
        let backend = ScriptedBackend(events: [.key(.character("c")), .key(.character(" ")), .timeout, .timeout, .timeout, .timeout, .timeout,
                                               .timeout, .key(.control("w")), .key(.character("q"))])
        var forced = false
        var calls = 0
        let runtime = Runtime(state: try sampleState(), backend: backend, now: { backend.clock }) { _, _, force in
            calls += 1
            forced = force
            return calls == 1 ? .conflict("changed") : .saved(time: "t")
        }
        XCTAssertNil(runtime.run())
        XCTAssertTrue(forced)
        XCTAssertEqual(runtime.state.save, .saved("t"))
    }

    /// The map's first frame may be made on another core while the terminal starts: drawn as
    /// given when the terminal has the size it was made for, made afresh when not.
    func testAFirstFrameMadeAheadIsDrawnOnlyAtItsSize() throws {
        let state = try sampleState()
        let ahead = Renderer.render(state)
        var marked = ahead
        marked.grid[0, 0] = Cell("#")
        XCTAssertNotEqual(marked, ahead)

        let same = ScriptedBackend(events: [.key(.character("q"))])
        _ = Runtime(state: state, backend: same, now: { same.clock }) { _, _, _ in .saved(time: "t") }.run(firstFrame: marked)
        XCTAssertEqual(same.frames.first, marked, "drawn as given, not made again")
        XCTAssertEqual(ahead, Renderer.render(state), "rendering is pure: the frame made ahead is the one the runtime would make")

        let wider = ScriptedBackend(size: Size(width: 100, height: 30), events: [.key(.character("q"))])
        _ = Runtime(state: state, backend: wider, now: { wider.clock }) { _, _, _ in .saved(time: "t") }.run(firstFrame: marked)
        var resized = state
        resized.size = wider.size
        XCTAssertEqual(wider.frames.first, Renderer.render(resized), "another size: made afresh at the terminal's")
    }

    func testKeyDecoding() {
        XCTAssertEqual(KeyDecoding.character(13), .enter)
        XCTAssertEqual(KeyDecoding.character(10), .enter)
        XCTAssertEqual(KeyDecoding.character(27), .escape)
        XCTAssertEqual(KeyDecoding.character(127), .backspace)
        XCTAssertEqual(KeyDecoding.character(18), .control("r"))
        XCTAssertEqual(KeyDecoding.character(0x65E5), .character("日"))
        XCTAssertEqual(KeyDecoding.character(0x20), .character(" "))
    }
}

final class GridTests: XCTestCase {
    func testWidths() {
        XCTAssertEqual(TextWidth.of("abc"), 3)
        XCTAssertEqual(TextWidth.of("é"), 1)
        XCTAssertEqual(TextWidth.of("e\u{301}"), 1)
        XCTAssertEqual(TextWidth.of("日本"), 4)
        XCTAssertEqual(TextWidth.of("👍"), 2)
        XCTAssertEqual(TextWidth.of("👍🏽"), 2, "drawn without the skin tone")
        XCTAssertEqual(TextWidth.of("🇫🇷"), 2)
        XCTAssertEqual(TextWidth.of("👨‍👩‍👧"), 6, "drawn as three emoji, unjoined")
        XCTAssertEqual(TextWidth.of("🛡️"), 1, "drawn without VS16, as the C library measures it")
        XCTAssertEqual(TextWidth.of("1️⃣"), 1)
        XCTAssertEqual(TextWidth.of("\u{200B}"), 0)
        XCTAssertEqual(TextWidth.truncate("Model serving: inference", to: 10), "Model ser…")
        XCTAssertEqual(TextWidth.truncate("日本語テキスト", to: 5), "日本…")
        XCTAssertEqual(TextWidth.truncate("Café crème brûlée", to: 8), "Café cr…", "accented text is cut by character, as it is drawn")
        XCTAssertEqual(TextWidth.wrap("one two three four", width: 9), ["one two", "three", "four"])
    }

    func testGraphemesOfSeveralScalarsSurviveTheGrid() {
        var grid = Grid(width: 12, height: 1)
        grid.text("e\u{301}👍🏽🇫🇷x1\u{FE0F}\u{20E3}", x: 0, y: 0)
        XCTAssertEqual(grid.text, "e\u{301}👍🇫🇷x1\u{20E3}")
        XCTAssertEqual(grid.scalars(of: grid[0, 0]).count, 2, "the accent stays on its letter")
        XCTAssertEqual(grid[2, 0].width, 0, "right half of the wide emoji")
        XCTAssertEqual(grid.scalars(of: grid[6, 0]).map(\.value), [0x31, 0x20E3], "the keycap stays, the selector goes")
    }

    /// Issue 9.8: every cell is as wide as the C library says (ncurses and tmux measure with it),
    /// whatever the emoji sequence, so a line can never be pushed out of its column.
    func testEmojiSequencesAreDrawnAsCellsTheCLibraryMeasuresAlike() throws {
        // wcwidth is not in Swift's Glibc module (it needs _XOPEN_SOURCE): look it up.
        let symbol = try XCTUnwrap(dlsym(dlopen(nil, RTLD_NOW), "wcwidth"))
        let wcwidth = unsafeBitCast(symbol, to: (@convention(c) (wchar_t) -> Int32).self)
        let utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
        try XCTSkipIf(utf8 == nil, "no C.UTF-8 locale")
        let previous = uselocale(utf8)
        defer { uselocale(previous); freelocale(utf8) }
        let samples = ["🛡️", "👨‍👩‍👧", "👍🏽", "1️⃣", "🇫🇷", "❤️", "⚠️", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "👩🏾‍💻", "🧑‍🤝‍🧑", "e\u{301}", "日本", "Café", "x\u{200D}y", "\u{FE0F}"]
        for sample in samples {
            var grid = Grid(width: 40, height: 1)
            let used = grid.text("[" + sample + "]", x: 0, y: 0)
            var drawn = 0
            for x in 0..<used where grid[x, 0].width > 0 {
                let scalars = grid.scalars(of: grid[x, 0])
                XCTAssertFalse(scalars.contains { [0x200D, 0xFE0F, 0xFE0E].contains($0.value) }, "\(sample): a joiner or selector reached a cell")
                let libc = scalars.reduce(Int32(0)) { $0 + max(0, wcwidth(wchar_t(bitPattern: $1.value))) }
                XCTAssertEqual(Int(libc), Int(grid[x, 0].width), "\(sample): cell \(x) holds \(scalars.map { String($0.value, radix: 16) })")
                drawn += Int(grid[x, 0].width)
            }
            XCTAssertEqual(drawn, used, sample)
            XCTAssertEqual(TextWidth.of("[" + sample + "]"), used, "\(sample): measured as drawn")
            XCTAssertEqual(TextWidth.of(TextWidth.truncate(sample + sample, to: 5)), min(5, TextWidth.of(sample + sample)), sample)
        }
    }

    func testDrawingClipsAndNeverSplitsAWideCharacter() {
        var grid = Grid(width: 6, height: 2)
        XCTAssertEqual(grid.text("ab日本語", x: 0, y: 0), 6)
        XCTAssertEqual(grid.text, "ab日本\n")
        grid.text("xy", x: 3, y: 0)
        XCTAssertEqual(grid.text, "ab xy\n", "overwriting half of 日 blanks the other half")
        grid.text("long text", x: 2, y: 1, clip: Rect(x: 2, y: 1, width: 3, height: 1))
        XCTAssertEqual(grid.text, "ab xy\n  lon")
        grid.text("beyond", x: -3, y: 5)
        grid.text("beyond", x: 4, y: 0)
        XCTAssertEqual(Grid(width: 0, height: 0).text, "")
    }

    /// A note full of escape sequences shows as text and no control character reaches a cell.
    func testHostileTextRendersInert() throws {
        var state = try sampleState(size: Size(width: 100, height: 30))
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31mred\u{9B}1m\rback\u{7F}"
        press(&state, .character("c"), .enter, .character("n"))
        for key in hostile.map({ Key.character($0) }) { press(&state, key) }
        press(&state, .enter)
        XCTAssertEqual(state.assessment.controls["DASF 1"]?.note, "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31mred\u{9B}1m back\u{7F}".replacingOccurrences(of: " back", with: "\rback").trimmingCharacters(in: .whitespaces))
        let frame = Renderer.render(state)
        for cell in frame.grid.cells {
            for scalar in frame.grid.scalars(of: cell) {
                XCTAssertFalse(scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value), "control U+\(String(scalar.value, radix: 16)) reached the grid")
            }
        }
        XCTAssertTrue(frame.grid.text.contains("Note: ^[]0;pwned^G^[[2J^[[31mred\u{FFFD}1m back^?"), frame.grid.text)
    }
}

final class RedrawTests: XCTestCase {
    final class CountingBackend: TerminalBackend {
        var events: [TerminalEvent]
        var invalidations = 0
        var frames = 0
        let size = Size(width: 80, height: 24)
        init(_ events: [TerminalEvent]) { self.events = events }
        func draw(_ frame: Frame) { frames += 1 }
        func nextEvent(timeout: Int) -> TerminalEvent { events.isEmpty ? .stop : events.removeFirst() }
        func invalidate() { invalidations += 1 }
    }

    func testCtrlLRepaintsEverything() throws {
        let backend = CountingBackend([.key(.control("l")), .key(.character("q"))])
        let runtime = Runtime(state: try sampleState(), backend: backend, now: { 0 }) { _, _, _ in .saved(time: "t") }
        _ = runtime.run()
        XCTAssertEqual(backend.invalidations, 1)
        XCTAssertEqual(backend.frames, 2)
    }
}

/// Issue 13: idle is free. With nothing happening the runtime draws nothing (the old one drew
/// and diffed a whole frame every second); a key, a save or a file changed on disk still draws.
final class IdleTests: XCTestCase {
    func testNothingIsDrawnWhileNothingChanges() throws {
        let idle: [TerminalEvent] = Array(repeating: TerminalEvent.timeout, count: 30)
        var events: [TerminalEvent] = idle
        events.append(.key(.right))
        events += idle
        events.append(.key(.character("q")))
        let backend = RedrawTests.CountingBackend(events)
        var clock = 0.0
        var looks = 0
        let runtime = Runtime(state: try sampleState(), backend: backend, now: { clock += 1; return clock },
                              changedOnDisk: { looks += 1; return false }) { _, _, _ in .saved(time: "t") }
        _ = runtime.run()
        XCTAssertEqual(backend.frames, 2, "the first frame and the one after the key; none for 60 idle wake-ups")
        XCTAssertGreaterThanOrEqual(looks, 60, "the file on disk is still watched while idle")
    }
}

final class ReportKeyTests: XCTestCase {
    func testRWritesTheReportsAndSaysWhere() throws {
        let backend = ScriptedBackend(events: [.key(.character("R")), .key(.character("q"))])
        var written: [Assessment] = []
        let runtime = Runtime(state: try sampleState(), backend: backend, now: { backend.clock },
                              report: { _, assessment, _ in written.append(assessment); return "wrote claims.report.md and claims.report.html" }) { _, _, _ in .saved(time: "t") }
        _ = runtime.run()
        XCTAssertEqual(written.count, 1)
        XCTAssertTrue(backend.frames.last!.grid.text.contains("wrote claims.report.md and claims.report.html"))
    }
}
