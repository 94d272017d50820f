import DASFEngine
import XCTest

@testable import DASFUI

final class WorkshopReducerTests: XCTestCase {
    func type(_ state: inout AppState, _ text: String) {
        for key in Key.text(text) { press(&state, key) }
        press(&state, .enter)
    }

    /// Every kind of edit the map makes can be undone and redone, and undo is saved and journaled.
    func testUndoAndRedoOfEveryKindOfEdit() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        let original = state.assessment
        var versions = [original]
        func step(_ keys: [Key], text: String? = nil, then more: String? = nil) {
            for key in keys { press(&state, key) }
            if let text { type(&state, text) }
            if let more { type(&state, more) }
            XCTAssertNotEqual(state.assessment, versions.last, "\(keys) changed something")
            versions.append(state.assessment)
        }
        step([.character("c"), .character(" ")])                                   // status
        step([.down, .character("N")], text: "not used here")                       // not applicable
        step([.down, .character("o")], text: "Sam")                                 // owner
        step([.down, .enter, .character("e")], text: "https://x")                  // evidence
        step([.character("n")], text: "a note")                                     // note
        step([.character("d")], text: "2027-01-31")                                 // target date
        step([.character("r")], text: "2027-06-30")                                 // review by
        step([.character("y")])                                                     // verified today
        step([.character("m"), .character("s"), .down, .character(" ")])           // scope
        step([.character("U"), .down, .enter, .control("u")], text: "Ana")         // use case owner
        step([.character("w"), .character("a")])                                   // assessed
        step([.character("t")], text: "vendor contract")                            // treatment
        step([.character("x")], text: "not our system")                             // risk not applicable
        step([.character("+")], text: "prompt leak", then: "L3 I4")                 // threat, then its rating
        step([.character("O"), .character("5")])                                    // organisational rating
        step([.enter], text: "hiring")                                              // organisational notes
        step([.character("c"), .character("v"), .character("v"), .character("v"), .character("2")]) // bulk status, set directly
        XCTAssertEqual(state.undoStack.count, versions.count - 1)
        for expected in versions.dropLast().reversed() {
            let effects = press(&state, .character("u"))
            XCTAssertEqual(state.assessment, expected)
            XCTAssertTrue(effects.contains(.save), "an undo is saved like any edit")
            XCTAssertTrue(effects.contains { if case .record(_, undo: true) = $0 { true } else { false } }, "and journaled as an undo")
        }
        XCTAssertEqual(state.assessment, original)
        XCTAssertEqual(press(&state, .character("u")), [])
        XCTAssertEqual(state.message, "nothing to undo")
        for expected in versions.dropFirst() {
            press(&state, .control("r"))
            XCTAssertEqual(state.assessment, expected)
        }
        press(&state, .character("u"))
        press(&state, .character("c"), .character(" "))
        XCTAssertEqual(press(&state, .control("r")), [], "a new edit ends the redo chain")
    }

    func testUndoOfABulkEditRestoresEveryItem() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        let before = state.assessment
        press(&state, .character("c"), .down, .down, .character("v"), .character("v"), .character("v"), .character("v"))
        XCTAssertEqual(state.place.marked, ["DASF 3", "DASF 4", "DASF 5", "DASF 6"])
        press(&state, .character("o"))
        XCTAssertEqual(state.prompt?.purpose, .bulkOwner(["DASF 3", "DASF 4", "DASF 5", "DASF 6"]))
        type(&state, "Platform team")
        for id in ["DASF 3", "DASF 4", "DASF 5", "DASF 6"] { XCTAssertEqual(state.assessment.controls[id]?.owner, "Platform team") }
        XCTAssertEqual(state.place.marked.count, 4, "marks stay after the action, for a second one")
        press(&state, .character("u"))
        XCTAssertEqual(state.assessment, before, "one undo restores all four")
        press(&state, .escape)
        XCTAssertTrue(state.place.marked.isEmpty, "Esc clears the marks")
        XCTAssertEqual(state.screen, .register, "and stays on the screen")
        press(&state, .home, .character("v"), .down, .down, .character("V"))
        XCTAssertEqual(state.place.marked.count, 4, "V marks the range from the last mark")
    }

    func testTheGuidedWalkVisitsRisksInScopeAndRecordsDecisions() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        press(&state, .character("w"))
        let risks = Focus.walkRisks(state)
        XCTAssertEqual(risks.count, 40)
        XCTAssertEqual(state.screen, .walk(0), "starts at the first unassessed risk")
        XCTAssertTrue(Renderer.render(state).grid.text.contains("Guided walk: risk 1 of 40"))
        press(&state, .character("a"))
        XCTAssertEqual(state.scorecard.evaluation(ofRisk: risks[0].id)?.assessed, true)
        press(&state, .right, .character("x"))
        type(&state, "no raw data kept")
        XCTAssertEqual(state.scorecard.evaluation(ofRisk: risks[1].id)?.state, .notApplicable)
        press(&state, .right, .character("+"))
        type(&state, "bad records from a partner feed")
        type(&state, "C2 L2 I5")
        XCTAssertEqual(state.assessment.risks[risks[2].id]?.threats, [Threat(id: "t1", text: "bad records from a partner feed", component: 2, likelihood: 2, impact: 5)])
        press(&state, .left, .left, .left)
        XCTAssertEqual(state.message, "this is the first risk in scope")
        press(&state, .end)
        for _ in 0..<50 { press(&state, .right) }
        XCTAssertEqual(state.screen, .walk(39))
        press(&state, .escape)
        XCTAssertEqual(state.screen, .map)
    }

    func testSearchJumpsBetweenHitsAndJumpOpensByName() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        press(&state, .character("/"))
        type(&state, "jailbreak")
        XCTAssertNotNil(state.search)
        let hits = state.search!.hits
        XCTAssertTrue(hits.contains(.risk("9.12")))
        XCTAssertEqual(state.screen, hits[0] == .risk("9.12") ? .risk("9.12") : state.screen)
        let depth = state.stack.count
        press(&state, .control("n"))
        XCTAssertEqual(state.stack.count, depth, "hits replace each other")
        press(&state, .control("p"), .control("p"))
        XCTAssertEqual(state.search?.index, hits.count - 1, "Ctrl-P wraps to the last hit")
        press(&state, .character("/"), .control("u"), .enter)
        XCTAssertNil(state.search)
        press(&state, .character("/"))
        type(&state, "AML.T0051")
        XCTAssertTrue(state.search?.hits.contains(.risk("9.1")) ?? false, "framework ids are searched")
        press(&state, .character("/"))
        type(&state, "zzzz-nothing")
        XCTAssertEqual(state.message, "no match for \"zzzz-nothing\"")
        for (text, screen) in [("9.1", Screen.risk("9.1")), ("DASF 54", .control("DASF 54")), ("dasf31", .control("DASF 31")), ("c9", .component(9)), ("9", .component(9)), ("d9", .control("DASF 9"))] {
            press(&state, .character(":"))
            type(&state, text)
            XCTAssertEqual(state.screen, screen, text)
        }
        press(&state, .character(":"))
        type(&state, "99.9")
        XCTAssertEqual(state.message, "nothing called \"99.9\" (:9 component, :9.1 risk, :d54 or :DASF 54 control)")
    }

    func testFiltersOnTheRegisterAndOnAComponent() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        press(&state, .character("c"))
        let all = Focus.itemCount(state)
        var seen: [String: Int] = [:]
        for _ in 0..<ListFilter.cycle(for: .register).count {
            seen[state.place.filter.label] = Focus.itemCount(state)
            press(&state, .character("f"))
        }
        XCTAssertEqual(seen["all"], all)
        XCTAssertEqual(seen["stale"], 1, "DASF 54, past its review date")
        XCTAssertEqual(seen["mine"], 1, "DASF 54 is owned by Dana Reyes, who is at the keyboard")
        XCTAssertEqual(seen["implemented"], 3)
        XCTAssertEqual(state.place.filter, .all, "f cycles back to all")
        press(&state, .character("m"), .right, .right, .right, .right, .enter, .character("f"))
        XCTAssertEqual(state.place.filter, .unassessed)
        XCTAssertEqual(Focus.riskItems(state).map(\.id), ["9.7", "9.9", "9.10", "9.11"])
    }

    func testUseCaseAndOrganisationalRisksFromTheirScreens() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        press(&state, .character("U"), .down, .down, .enter, .control("u"))
        type(&state, "Drafts replies; a handler approves each one.")
        press(&state, .down, .enter, .control("u"))
        type(&state, "CISO, Legal")
        XCTAssertEqual(state.assessment.useCase.description, "Drafts replies; a handler approves each one.")
        XCTAssertEqual(state.assessment.useCase.stakeholders, ["CISO", "Legal"])
        press(&state, .character("O"), .down, .character("3"))
        XCTAssertEqual(state.assessment.organisationalRisks[.operatingModel]?.rating, 3)
        press(&state, .character("0"))
        XCTAssertNil(state.assessment.organisationalRisks[.operatingModel])
        press(&state, .character("W"), .down, .down, .down, .enter)
        if case .walk = state.screen {} else { XCTFail("step 4 opens the walk, not \(state.screen)") }
    }

    /// Issue 13: entries kept in the file are read by the runtime when the journal screen opens,
    /// once, never while drawing; a journal that cannot be read is said, not drawn as empty.
    func testTheKeptJournalIsReadOnceByTheRuntimeNeverWhileDrawing() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        let entries = (0..<3).map { JournalEntry(at: "2026-11-2\($0)T09:00:00Z", by: "Ana", change: Change(target: "control DASF \($0 + 1)", field: "owner", from: nil, to: "Lee")) }
        let kept = CountingJournal(entries)
        state.journal = Journal(kept: kept)
        XCTAssertEqual(press(&state, .character("J")), [.readJournal])
        XCTAssertTrue(Renderer.render(state).grid.text.contains("reading the journal"))
        XCTAssertEqual(kept.loads, 0, "drawing reads nothing")
        // What the runtime does with the effect.
        _ = try state.journal.entries()
        _ = Reducer.reduce(&state, .journalRead(nil))
        let drawn = Renderer.render(state).grid.text
        XCTAssertTrue(drawn.contains("Journal: 3 changes") && drawn.contains("11-22 09:00 Ana"), drawn)
        XCTAssertEqual(state.place.selected, 2, "the newest entry is selected once read")
        press(&state, .escape, .character("J"))
        XCTAssertEqual(kept.loads, 1, "read once")

        var broken = try workshopState(size: Size(width: 100, height: 30))
        broken.journal = Journal(kept: CountingJournal(entries, failing: true))
        XCTAssertEqual(press(&broken, .character("J")), [.readJournal])
        XCTAssertThrowsError(try broken.journal.entries())
        _ = Reducer.reduce(&broken, .journalRead("disk gone"))
        XCTAssertEqual(broken.message, "the journal cannot be read: disk gone")
        XCTAssertTrue(Renderer.render(broken).grid.text.contains("the journal cannot be read: disk gone"))
    }

    func testTheJournalCollectsStampedEntries() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        let before = state.journal.recorded.count
        let entry = JournalEntry(at: "2026-11-22T15:00:00Z", by: "Dana Reyes", change: Change(target: "control DASF 1", field: "status", from: "implemented", to: "not-started"))
        _ = Reducer.reduce(&state, .journaled([entry]))
        XCTAssertEqual(state.journal.recorded.count, before + 1)
        press(&state, .character("J"))
        XCTAssertEqual(state.place.selected, state.journal.recorded.count - 1, "the journal opens at the newest entry")
        XCTAssertTrue(Renderer.render(state).grid.text.contains("11-22 15:00 Dana Reyes   control DASF 1 status: implemented → not-started"))
    }
}

