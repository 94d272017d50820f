import DASFEngine
import XCTest

@testable import DASFUI

/// The map and a file someone else saves meanwhile: reloaded when nothing is waiting, merged when
/// something is, and undo never takes their change back.
final class DiskChangeTests: XCTestCase {
    func testAnIdleMapShowsTheNewVersionWithinASecond() throws {
        let state = try sampleState()
        var theirs = state.assessment
        try theirs.apply(.setControlOwner(control: "DASF 2", owner: "Ana"), in: state.catalog)
        let entry = JournalEntry(at: "2026-11-24T10:00:00Z", by: "Ana", change: Change(target: "control DASF 2", field: "owner", from: nil, to: "Ana"))
        let backend = ScriptedBackend(events: Array(repeating: .timeout, count: 30), step: 100)
        var changed = false, looks = 0
        let runtime = Runtime(state: state, backend: backend, now: { backend.clock },
                              changedOnDisk: { looks += 1; return backend.milliseconds >= 1500 && !changed },
                              reload: { changed = true; return .reloaded(theirs, journal: Journal([entry]), summary: "reloaded: 1 change by Ana") },
                              persist: { _, _, _ in XCTFail("nothing to save"); return .saved(time: "") })
        XCTAssertNil(runtime.run())
        XCTAssertEqual(runtime.state.assessment.controls["DASF 2"]?.owner, "Ana")
        XCTAssertEqual(runtime.state.journal, Journal([entry]))
        XCTAssertEqual(runtime.state.message, "reloaded: 1 change by Ana")
        XCTAssertLessThanOrEqual(looks, 4, "a look about once a second, not every frame")
    }

    func testWaitingEditsAreSavedAtOnceWhenTheFileChangesAndTheMergeIsShown() throws {
        let state = try sampleState()
        var merged = state.assessment
        try merged.apply(.setControlOwner(control: "DASF 2", owner: "Ana"), in: state.catalog)
        try merged.apply(.setControlStatus(control: "DASF 1", status: .notStarted), in: state.catalog)
        // The space lands at 2.0 s, just as the once-a-second look finds the file changed: the
        // waiting edit is saved then (merging), not after the usual settle.
        let backend = ScriptedBackend(events: [.key(.character("c"))] + Array(repeating: .timeout, count: 6) + [.key(.character(" "))], step: 250)
        var saves = 0
        let runtime = Runtime(state: state, backend: backend, now: { backend.clock }, changedOnDisk: { backend.milliseconds >= 2000 },
                              reload: { XCTFail("edits are waiting"); return nil },
                              persist: { _, journal, _ in
            saves += 1
            return .merged(time: "t", merged, journal: journal, summary: "merged 1 change by Ana saved meanwhile")
        })
        XCTAssertNil(runtime.run())
        XCTAssertEqual(saves, 1)
        XCTAssertEqual(runtime.state.assessment.controls["DASF 2"]?.owner, "Ana")
        XCTAssertEqual(runtime.state.message, "merged 1 change by Ana saved meanwhile")
        XCTAssertEqual(runtime.state.save, .saved("t"))
    }

    /// Undo after someone else's change arrived undoes only this person's step.
    func testUndoAfterAReloadKeepsTheirChange() throws {
        var state = try sampleState()
        _ = Reducer.reduce(&state, .key(.character("c")))
        _ = Reducer.reduce(&state, .key(.character(" ")))
        let mine = state.assessment.status(of: "DASF 1")
        var theirs = state.assessment
        try theirs.apply(.setControlOwner(control: "DASF 2", owner: "Ana"), in: state.catalog)
        _ = Reducer.reduce(&state, .reloaded(theirs, journal: Journal(), summary: "reloaded: 1 change by Ana"))
        _ = Reducer.reduce(&state, .key(.character("u")))
        XCTAssertNotEqual(state.assessment.status(of: "DASF 1"), mine, "my step is undone")
        XCTAssertEqual(state.assessment.controls["DASF 2"]?.owner, "Ana", "their change stays")
    }

    func testAFailedSaveSaysNotSavedOnce() throws {
        var state = try sampleState()
        _ = Reducer.reduce(&state, .saved(.failed("cannot open the folder sub: no such file; the previous version is intact")))
        XCTAssertEqual(state.message?.components(separatedBy: "not saved").count, 2, state.message ?? "")
    }

    /// Edits that could not be saved (the file was damaged on disk) are not replaced when the
    /// file becomes readable again: the look at the disk saves them, merging, instead of
    /// reloading over them; Ctrl-S retries them too.
    func testAFailedSaveIsRetriedAndMergedNotReloadedOver() throws {
        let state = try sampleState()
        var theirs = state.assessment
        try theirs.apply(.setControlOwner(control: "DASF 2", owner: "Ana"), in: state.catalog)
        let backend = ScriptedBackend(events: [.key(.character("c")), .key(.character(" "))] + Array(repeating: .timeout, count: 8)
                                      + [.key(.control("s"))], step: 400)
        var attempts: [Assessment] = []
        let runtime = Runtime(state: state, backend: backend, now: { backend.clock },
                              changedOnDisk: { backend.milliseconds >= 2000 && attempts.count == 1 },
                              reload: { XCTFail("reloading would drop the unsaved edit"); return .reloaded(theirs, journal: Journal(), summary: "") },
                              persist: { assessment, journal, _ in
            attempts.append(assessment)
            if attempts.count == 1 { return .conflict("the file changed on disk and can no longer be read") }
            var merged = theirs
            merged.controls["DASF 1"] = assessment.controls["DASF 1"]
            return .merged(time: "t", merged, journal: journal, summary: "merged 1 change by Ana saved meanwhile")
        })
        XCTAssertNil(runtime.run(), "nothing is left unsaved")
        XCTAssertEqual(attempts.count, 2, "the failed save is tried again once the file changed")
        XCTAssertEqual(attempts.last?.status(of: "DASF 1"), .notStarted, "with the edit made here")
        XCTAssertEqual(runtime.state.assessment.controls["DASF 2"]?.owner, "Ana")
        XCTAssertEqual(runtime.state.assessment.status(of: "DASF 1"), .notStarted)
        XCTAssertEqual(runtime.state.save, .saved("t"))
    }

    /// Quitting after a failed save tries the file once more before a copy is needed.
    func testQuittingTriesAFailedSaveOnceMore() throws {
        let backend = ScriptedBackend(events: [.key(.character("c")), .key(.character(" ")), .timeout, .timeout, .key(.character("q"))], step: 400)
        var attempts = 0
        let runtime = Runtime(state: try sampleState(), backend: backend, now: { backend.clock }) { _, _, _ in
            attempts += 1
            return attempts == 1 ? .failed("no space left on the device") : .saved(time: "t")
        }
        XCTAssertNil(runtime.run(), "the second try saved it")
        XCTAssertEqual(attempts, 2)
    }
}
