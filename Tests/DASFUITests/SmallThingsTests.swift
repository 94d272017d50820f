import DASFEngine
import XCTest

@testable import DASFUI

/// Issue 9.13: the small things people saw, each once.
final class SmallThingsTests: XCTestCase {
    /// Filling or restyling a rectangle partly or wholly off the grid changes only the cells
    /// inside it (a rectangle below or right of the grid made a reversed range, which traps).
    func testFillAndRestyleClipToTheGrid() {
        var grid = Grid(width: 6, height: 4)
        for rect in [Rect(x: 10, y: 0, width: 3, height: 2), Rect(x: 0, y: 9, width: 2, height: 2), Rect(x: -5, y: -5, width: 2, height: 2),
                     Rect(x: 7, y: 7, width: 1, height: 1), Rect(x: 2, y: 1, width: 0, height: 3)] {
            grid.fill(rect, with: "#")
            grid.restyle(rect) { $0.bold = true }
        }
        XCTAssertEqual(grid, Grid(width: 6, height: 4), "nothing inside was touched")
        grid.fill(Rect(x: 4, y: 3, width: 5, height: 5), with: "#")
        XCTAssertEqual(grid.cells.filter { $0.scalar == "#" }.count, 2, "only the part inside: (4,3) and (5,3)")
        XCTAssertEqual(grid[5, 3].scalar, "#")
    }

    func testMessagesSayWhatHappenedInPlainWords() throws {
        XCTAssertEqual(AppState.conflictNotice(count: 1), "1 merge conflict to settle: ! lists it")
        XCTAssertEqual(AppState.conflictNotice(count: 3), "3 merge conflicts to settle: ! lists them")
        XCTAssertNil(AppState.conflictNotice(count: 0))

        var state = try sampleState()
        press(&state, .character("c"))
        press(&state, .character(" "))
        press(&state, .character("u"))
        XCTAssertEqual(state.message, "undone: control DASF 1 status: not-started → implemented (Ctrl-R redoes)")
        press(&state, .character("v"))
        XCTAssertEqual(state.message, "DASF 1 marked: 1 marked, the next action applies to all (cursor moved down to the next row)")
        press(&state, .escape, .character("!"), .character(" "))
        XCTAssertEqual(state.message, "space does nothing here; ? lists the keys")
    }

    func testAReadOnlyRiskScreenOffersNoEditKeys() throws {
        var state = try sampleState(readOnly: true)
        press(&state, .character(":"))
        for key in Key.text("9.1") { press(&state, key) }
        press(&state, .enter)
        let bar = Renderer.render(state).grid.text.split(separator: "\n").dropLast().last ?? ""
        XCTAssertFalse(bar.contains(" applies") || bar.contains("space ") || bar.contains("o owner"), String(bar))
        XCTAssertTrue(bar.contains("? help"), String(bar))
    }
}

/// Issue 9.7: at 80 columns the screen's own keys give way, never `? help`.
final class KeyBarTests: XCTestCase {
    func testHelpIsAlwaysInTheKeyBarAt80Columns() throws {
        let routes: [[Key]] = [[], [.character("c")], [.character("c"), .enter], [.character(":")] + Key.text("9.1") + [.enter],
                               [.character("w")], [.character("J")], [.character("W")], [.character("s")], [.character("p")]]
        for route in routes {
            var state = try sampleState(size: Size(width: 80, height: 24))
            for key in route { press(&state, key) }
            let lines = Renderer.render(state).grid.text.split(separator: "\n", omittingEmptySubsequences: false)
            let bar = lines[lines.count - 2]
            XCTAssertTrue(bar.contains("? help"), "\(route): \(bar)")
            XCTAssertFalse(bar.hasSuffix("…"), "\(route): \(bar)")
            if route == [.character("w")] { XCTAssertTrue(bar.contains("next"), "the walk keeps its step: \(bar)") }
        }
    }
}

/// Issue 9.5: while a search is active, a key still means what the screen says it means.
final class SearchKeyTests: XCTestCase {
    func testSearchNeverTakesOverEditKeys() throws {
        var state = try sampleState(size: Size(width: 100, height: 30))
        press(&state, .character("/"))
        for key in Key.text("jailbreak") { press(&state, key) }
        press(&state, .enter)
        guard case .risk(let risk) = state.screen else { return XCTFail("the first hit is a risk: \(state.screen)") }
        XCTAssertTrue(state.message?.contains("Ctrl-N/P next/previous") == true, state.message ?? "")
        let control = try XCTUnwrap(Focus.control(state))
        press(&state, .character("N"))
        XCTAssertEqual(state.prompt?.purpose, .controlNotApplicable(control), "N on a risk marks the control not applicable")
        press(&state, .escape)
        XCTAssertEqual(state.screen, .risk(risk))
        let bar = Renderer.render(state).grid.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last ?? ""
        XCTAssertTrue(bar.contains("Ctrl-N/P hits"), String(bar))
        press(&state, .control("n"))
        XCTAssertNotEqual(state.screen, .risk(risk), "Ctrl-N moves to the next hit")
        press(&state, .enter)
        if case .control = state.screen {
            press(&state, .character("n"))
            XCTAssertNotNil(state.prompt, "n on a control edits the note")
        }
        var map = try sampleState(size: Size(width: 100, height: 30))
        press(&map, .character("/"))
        for key in Key.text("jailbreak") { press(&map, key) }
        press(&map, .enter, .escape)
        XCTAssertEqual(map.screen, .map)
        press(&map, .character("n"))
        XCTAssertNotEqual(map.screen, .map, "on the map, where n means nothing else, it moves between hits")
    }
}