final class ReviewTests: XCTestCase {
    func testAReviewerCanCommentOnAReadOnlyFileButChangeNothingElse() throws {
        let base = try workshopState(size: Size(width: 100, height: 30))
        var state = AppState(catalog: base.catalog, assessment: base.assessment, path: "x", size: base.size, readOnly: true, review: true,
                             author: "Rae", today: "2026-11-22")
        _ = Reducer.reduce(&state, .clock("2026-11-23T09:00:00Z"))
        press(&state, .character(":"))
        for key in Key.text("9.12") { press(&state, key) }
        press(&state, .enter, .character(" "))
        XCTAssertEqual(state.message, "read-only: opened with --readonly, edits are disabled")
        press(&state, .character("C"))
        for key in Key.text("Is DASF 54 on the batch path?") { press(&state, key) }
        let effects = press(&state, .enter)
        XCTAssertEqual(state.assessment.comments, [Comment(id: "c1", target: .risk("9.12"), author: "Rae", at: "2026-11-23T09:00:00Z", text: "Is DASF 54 on the batch path?")])
        XCTAssertTrue(effects.contains { if case .save = $0 { true } else { false } }, "a comment is saved even read-only")
        XCTAssertTrue(Renderer.render(state).grid.text.contains("Comment c1: Rae, 11-23 09:00: Is DASF 54 on the batch path?"))
        press(&state, .character("m"))
        XCTAssertTrue(Renderer.render(state).grid.text.contains("✎1"), "the component shows an open comment")
        press(&state, .character(":"))
        for key in Key.text("9.12") { press(&state, key) }
        press(&state, .enter, .character("X"), .enter)
        XCTAssertEqual(state.assessment.comments.first?.resolved, true)
        XCTAssertTrue(Renderer.render(state).grid.text.contains("Comment c1 (resolved)"))
        var plain = AppState(catalog: base.catalog, assessment: base.assessment, path: "x", size: base.size, readOnly: true)
        press(&plain, .character(":"))
        for key in Key.text("9.12") { press(&plain, key) }
        press(&plain, .enter, .character("C"))
        XCTAssertNil(plain.prompt)
        XCTAssertEqual(plain.message, "read-only: open with --readonly --review to comment")
    }
}

