import DASFEngine
import DASFTestSupport
import XCTest

@testable import DASFUI

/// Issue 10: presenting to a room.
final class PresenterTests: XCTestCase {
    static let sizes = [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 120, height: 40), Size(width: 160, height: 48)]

    func presentingState(size: Size, fill: Bool = true) throws -> AppState {
        let base = try sampleState(size: size)
        let (assessment, journal) = fill ? PrivateFixture.fill(base.assessment) : (base.assessment, [])
        return AppState(catalog: base.catalog, assessment: assessment, path: "claims.dasf.json", size: size, author: "Dana",
                        today: "2026-11-22", journal: Journal(journal), presenting: true)
    }

    /// At every size, presenting or not, each of the 12 boxes names its component with a name or
    /// short label left whole (9 and 10 told apart), and each stage header names its stage.
    func testEveryComponentAndStageIsNamedWholeAtEverySize() throws {
        for size in Self.sizes {
            for presenting in [false, true] {
                var state = try presentingState(size: size, fill: false)
                if !presenting { press(&state, .control("x"), .character("U")) }
                XCTAssertEqual(state.presenting == nil, !presenting)
                let text = Renderer.render(state).grid.text
                for component in state.catalog.components {
                    XCTAssertTrue(text.contains("\(component.id) \(component.name)") || text.contains(component.name)
                                  || text.contains(component.short), "\(size.width)x\(size.height): component \(component.id) unnamed\n\(text)")
                }
                XCTAssertTrue(text.contains("Requests") || text.contains("inference requests"), "\(size.width)x\(size.height)\n\(text)")
                XCTAssertTrue(text.contains("Responses") || text.contains("inference responses"), "\(size.width)x\(size.height)\n\(text)")
                for stage in state.catalog.stages {
                    XCTAssertTrue(text.contains(" \(stage.name.uppercased()) ") || text.contains(" \(stage.short.uppercased()) "),
                                  "\(size.width)x\(size.height): stage \(stage.id) unnamed\n\(text)")
                }
            }
        }
    }

    /// No private field's text on any screen a presenter can reach, at any size, while the same
    /// screens show them once presenting stops (so the check can fail).
    func testNoPrivateTextOnAnyScreenWhilePresenting() throws {
        let routes: [[Key]] = [
            [], [.character("c")], [.character("c"), .enter], [.enter], [.enter, .enter], [.character(":")] + Key.text("9.12") + [.enter],
            [.character(":")] + Key.text("9.12") + [.enter, .enter], [.character("W")], [.character("U")], [.character("J")],
            [.character("O")], [.character("!")], [.character("p")], [.character("w")], [.character("?")], [.character("s")],
            [.character(":")] + Key.text("d54") + [.enter], [.character(":")] + Key.text("d1") + [.enter],
        ]
        for size in Self.sizes {
            for route in routes {
                var state = try presentingState(size: size)
                press(&state, route)
                XCTAssertEqual(PrivateFixture.leaks(in: Renderer.render(state).grid.text), [], "\(size.width)x\(size.height) after \(route)")
            }
        }
        var open = try presentingState(size: Size(width: 160, height: 48))
        press(&open, .control("x"), .character("U"), .character(":"))
        press(&open, Key.text("d1") + [.enter])
        XCTAssertFalse(PrivateFixture.leaks(in: Renderer.render(open).grid.text).isEmpty, "once presenting stops, the owner shows again")
    }

    func testEditsAreOffAndOnlyTheDeliberateSequenceStopsPresenting() throws {
        var state = try presentingState(size: Size(width: 100, height: 30))
        press(&state, .character("c"), .character("4"))
        XCTAssertEqual(state.assessment.controls["DASF 2"]?.status, .implemented, "unchanged")
        XCTAssertEqual(state.assessment.controls["DASF 3"]?.status ?? .notStarted, .notStarted, "no edit while presenting")
        XCTAssertTrue(state.message?.contains("Ctrl-X then U") ?? false, state.message ?? "")
        press(&state, .control("x"), .character("q"))
        XCTAssertNotNil(state.presenting, "Ctrl-X then another key stays")
        press(&state, .character("U"))
        XCTAssertNotNil(state.presenting, "U alone does nothing")
        press(&state, .control("x"), .character("U"))
        XCTAssertNil(state.presenting)
        press(&state, .character("P"))
        XCTAssertNotNil(state.presenting, "P presents again")
    }

    func testStagesLightOneByOneAndANumberOpensAComponent() throws {
        var state = try presentingState(size: Size(width: 100, height: 30))
        var lit: [String?] = []
        for _ in 0..<5 { press(&state, .pageDown); lit.append(state.presenting?.litStage) }
        XCTAssertEqual(lit, ["data-operations", "model-operations", "model-deployment-and-serving", "operations-and-platform", nil])
        press(&state, .pageUp)
        XCTAssertEqual(state.presenting?.litStage, "operations-and-platform")
        press(&state, .pageUp, .pageUp)
        let grid = Renderer.render(state).grid
        let text = grid.text
        let row = try XCTUnwrap(text.split(separator: "\n").firstIndex { $0.contains("Data prep") })
        let column = try XCTUnwrap(String(text.split(separator: "\n")[row]).range(of: "Data prep")).lowerBound.utf16Offset(in: String(text.split(separator: "\n")[row]))
        XCTAssertTrue(grid[column, row].style.dim, "a box outside the lit stage is dimmed")
        press(&state, .character("1"), .character("0"), .enter)
        XCTAssertEqual(state.screen, .component(10))
    }

    /// The presenter's map in each theme, at 80×24, 100×30 and 160×48: the text (the same in
    /// every theme) once, and how each cell is styled per theme.
    func testPresenterMapInEveryTheme() throws {
        for size in [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 160, height: 48)] {
            let plain = try presentingState(size: size)
            for theme in ThemeName.allCases {
                var state = AppState(catalog: plain.catalog, assessment: plain.assessment, path: plain.path, size: size, author: "Dana",
                                     today: "2026-11-22", journal: plain.journal, presenting: true, themeName: theme)
                press(&state, .pageDown, .pageDown, .pageDown)
                let grid = Renderer.render(state).grid
                XCTAssertEqual(grid.text, Renderer.render({ var s = plain; press(&s, .pageDown, .pageDown, .pageDown); return s }()).grid.text)
                assertGolden(styleMap(grid), named: "present-serving-\(size.width)x\(size.height)-\(theme.rawValue).style")
            }
        }
    }

    func testPresenterGoldenScreens() throws {
        for size in [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 160, height: 48)] {
            var state = try presentingState(size: size)
            assertScreen(Renderer.render(state), named: "present-map-\(size.width)x\(size.height)")
            press(&state, .pageDown, .pageDown, .pageDown)
            assertScreen(Renderer.render(state), named: "present-serving-\(size.width)x\(size.height)")
            press(&state, .character("9"), .enter)
            assertScreen(Renderer.render(state), named: "present-component-\(size.width)x\(size.height)")
        }
    }
}

