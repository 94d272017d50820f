import DASFEngine
import XCTest

@testable import DASFUI

/// Every screen at 80×24 and at 160×48.
final class ScreenTests: XCTestCase {
    static let sizes = [("80x24", Size(width: 80, height: 24)), ("160x48", Size(width: 160, height: 48))]

    func check(_ name: String, _ setUp: (inout AppState) -> Void, file: StaticString = #filePath, line: UInt = #line) throws {
        for (label, size) in Self.sizes {
            var state = try sampleState(size: size)
            setUp(&state)
            assertScreen(Renderer.render(state), named: "\(name)-\(label)", file: file, line: line)
        }
    }

    func testMap() throws { try check("map") { _ in } }
    func testComponent() throws { try check("component") { press(&$0, .right, .right, .right, .right, .enter) } }
    func testRisk() throws { try check("risk") { press(&$0, .right, .right, .right, .right, .enter, .down, .down, .down, .enter) } }
    func testControl() throws { try check("control") { press(&$0, .character("c")); for _ in 0..<53 { press(&$0, .down) }; press(&$0, .enter) } }
    func testRegister() throws { try check("register") { press(&$0, .character("c")) } }
    func testComponentControls() throws { try check("component-controls") { press(&$0, .character(":")); for key in Key.text("9") { press(&$0, key) }; press(&$0, .enter, .tab) } }
    func testScope() throws { try check("scope") { press(&$0, .character("s")) } }
    func testHelp() throws { try check("help") { press(&$0, .right, .enter, .enter, .character("?")) } }
    func testPrompt() throws { try check("prompt") { press(&$0, .character("c"), .down, .down, .character("N")); for key in Key.text("only batch jobs, no 日本語 users") { press(&$0, key) } } }

    func testTooSmallAndAscii() throws {
        var state = try sampleState(size: Size(width: 60, height: 20))
        assertScreen(Renderer.render(state), named: "too-small-60x20")
        state = try sampleState(unicode: false)
        assertScreen(Renderer.render(state), named: "map-ascii-80x24")
    }
}

final class AccessibilityTests: XCTestCase {
    /// The hardware cursor sits on the selection, so screen readers and magnifiers follow it.
    func testTheCursorIsOnTheSelection() throws {
        var state = try sampleState()
        let boxes = MapLayout(catalog: state.catalog, size: state.size).boxes
        XCTAssertEqual(Renderer.render(state).cursor?.y, boxes[0].rect.y)
        press(&state, .right)
        let frame = Renderer.render(state)
        XCTAssertEqual(frame.cursor?.x, boxes[1].rect.x + 2)
        press(&state, .character("c"), .down, .down)
        let list = Layout.listRect(state)
        XCTAssertEqual(Renderer.render(state).cursor?.y, list.y + 2)
        press(&state, .character("N"))
        for key in Key.text("日本") { press(&state, key) }
        let prompt = Renderer.render(state)
        XCTAssertEqual(prompt.cursor?.y, 23)
        XCTAssertEqual(prompt.cursor?.x, 2 + 4, "after two wide characters")
    }

    /// NO_COLOR: no cell carries a colour; meaning stays in symbols and words.
    func testMonochromeUsesNoColour() throws {
        let colour = try sampleState()
        let mono = AppState(catalog: colour.catalog, assessment: colour.assessment, path: colour.path, size: colour.size, color: false)
        for screen: [Key] in [[], [.character("c")], [.right, .enter]] {
            var state = mono
            for key in screen { press(&state, key) }
            let frame = Renderer.render(state)
            XCTAssertTrue(frame.grid.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
            XCTAssertEqual(frame.grid.text, { var s = colour; for key in screen { press(&s, key) }; return Renderer.render(s).grid.text }(),
                           "the same words and symbols with and without colour")
        }
    }
}

/// The workshop's screens, at 80×24 and 160×48.
final class WorkshopScreenTests: XCTestCase {
    func check(_ name: String, _ setUp: (inout AppState) -> Void, file: StaticString = #filePath, line: UInt = #line) throws {
        for (label, size) in ScreenTests.sizes {
            var state = try workshopState(size: size)
            setUp(&state)
            assertScreen(Renderer.render(state), named: "\(name)-\(label)", file: file, line: line)
        }
    }