final class ConflictScreenTests: XCTestCase {
    func testConflictsAreListedAndSettledOnTheMap() throws {
        let base = try workshopState(size: Size(width: 100, height: 30))
        var a = base.assessment
        a.conflicts = [MergeConflict(field: "control/DASF 54/owner", base: nil, mine: "Dana Reyes", theirs: "Kim"),
                       MergeConflict(field: "risk/9.13/rationale", base: "old", mine: "the vendor runs the agent sandbox", theirs: "insurance covers it")]
        var state = AppState(catalog: base.catalog, assessment: a, path: "x", size: base.size, author: "Dana", today: "2026-11-22")
        XCTAssertTrue(Renderer.render(state).grid.text.contains("2 CONFLICTS (!)"))
        press(&state, .character("!"))
        XCTAssertEqual(state.screen, .conflicts)
        assertScreen(Renderer.render(state), named: "conflicts-100x30")
        press(&state, .character("T"))
        XCTAssertEqual(state.assessment.controls["DASF 54"]?.owner, "Kim")
        press(&state, .character("M"))
        XCTAssertEqual(state.assessment.risks["9.13"]?.rationale, "the vendor runs the agent sandbox")
        XCTAssertTrue(state.assessment.conflicts.isEmpty)
        press(&state, .character("u"))
        XCTAssertEqual(state.assessment.conflicts.count, 1, "settling is undoable")
    }