/// Issue 10.4: keys from the config file. A command given keys answers to them on every screen,
/// no other command keeps them, and the key bar and help follow.
final class KeyRemapTests: XCTestCase {
    func testARemappedKeyWorksAndTheKeyBarAndHelpFollow() throws {
        let base = try sampleState(size: Size(width: 100, height: 30))
        var remap = KeyRemap()
        remap.assign([try XCTUnwrap(KeyRemap.key(named: "z"))], to: .cycleStatus)
        remap.assign([.up, try XCTUnwrap(KeyRemap.key(named: "i"))], to: .up)
        remap.assign([try XCTUnwrap(KeyRemap.key(named: "ctrl-o"))], to: try XCTUnwrap(KeyRemap.names["controls"]))
        var state = AppState(catalog: base.catalog, assessment: base.assessment, path: "x", size: base.size, author: "Dana", keys: remap)
        press(&state, .character("c"))
        XCTAssertEqual(state.screen, .map, "c no longer opens the controls register")
        press(&state, .control("o"))
        XCTAssertEqual(state.screen, .register)
        let before = state.assessment.controls["DASF 1"]?.status
        press(&state, .character("z"))
        XCTAssertNotEqual(state.assessment.controls["DASF 1"]?.status, before, "z cycles the status")
        let cycled = state.assessment.controls["DASF 1"]?.status
        press(&state, .character(" "))
        XCTAssertEqual(state.assessment.controls["DASF 1"]?.status, cycled, "space is no longer bound")
        press(&state, .down, .down, .character("i"))
        XCTAssertEqual(state.place.selected, 1)
        let text = Renderer.render(state).grid.text
        XCTAssertTrue(text.contains("z cycle"), text)
        press(&state, .character("?"))
        let help = Renderer.render(state).grid.text
        XCTAssertTrue(help.contains("  z ") && help.contains("Ctrl-O"), help)
        XCTAssertFalse(help.contains("  space   cycle"), help)
    }

