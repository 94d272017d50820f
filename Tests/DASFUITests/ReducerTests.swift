import Foundation
import DASFEngine
import XCTest

@testable import DASFUI

final class ReducerTests: XCTestCase {
    func testMapArrowsFollowThePictureAndEnterOpensTheComponent() throws {
        var state = try sampleState()
        XCTAssertEqual(state.catalog.components[state.place.selected].id, 1)
        let path: [(Key, Int)] = [(.right, 2), (.down, 4), (.right, 7), (.right, 8), (.right, 10), (.up, 9), (.down, 10), (.down, 12), (.left, 11), (.up, 4)]
        for (key, expected) in path {
            press(&state, key)
            XCTAssertEqual(state.catalog.components[state.place.selected].id, expected, "after \(key)")
        }
        for (key, expected) in [("l", 7), ("k", 5), ("h", 2), ("j", 4)] {
            press(&state, .character(Character(key)))
            XCTAssertEqual(state.catalog.components[state.place.selected].id, expected, "after \(key)")
        }
        press(&state, .enter)
        XCTAssertEqual(state.screen, .component(4))
        press(&state, .escape)
        XCTAssertEqual(state.screen, .map)
        XCTAssertEqual(state.catalog.components[state.place.selected].id, 4, "back returns to the box you left")
    }

    func testDrillDownTickAndTheCountsChangeAtOnce() throws {
        var state = try sampleState()
        press(&state, .right, .right, .right, .right, .enter)   // component 9
        XCTAssertEqual(state.screen, .component(9))
        press(&state, .end, .up, .enter)                      // 9.12
        XCTAssertEqual(state.screen, .risk("9.12"))
        let before = state.scorecard.totals(ofComponent: 9)
        let control = state.catalog.risk("9.12")!.controls[2]
        XCTAssertEqual(state.assessment.status(of: control), .notStarted)
        press(&state, .down, .down)
        var effects = press(&state, .character(" "))
        XCTAssertEqual(state.assessment.status(of: control), .planned)
        XCTAssertEqual(effects, [.record([Change(target: "control \(control)", field: "status", from: "not-started", to: "planned")], undo: false),
                                 .save])
        effects = press(&state, .character(" "), .character(" "))
        XCTAssertEqual(state.assessment.status(of: control), .implemented)
        XCTAssertEqual(effects.count, 4, "a journal record and a save per edit")
        XCTAssertNotEqual(state.scorecard.totals(ofComponent: 9), before, "the scorecard is recomputed with the edit")
        XCTAssertEqual(state.save, .pending)
        XCTAssertEqual(state.message, "\(control): implemented")
        press(&state, .enter)
        XCTAssertEqual(state.screen, .control(control))
        press(&state, .enter)
        XCTAssertEqual(state.screen, .risk(state.catalog.risks(mitigatedBy: control)[0].id))
    }