/// Issue 9.6: moving through a component and deciding controls without leaving the risk.
final class MovingThroughAComponentTests: XCTestCase {
    func testJumpsAreOneReadingEachAndBracketsStepThroughRisks() throws {
        var state = try sampleState(size: Size(width: 100, height: 30))
        press(&state, .character(":"))
        for key in Key.text("9") { press(&state, key) }
        press(&state, .enter)
        XCTAssertEqual(state.screen, .component(9), ":9 is component 9, not control DASF 9")
        press(&state, .character(":"))
        for key in Key.text("d9") { press(&state, key) }
        press(&state, .enter)
        XCTAssertEqual(state.screen, .control("DASF 9"))
        press(&state, .character(":"))
        for key in Key.text("9.1") { press(&state, key) }
        press(&state, .enter, .character("]"))
        XCTAssertEqual(state.screen, .risk("9.2"))
        press(&state, .character("["), .character("["))
        XCTAssertEqual(state.screen, .risk("9.1"))
        XCTAssertEqual(state.message, "this is the component's first risk")
        let control = try XCTUnwrap(Focus.control(state))
        press(&state, .character("o"))
        XCTAssertEqual(state.prompt?.purpose, .controlOwner(control), "o on a risk sets the selected control's owner")
        press(&state, .escape, .character("w"))
        guard case .walk = state.screen else { return XCTFail("\(state.screen)") }
        press(&state, .character("o"))
        XCTAssertNotNil(state.prompt, "o works in the walk")
    }
}

/// Issue 9.10: the mouse wheel scrolls lists, three rows a notch, and nothing with --no-mouse.
final class WheelTests: XCTestCase {
    func testTheWheelScrollsLists() throws {
        var state = try sampleState(size: Size(width: 100, height: 30))
        press(&state, .character("c"))
        press(&state, .wheel(up: false), .wheel(up: false))
        XCTAssertEqual(state.place.selected, 6)
        press(&state, .wheel(up: true))
        XCTAssertEqual(state.place.selected, 3)
        press(&state, .wheel(up: true), .wheel(up: true))
        XCTAssertEqual(state.place.selected, 0, "stops at the top")
        var still = try sampleState(size: Size(width: 100, height: 30))
        still = AppState(catalog: still.catalog, assessment: still.assessment, path: still.path, size: still.size, mouse: false)
        press(&still, .character("c"), .wheel(up: false))
        XCTAssertEqual(still.place.selected, 0, "--no-mouse ignores the wheel")
    }
}

/// Issue 9.8: in ASCII mode people's text stays readable, every cell is one ASCII character
/// (nothing for the terminal to drop), and "partial" is not the ellipsis.
final class ASCIITextTests: XCTestCase {
    func testLettersFoldToTheirBaseAndEverythingElseIsAQuestionMarkPerColumn() throws {
        var grid = Grid(width: 21, height: 1)
        grid.text("Café José Müller 漢🛡️", x: 0, y: 0)
        grid.foldToASCII()
        XCTAssertEqual(grid.text, "Cafe Jose Muller ???", "漢 takes two columns, 🛡 (drawn without VS16) one")
        XCTAssertTrue(grid.cells.allSatisfy { $0.scalar.isASCII && $0.width == 1 && $0.cluster == 0 })
        let g = Glyphs(unicode: false)
        XCTAssertNotEqual(g.symbol(.partial), g.ellipsis)
    }

    func testAnASCIIScreenHoldsOnlyASCII() throws {
        var state = try sampleState(size: Size(width: 100, height: 30), unicode: false)
        press(&state, .character("c"), .character("o"))
        for key in Key.text("José Müller") { press(&state, key) }
        press(&state, .enter, .enter)
        let text = Renderer.render(state).grid.text
        XCTAssertTrue(text.contains("Jose Muller"), text)
        XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII))
    }
}

/// Issue 9.7: help wraps instead of cutting, and a list's position never covers its last row.
final class WrappingTests: XCTestCase {
    func testHelpWrapsAndThePositionHasItsOwnRoom() throws {
        var state = try sampleState(size: Size(width: 80, height: 24))
        press(&state, .character("?"), .character("G"))
        let text = Renderer.render(state).grid.text
        XCTAssertTrue(text.contains("out of scope"), "the symbol legend is wrapped, not cut:\n\(text)")
        XCTAssertFalse(text.split(separator: "\n").dropLast(2).contains { $0.hasSuffix("…") && !$0.contains(" of ") }, text)
        var journal = try sampleState(size: Size(width: 80, height: 24))
        press(&journal, .character("c"))
        let rows = Renderer.render(journal).grid.text.split(separator: "\n")
        let last = try XCTUnwrap(rows.first { $0.contains(" of 64") })
        XCTAssertTrue(last.contains("…") || last.hasSuffix(" of 64"), "the row gives way to the position: \(last)")
        XCTAssertTrue(last.contains("DASF"), "and still shows its control: \(last)")
    }
}

/// Issue 9.7: the read-only marker is never cut, whatever the title's length.
final class TitleBarTests: XCTestCase {
    func testMarkersSurviveALongTitleAt100Columns() throws {
        var state = try sampleState(size: Size(width: 100, height: 30), readOnly: true)
        var long = state.assessment
        long.title = "Claims triage assistant for the EMEA motor and household lines, second phase"
        state = AppState(catalog: state.catalog, assessment: long, path: state.path, size: state.size, readOnly: true)
        let bar = String(Renderer.render(state).grid.text.split(separator: "\n")[0])
        XCTAssertTrue(bar.contains("READ-ONLY"), bar)
        XCTAssertTrue(bar.contains("Claims triage"), bar)
    }
}