    func testKeyNamesAreReadStrictly() {
        XCTAssertEqual(KeyRemap.key(named: "space"), .character(" "))
        XCTAssertEqual(KeyRemap.key(named: "PgDn"), .pageDown)
        XCTAssertEqual(KeyRemap.key(named: "ctrl-x"), .control("x"))
        XCTAssertEqual(KeyRemap.key(named: "é"), .character("é"))
        XCTAssertNil(KeyRemap.key(named: "ctrl-1"))
        XCTAssertNil(KeyRemap.key(named: "kk"))
        XCTAssertNil(KeyRemap.key(named: "\u{1B}"))
        XCTAssertEqual(KeyRemap.names["status-implemented"], .setStatus(.implemented))
    }
}

/// Issue 10.3: the speaker's notes, as text.
final class NotesViewTests: XCTestCase {
    func notes(size: Size, view: PresenterView?, running: Bool = true) throws -> Frame {
        let base = try sampleState(size: size)
        let (assessment, _) = PrivateFixture.fill(base.assessment)
        let message = view.map { PresenterMessage(pid: 1, view: $0, since: 1000, session: 400) }
        return NotesView.render(NotesInput(catalog: base.catalog, assessment: assessment,
                                           scorecard: Scorecard(catalog: base.catalog, assessment: assessment, today: "2026-11-22"),
                                           message: message, running: running, now: 1135, size: size, theme: Theme(.dark), glyphs: Glyphs(unicode: true)))
    }

    func testNotesGoldenScreens() throws {
        for size in [Size(width: 80, height: 24), Size(width: 160, height: 48)] {
            let component = PresenterView(screen: "component 9", stage: "model-deployment-and-serving", component: 9)
            assertScreen(try notes(size: size, view: component), named: "notes-component-\(size.width)x\(size.height)")
            let risk = PresenterView(screen: "risk 9.12", stage: "model-deployment-and-serving", component: 9, risk: "9.12")
            assertScreen(try notes(size: size, view: risk), named: "notes-risk-\(size.width)x\(size.height)")
            assertScreen(try notes(size: size, view: PresenterView(screen: "map", stage: "data-operations")), named: "notes-stage-\(size.width)x\(size.height)")
        }
    }

    func testTheNotesShowWhatTheRoomDoesNotAndTheTimers() throws {
        let text = try notes(size: Size(width: 160, height: 48), view: PresenterView(screen: "component 1", stage: "data-operations", component: 1)).grid.text
        XCTAssertTrue(text.contains("on screen 02:15 · session 12:15"), text)
        XCTAssertTrue(text.contains("DASF 1: owner Zeldaowner Quist; note: do not mention to vendorxyz; evidence https://wiki.internal.example/secret-runbook"), text)
        XCTAssertTrue(text.contains("Who can write to the raw data stores today?"), text)
    }

    func testWaitingAndStopped() throws {
        XCTAssertTrue(try notes(size: Size(width: 80, height: 24), view: nil).grid.text.contains("Waiting for the presenter."))
        let stopped = try notes(size: Size(width: 80, height: 24), view: PresenterView(screen: "map"), running: false).grid.text
        XCTAssertTrue(stopped.contains("The presenter has stopped."), stopped)
        XCTAssertTrue(try notes(size: Size(width: 30, height: 5), view: nil).grid.text.contains("enlarge the terminal"))
    }
}