    func testNotApplicableAsksWhyEditsUTF8AndEscCancels() throws {
        var state = try sampleState()
        press(&state, .character("c"), .down, .down)   // DASF 3
        press(&state, .character("N"))
        XCTAssertEqual(state.prompt?.purpose, .controlNotApplicable("DASF 3"))
        for key in Key.text("née 日本👍🏽x") { press(&state, key) }
        press(&state, .backspace, .left, .left, .character("!"), .home, .character(">"), .end)
        XCTAssertEqual(state.prompt?.field.text, ">née 日!本👍🏽", "whole graphemes are edited")
        press(&state, .escape)
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.assessment.status(of: "DASF 3"), .notStarted, "Esc cancels")
        press(&state, .character("N"))
        for key in Key.text("no IP allow-lists in this tenant") { press(&state, key) }
        let effects = press(&state, .enter)
        XCTAssertEqual(state.assessment.controls["DASF 3"], ControlRecord(status: .notApplicable, notApplicableReason: "no IP allow-lists in this tenant"))
        XCTAssertEqual(effects.count, 2)
        press(&state, .character("N"))
        XCTAssertEqual(state.assessment.status(of: "DASF 3"), .notStarted, "N again makes it applicable")
        press(&state, .character("N"), .enter)
        XCTAssertEqual(state.message, "marking control DASF 3 not applicable needs a reason")
    }

    func testOwnerEvidenceAndNoteOnTheControlScreen() throws {
        var state = try sampleState()
        press(&state, .character("c"), .enter)          // DASF 1
        press(&state, .character("o")); for k in Key.text("Sam") { press(&state, k) }; press(&state, .enter)
        press(&state, .character("e")); for k in Key.text("https://x/y") { press(&state, k) }; press(&state, .enter)
        press(&state, .character("n")); for k in Key.text("checked in May") { press(&state, k) }; press(&state, .enter)
        XCTAssertEqual(state.assessment.controls["DASF 1"], ControlRecord(status: .implemented, owner: "Sam", evidence: "https://x/y", note: "checked in May"))
        press(&state, .character("o"))
        XCTAssertEqual(state.prompt?.field.text, "Sam", "editing starts from the current value")
        press(&state, .control("u"), .enter)
        XCTAssertNil(state.assessment.controls["DASF 1"]?.owner, "an empty answer clears the field")
    }

    func testTreatmentNeedsARationaleAndRiskNotApplicableToggles() throws {
        var state = try sampleState()
        press(&state, .right, .right, .right, .right, .enter, .end, .up, .enter)   // risk 9.12
        press(&state, .character("t"))
        XCTAssertEqual(state.prompt?.purpose, .riskRationale("9.12", treatment: .accept))
        for k in Key.text("low exposure") { press(&state, k) }
        press(&state, .enter)
        XCTAssertEqual(state.scorecard.evaluation(ofRisk: "9.12")?.state, .accepted)
        press(&state, .character("t"), .enter, .character("t"), .enter, .character("t"))
        XCTAssertEqual(state.assessment.record(forRisk: "9.12").treatment, .mitigate)
        press(&state, .character("x")); for k in Key.text("internal only") { press(&state, k) }; press(&state, .enter)
        XCTAssertEqual(state.scorecard.evaluation(ofRisk: "9.12")?.state, .notApplicable)
        press(&state, .character("x"))
        XCTAssertEqual(state.scorecard.evaluation(ofRisk: "9.12")?.state, .partial)
    }

    func testScopeTogglesRecountTheMap() throws {
        var state = try sampleState()
        XCTAssertEqual(state.assessment.scope.deploymentModels, ["rag", "external"])
        let inScope = state.scorecard.overall.inScope
        press(&state, .character("s"))
        press(&state, .down, .character(" "))   // RAG off
        XCTAssertEqual(state.assessment.scope.deploymentModels, ["external"])
        XCTAssertLessThan(state.scorecard.overall.inScope, inScope)
        press(&state, .end, .character(" "))    // external off: none chosen means all
        XCTAssertTrue(state.assessment.scope.isAll)
        XCTAssertEqual(state.scorecard.overall.inScope, 61, "all 62 but 1.8, marked not applicable")
        XCTAssertEqual(state.message, "scope: all deployment models (none chosen: all apply)")
        press(&state, .home, .enter)             // Enter toggles too: the first pick narrows to it
        XCTAssertEqual(state.assessment.scope.deploymentModels, ["predictive-ml"])
    }

    func testReadOnlyRefusesEveryEdit() throws {
        var state = try sampleState(readOnly: true)
        let before = state.assessment
        press(&state, .character("c"))
        for key: Key in [.character(" "), .character("N"), .character("o"), .enter, .character(" "), .character("e"), .character("n")] {
            XCTAssertEqual(press(&state, key), [])
        }
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.assessment, before)
        XCTAssertEqual(state.message, "read-only: opened with --readonly, edits are disabled")
        XCTAssertEqual(state.save, .readOnly)
    }

    func testListsScrollToKeepTheSelectionVisibleAndClicksSelect() throws {
        var state = try sampleState()
        press(&state, .character("c"))
        for _ in 0..<40 { press(&state, .down) }
        let list = Layout.listRect(state)
        XCTAssertEqual(state.place.selected, 40)
        XCTAssertTrue((state.place.scroll..<(state.place.scroll + list.height)).contains(40))
        press(&state, .end)
        XCTAssertEqual(state.place.selected, 63)
        press(&state, .pageUp)
        XCTAssertEqual(state.place.selected, 63 - (list.height - 1))
        press(&state, .home)
        press(&state, .mouse(x: 5, y: list.y + 3, double: false))
        XCTAssertEqual(state.place.selected, 3)
        XCTAssertEqual(state.screen, .register)
        press(&state, .mouse(x: 5, y: list.y + 2, double: true))
        XCTAssertEqual(state.screen, .control("DASF 3"))
    }

    func testMouseOnTheMapSelectsAndDoubleClickOpens() throws {
        var state = try sampleState()
        let boxes = MapLayout(catalog: state.catalog, size: state.size).boxes
        let twelve = boxes.first { $0.component.id == 12 }!.rect
        press(&state, .mouse(x: twelve.x + 3, y: twelve.y + 2, double: false))
        XCTAssertEqual(state.catalog.components[state.place.selected].id, 12)
        press(&state, .mouse(x: twelve.x + 3, y: twelve.y + 2, double: true))
        XCTAssertEqual(state.screen, .component(12))
        var off = try sampleState()
        off = AppState(catalog: off.catalog, assessment: off.assessment, path: "x", size: off.size, mouse: false)
        press(&off, .mouse(x: twelve.x + 3, y: twelve.y + 2, double: true))
        XCTAssertEqual(off.screen, .map, "--no-mouse ignores clicks")
    }

    func testResizeToAnySizeNeverTrapsAndKeepsSelectionInRange() throws {
        var state = try sampleState()
        press(&state, .character("c"), .end)
        var sizes: [Size] = [Size(width: 1, height: 1), Size(width: 0, height: 0), Size(width: 80, height: 24), Size(width: 200, height: 60)]
        for w in stride(from: 1, through: 220, by: 37) { for h in stride(from: 1, through: 70, by: 13) { sizes.append(Size(width: w, height: h)) } }
        for size in sizes {
            press(&state, .resize(size))
            let frame = Renderer.render(state)
            XCTAssertEqual(frame.grid.width, size.width)
            XCTAssertTrue((0..<64).contains(state.place.selected))
            if Layout.tooSmall(size) && size.width >= 40 && size.height >= 2 {
                XCTAssertTrue(frame.grid.text.contains("enlarge the terminal to at least 80×24"), "\(size)")
            }
            for key: Key in [.down, .up, .pageDown, .enter, .escape, .right, .mouse(x: 3, y: 3, double: true)] {
                press(&state, key)
                _ = Renderer.render(state)
            }
        }
    }

    func testBackQuitHelpAndUnknownKeys() throws {
        var state = try sampleState()
        press(&state, .escape)
        XCTAssertEqual(state.message, "this is the map; q quits")
        press(&state, .character("?"))
        XCTAssertEqual(state.screen, .help)
        press(&state, .character("?"))
        XCTAssertEqual(state.stack.count, 2, "help does not stack on itself")
        press(&state, .backspace)
        XCTAssertEqual(state.screen, .map)
        press(&state, .character("Z"))
        XCTAssertEqual(state.message, "Z does nothing here; ? lists the keys")
        press(&state, .character("c"), .enter, .character("m"))
        XCTAssertEqual(state.stack.count, 1)
        XCTAssertEqual(press(&state, .character("q")), [.quit])
    }

    func testSaveOutcomesReachTheStatusLine() throws {
        var state = try sampleState()
        press(&state, .character("c"), .character(" "))
        XCTAssertEqual(state.save, .pending)
        _ = Reducer.reduce(&state, .saved(.saved(time: "14:02:11")))
        XCTAssertTrue(Renderer.render(state).grid.text.hasSuffix("saved 14:02:11"))
        _ = Reducer.reduce(&state, .saved(.conflict("changed")))
        XCTAssertTrue(Renderer.render(state).grid.text.contains("NOT SAVED: changed on disk"))
        XCTAssertTrue(Renderer.render(state).grid.text.contains("Ctrl-W overwrite"))
        XCTAssertEqual(press(&state, .control("w")), [.overwrite])
        _ = Reducer.reduce(&state, .saved(.failed("permission denied")))
        XCTAssertTrue(Renderer.render(state).grid.text.contains("NOT SAVED: permission denied"))
    }
}