    /// Issue 9.7: values were cut at fixed shares (mine got 30 of 100 columns while theirs and
    /// base stood half empty). Columns follow what the values need, and the selected conflict is
    /// shown whole above the list, however long, at any width.
    func testValuesAreNotCutWhileTheLineHasRoomAndTheSelectedOneIsShownWhole() throws {
        let long = "the vendor runs the agent sandbox in a separate account with its own keys, reviewed each quarter"
        for width in [80, 100, 160] {
            let base = try workshopState(size: Size(width: width, height: 30))
            var a = base.assessment
            a.conflicts = [MergeConflict(field: "control/DASF 54/owner", base: nil, mine: "Dana Reyes", theirs: "Kim"),
                           MergeConflict(field: "risk/9.13/rationale", base: "old", mine: "the vendor runs the agent sandbox", theirs: "insurance covers it"),
                           MergeConflict(field: "risk/9.12/rationale", base: nil, mine: long, theirs: "accepted")]
            var state = AppState(catalog: base.catalog, assessment: a, path: "x", size: base.size, author: "Dana", today: "2026-11-22")
            press(&state, .character("!"), .down)
            var text = Renderer.render(state).grid.text
            if width >= 100 {
                XCTAssertTrue(text.contains("risk 9.13 rationale   the vendor runs the agent sandbox"), "at \(width):\n\(text)")
            }
            XCTAssertTrue(text.contains("control DASF 54 owner"), "the field is never cut while base has room, at \(width):\n\(text)")
            press(&state, .down)
            text = Renderer.render(state).grid.text
            let lines = text.split(separator: "\n").map(String.init)
            let first = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  mine ") })
            let mine = lines[first...].prefix { !$0.hasPrefix("  theirs") }.map { $0.dropFirst(9).trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(mine.joined(separator: " "), long, "mine is shown whole at \(width):\n\(text)")
            XCTAssertTrue(lines.contains { $0.hasPrefix("  theirs accepted") }, "at \(width):\n\(text)")
        }
    }
}

final class ThreatRatingTests: XCTestCase {
    func testAThreatIsReRatedFromTheMap() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        press(&state, .character(":"))
        for key in Key.text("9.12") { press(&state, key) }
        press(&state, .enter, .character("*"))
        XCTAssertEqual(state.prompt?.field.text, "t2 ", "starts from the last threat's id")
        press(&state, .control("u"))
        for key in Key.text("t1 L2 I3") { press(&state, key) }
        press(&state, .enter)
        let threat = state.assessment.risks["9.12"]?.threats.first { $0.id == "t1" }
        XCTAssertEqual(threat?.likelihood, 2)
        XCTAssertEqual(threat?.impact, 3)
        XCTAssertEqual(state.scorecard.evaluation(ofRisk: "9.12")?.highestThreatRating, 15, "t2 (L3 I5) is now the highest")
        press(&state, .character("*"), .control("u"))
        for key in Key.text("t9 L1 I1") { press(&state, key) }
        press(&state, .enter)
        XCTAssertEqual(state.message, "risk 9.12 has no threat t9")
    }