final class WorkshopSlidesTests: XCTestCase {
    /// Issue 10.2: while presenting, the clicker walks the six workshop steps like slides.
    func testTheClickerStepsThroughTheWorkshop() throws {
        let base = try sampleState(size: Size(width: 100, height: 30))
        var state = AppState(catalog: base.catalog, assessment: base.assessment, path: "x", size: base.size, presenting: true)
        press(&state, .character("W"), .pageDown, .pageDown)
        XCTAssertEqual(state.place.selected, 2)
        XCTAssertTrue(Renderer.render(state).grid.text.contains("Step 3 of 6:"), Renderer.render(state).grid.text)
        press(&state, .pageUp)
        XCTAssertEqual(state.place.selected, 1)
    }
}

final class NotesClockTests: XCTestCase {
    /// The presenter's times come from a file: any number in it is shown, none traps.
    func testAnyTimeIsShownWithoutTrapping() {
        XCTAssertEqual(NotesView.minutes(135), "02:15")
        XCTAssertEqual(NotesView.minutes(-5), "00:00")
        XCTAssertEqual(NotesView.minutes(.infinity), "--:--")
        XCTAssertEqual(NotesView.minutes(.nan), "--:--")
        XCTAssertEqual(NotesView.minutes(1e300), "5999:59")
    }
}

/// Issue 11.2: a catalog of 13 components in 5 stages draws, names every box and is walked by
/// arrows; golden screens at 80×24 and 160×48.
final class LargerCatalogMapTests: XCTestCase {
    func testThirteenComponentsInFiveStagesAreNamedAndReachable() throws {
        let catalog = try V3ShapedCatalog.make()
        XCTAssertEqual([catalog.components.count, catalog.stages.count, catalog.risks.count, catalog.controls.count], [13, 5, 97, 73])
        for size in [Size(width: 80, height: 24), Size(width: 160, height: 48)] {
            let state = AppState(catalog: catalog, assessment: Assessment(title: "Agentic pilot", catalog: catalog), path: "v3.dasf.json", size: size)
            let text = Renderer.render(state).grid.text
            for component in catalog.components {
                XCTAssertTrue(text.contains(component.name) || text.contains(component.short), "\(size.width)x\(size.height): \(component.id) unnamed\n\(text)")
            }
            for stage in catalog.stages {
                XCTAssertTrue(text.contains(stage.name.uppercased()) || text.contains(stage.short.uppercased()), "\(size.width)x\(size.height): \(stage.id)\n\(text)")
            }
            // Sub-components inside their box: named where there is room, by id at least.
            for part in catalog.component(13)?.parts ?? [] {
                XCTAssertTrue(text.contains(size.width >= 160 ? part.name : part.id), "\(size.width)x\(size.height): part \(part.id)\n\(text)")
            }
            assertScreen(Renderer.render(state), named: "map-v3-shape-\(size.width)x\(size.height)")
            // Component 13's screen: each part with its counts, each risk with its part.
            var opened = state
            opened.place.selected = catalog.components.firstIndex { $0.id == 13 } ?? 0
            press(&opened, .enter)
            let screen = Renderer.render(opened).grid.text
            for part in catalog.component(13)?.parts ?? [] { XCTAssertTrue(screen.contains("\(part.id) \(part.name): 5 risks"), "\(part.id)\n\(screen)") }
            XCTAssertTrue(screen.contains("13.1  [13A] Test risk 13.1"), screen)
            assertScreen(Renderer.render(opened), named: "component-13-v3-shape-\(size.width)x\(size.height)")
            // Every box is reached by the arrows alone, from the first.
            var seen: Set<Int> = [0], frontier = [0]
            while let from = frontier.popLast() {
                for key in [Key.left, .right, .up, .down] {
                    var moved = state
                    moved.place.selected = from
                    press(&moved, key)
                    if seen.insert(moved.place.selected).inserted { frontier.append(moved.place.selected) }
                }
            }
            XCTAssertEqual(seen.count, 13, "\(size.width)x\(size.height): reached \(seen.sorted())")
        }
    }
}