/// Issue 11.3: on the map, `>` carries a 1.0 assessment to the built-in 2.0 after asking; it is
/// one journal entry and one undo, and undo brings 1.0 back with every answer as it was.
final class MapUpgradeTests: XCTestCase {
    func testUpgradeOnTheMapIsOneStepAndUndoBringsTheOldCatalogBack() throws {
        let old = try BuiltinCatalogs.load("dasf-1.0")
        var a = Assessment(title: "Claims", catalog: old)
        for (n, control) in old.controls.enumerated() {
            try a.apply(.setControlStatus(control: control.id, status: [.planned, .inProgress, .implemented][n % 3]), in: old)
        }
        for risk in old.risks { try a.apply(.setRiskTreatment(risk: risk.id, treatment: .mitigate, rationale: "decided \(risk.id)"), in: old) }
        var state = AppState(catalog: old, assessment: a, path: "claims.dasf.json", size: Size(width: 100, height: 30))

        press(&state, .character(">"))
        let question = try XCTUnwrap(state.prompt?.label)
        XCTAssertTrue(question.contains("DASF 2.0") && question.contains("DASF 38, DASF 39 asked again") && question.contains("7 new risks")
                      && question.contains("11 new controls"), question)
        press(&state, .character("n"))
        XCTAssertEqual(state.catalog.id, "dasf-1.0")
        XCTAssertEqual(state.assessment, a, "any key but y leaves everything as it was")

        press(&state, .character(">"))
        let effects = Reducer.reduce(&state, .key(.character("y")))
        XCTAssertEqual(state.catalog.id, "dasf-2.0")
        XCTAssertEqual(state.assessment.catalog.id, "dasf-2.0")
        XCTAssertEqual(state.scorecard.overall.risks, state.catalog.risks.count, "scores are of the new catalog")
        guard case .record(let changes, _)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(changes.map(\.description), ["assessment catalog: dasf-1.0 1.0 → dasf-2.0 2.0"], "one journal entry")
        XCTAssertTrue(effects.contains(.save))
        // Every answer kept by id, 38 and 39 asked again with the old answer in the note.
        let kept = old.controls.filter { !["DASF 38", "DASF 39"].contains($0.id) && state.catalog.control($0.id) != nil }
        for control in kept { XCTAssertEqual(state.assessment.controls[control.id], a.controls[control.id], control.id) }
        XCTAssertEqual(state.assessment.risks, a.risks)
        XCTAssertEqual(state.assessment.status(of: "DASF 38"), .notStarted)
        XCTAssertTrue(state.assessment.controls["DASF 38"]?.note?.contains("Under dasf-1.0 1.0") ?? false)

        press(&state, .character("u"))
        XCTAssertEqual(state.catalog.id, "dasf-1.0", "one undo brings the old catalog back")
        XCTAssertEqual(state.assessment, a)
        XCTAssertEqual(state.scorecard.overall.risks, old.risks.count)
        press(&state, .control("r"))
        XCTAssertEqual(state.catalog.id, "dasf-2.0")

        // Nothing newer than the newest; nothing while read-only.
        press(&state, .character(">"))
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.message, "no newer built-in DASF than dasf-2.0 2.0")
        var readOnly = AppState(catalog: old, assessment: a, path: "claims.dasf.json", size: Size(width: 100, height: 30), readOnly: true)
        press(&readOnly, .character(">"))
        XCTAssertNil(readOnly.prompt)
        XCTAssertEqual(readOnly.catalog.id, "dasf-1.0")
    }
}

/// A control an overlay adds ("ACME 1") is reached by `:` like DASF's own.
final class OverlayJumpTests: XCTestCase {
    func testJumpFindsAnOverlaysControlByItsID() throws {
        let base = try BuiltinCatalogs.load("dasf-2.0")
        let text = #"{"format": "dasf-overlay", "formatVersion": 1, "id": "acme", "controls": [{"id": "ACME 1", "title": "Gateway firewall (test data)", "mitigates": ["9.1"]}]}"#
        let catalog = try base.applying(try Overlay.load(data: Data(text.utf8), origin: "acme.json"), path: "acme.json", origin: "acme.json")
        var state = AppState(catalog: catalog, assessment: Assessment(title: "t", catalog: catalog), path: "t.dasf.json", size: Size(width: 100, height: 30))
        press(&state, .character(":"))
        for c in "acme 1" { press(&state, .character(c)) }
        press(&state, .enter)
        XCTAssertEqual(state.screen, .control("ACME 1"), state.message ?? "")
    }
}