    func testWorkshopSteps() throws { try check("workshop") { press(&$0, .character("W")) } }
    func testUseCase() throws { try check("use-case") { press(&$0, .character("U")) } }
    func testWalk() throws { try check("walk") { press(&$0, .character("w"), .right, .right) } }
    func testProgress() throws { try check("progress") { press(&$0, .character("p")) } }
    func testJournal() throws { try check("journal") { press(&$0, .character("J")) } }
    func testOrganisationalRisks() throws { try check("organisational") { press(&$0, .character("O")) } }
    func testConflicts() throws {
        try check("conflicts") { state in
            var a = state.assessment
            a.conflicts = [MergeConflict(field: "control/DASF 54/owner", base: nil, mine: "Dana Reyes", theirs: "Kim"),
                           MergeConflict(field: "risk/9.13/rationale", base: "old", mine: "the vendor runs the agent sandbox", theirs: "insurance covers it")]
            state = AppState(catalog: state.catalog, assessment: a, path: state.path, size: state.size, author: "Dana", today: "2026-11-22")
            press(&state, .character("!"))
        }
    }

    func testFilteredAndMarkedRegister() throws {
        try check("register-filtered") { press(&$0, .character("c"), .character("f"), .character("v"), .character("v"), .down, .character("V")) }
    }
}

/// A state in the middle of a workshop: use case, threats, dates, a journal.
func workshopState(size: Size) throws -> AppState {
    let base = try sampleState(size: size)
    var a = base.assessment
    let catalog = base.catalog
    let edits: [Edit] = [
        .setUseCaseOwner("Priya Natarajan (claims operations)"),
        .setUseCaseDescription("Drafts replies to customer claim emails from policy documents; a handler approves each reply."),
        .setStakeholders(["CISO", "Claims operations", "Legal", "ML platform"]),
        .markRiskAssessed(risk: "9.12"), .markRiskAssessed(risk: "9.8"),
        .addThreat(risk: "9.12", text: "role-play prompt extracts policy exceptions", component: nil, likelihood: 4, impact: 4),
        .addThreat(risk: "9.12", text: "encoded payload in an attached PDF", component: 10, likelihood: 3, impact: 5),
        .setControlTargetDate(control: "DASF 54", date: "2026-12-31"), .setControlReviewBy(control: "DASF 54", date: "2026-11-01"),
        .setControlLastVerified(control: "DASF 54", date: "2026-05-02"), .setControlReviewBy(control: "DASF 1", date: "2027-05-01"),
        .rateOrganisationalRisk(.talent, rating: 4), .setOrganisationalRiskNotes(.talent, notes: "One ML engineer knows the serving stack."),
        .rateOrganisationalRisk(.decisionSupport, rating: 2),
    ]
    for edit in edits { try a.apply(edit, in: catalog) }
    let journal = [
        JournalEntry(at: "2026-11-22T14:02:11Z", by: "Dana", change: Change(target: "scope", field: "deployment models", from: "all", to: "rag, external")),
        JournalEntry(at: "2026-11-22T14:05:40Z", by: "Dana", change: Change(target: "control DASF 54", field: "status", from: "planned", to: "implemented")),
        JournalEntry(at: "2026-11-22T14:06:02Z", by: "Lee", change: Change(target: "control DASF 54", field: "owner", from: nil, to: "Dana Reyes")),
        JournalEntry(at: "2026-11-22T14:07:15Z", by: "Lee", change: Change(target: "control DASF 54", field: "owner", from: "Dana Reyes", to: nil), undo: true),
    ]
    return AppState(catalog: catalog, assessment: a, path: "claims.dasf.json", size: size, author: "Dana Reyes", today: "2026-11-22", journal: Journal(journal))
}