    /// Issue 9.3: free text is stored as typed, even when it ends like a rating; the rating has a
    /// field of its own, and what it cannot read it says, never drops.
    func testThreatTextIsStoredAsTypedAndTheRatingIsStrict() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        press(&state, .character(":"))
        for key in Key.text("9.1") { press(&state, key) }
        press(&state, .enter, .character("+"))
        for key in Key.text("implant can beacon out to attacker C2") { press(&state, key) }
        press(&state, .enter)
        XCTAssertEqual(state.prompt?.label.hasPrefix("Rating (optional)"), true)
        for key in Key.text("I3 L4 L5") { press(&state, key) }
        press(&state, .enter)
        XCTAssertEqual(state.prompt?.label.hasPrefix("Not understood: L is given twice."), true, state.prompt?.label ?? "no prompt")
        XCTAssertEqual(state.prompt?.field.text, "I3 L4 L5", "what was typed stays to be corrected")
        press(&state, .control("u"))
        for key in Key.text("I3 L5") { press(&state, key) }
        press(&state, .enter)
        XCTAssertNil(state.prompt)
        let threat = state.assessment.risks["9.1"]?.threats.last
        XCTAssertEqual(threat?.text, "implant can beacon out to attacker C2")
        XCTAssertNil(threat?.component)
        XCTAssertEqual(threat?.likelihood, 5)
        XCTAssertEqual(threat?.impact, 3)
        XCTAssertEqual(ThreatRating.parse("L9"), .failure(.init("likelihood 9 is not 1-5")))
        XCTAssertEqual(ThreatRating.parse("C10 l4 i5"), .success(.init(component: 10, likelihood: 4, impact: 5)))
        XCTAssertEqual(ThreatRating.parse(""), .success(.init()))
        XCTAssertEqual(ThreatRating.parse("C2", allowComponent: false), .failure(.init("\"C2\" is not L1-5 or I1-5")))
    }

    /// Issue 9.1: a bulk status change asks which status, never cycles every row from the
    /// cursor row's; it says what it did, and the marks stay for a second action.
    func testABulkStatusChangeAsksWhichStatusAndKeepsDecisions() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        press(&state, .character("c"))
        let ids = Array(Focus.controlItems(state).prefix(4))
        let before = ids.map { state.assessment.status(of: $0) }
        press(&state, .character("v"), .character("v"), .character("v"), .character("v"))
        press(&state, .character(" "))
        XCTAssertEqual(state.prompt?.purpose, .bulkStatus(ids))
        XCTAssertEqual(ids.map { state.assessment.status(of: $0) }, before, "nothing changes until a status is chosen")
        press(&state, .character("x"))
        XCTAssertEqual(state.message, "x is not one of the choices")
        press(&state, .character("4"))
        XCTAssertNil(state.prompt)
        XCTAssertEqual(ids.map { state.assessment.status(of: $0) }, Array(repeating: .implemented, count: 4))
        XCTAssertTrue(state.message?.hasPrefix("4 controls → implemented") == true, state.message ?? "")
        press(&state, .character("2"))
        XCTAssertEqual(ids.map { state.assessment.status(of: $0) }, Array(repeating: .planned, count: 4), "a second bulk action on the same marks")
    }

    /// Issue 9.2: 1-4 set a status directly, and quick changes of one field by one person are one
    /// line in the minutes.
    func testStatusKeysAndOneJournalLineForQuickChanges() throws {
        var state = try workshopState(size: Size(width: 100, height: 30))
        press(&state, .character("c"))
        let id = try XCTUnwrap(Focus.control(state))
        let from = state.assessment.status(of: id)
        state.now = "2026-11-24T10:00:00Z"
        let journalBefore = state.journal.recorded.count
        var effects: [Effect] = []
        for key in [" ", " ", " "] { effects += press(&state, .character(Character(key))) }
        effects += press(&state, .character("3"))
        for effect in effects { if case .record(let changes, let undo) = effect {
            _ = Reducer.reduce(&state, .journaled(changes.map { JournalEntry(at: "2026-11-24T10:00:02Z", by: "Dana", change: $0, undo: undo) }))
        } }
        XCTAssertEqual(state.assessment.status(of: id), .inProgress)
        XCTAssertEqual(state.journal.recorded.count, journalBefore + 1, "four presses within seconds: one line")
        XCTAssertEqual(state.journal.last?.change.from, from == .notStarted ? nil : from.rawValue)
        XCTAssertEqual(state.journal.last?.change.to, "in-progress")
        var journal = state.journal
        journal.record(JournalEntry(at: "2026-11-24T10:00:30Z", by: "Dana", change: Change(target: "control \(id)", field: "status", from: "in-progress", to: "implemented")))
        XCTAssertEqual(journal.recorded.count, journalBefore + 2, "later changes are their own line")
    }
}

/// A kept journal that counts its reads, or fails them.
final class CountingJournal: KeptJournal, @unchecked Sendable {
    let stored: [JournalEntry]
    let failing: Bool
    private(set) var loads = 0

    init(_ entries: [JournalEntry], failing: Bool = false) {
        stored = entries
        self.failing = failing
    }

    override func load() throws(JournalUnreadable) -> [JournalEntry] {
        loads += 1
        if failing { throw JournalUnreadable(reason: "disk gone") }
        return stored
    }
}
