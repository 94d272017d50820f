import DASFEngine
import Foundation
import XCTest

@testable import DASFUI

/// A terminal that plays back keys and, before handing out event `n`, runs what the test asked
/// for at that moment (letting a held save finish, say).
final class HookedBackend: TerminalBackend {
    var events: [TerminalEvent]
    var frames: [Frame] = []
    let size = Size(width: 80, height: 24)
    var milliseconds = 0
    var clock: Double { Double(milliseconds) / 1000 }
    private var served = 0
    private let hooks: [Int: () -> Void]

    init(events: [TerminalEvent], hooks: [Int: () -> Void]) {
        self.events = events
        self.hooks = hooks
    }

    func draw(_ frame: Frame) { frames.append(frame) }

    func nextEvent(timeout: Int) -> TerminalEvent {
        milliseconds += 100
        hooks[served]?()
        served += 1
        return events.isEmpty ? .stop : events.removeFirst()
    }
}

/// A save held until the test lets it go, run on the map's own save queue.
final class HeldSaves: @unchecked Sendable {
    private let lock = NSLock()
    private let gate = DispatchSemaphore(value: 0)
    private var written: [Assessment] = []
    private var onLoopThread: [Bool] = []
    let loopThread = Thread.current
    var outcome: (Int, Assessment, Journal) -> SaveOutcome = { n, _, _ in .saved(time: "t\(n)") }

    func save(_ assessment: Assessment, _ journal: Journal, _ force: Bool) -> SaveOutcome {
        gate.wait()
        return lock.withLock {
            written.append(assessment)
            onLoopThread.append(Thread.current == loopThread)
            return outcome(written.count, assessment, journal)
        }
    }

    func release() { gate.signal() }

    var saves: [Assessment] { lock.withLock { written } }
    var anyOnTheLoop: Bool { lock.withLock { onLoopThread.contains(true) } }

    /// Waits (briefly) until `count` saves have been written, so a hook sees the save's end.
    func waitFor(_ count: Int) {
        for _ in 0..<2000 where saves.count < count { usleep(1000) }
    }
}

final class BackgroundSaveTests: XCTestCase {
    /// Keys are handled while a save runs; what was edited meanwhile is not called saved, and
    /// is written by the next save.
    func testKeysAreHandledWhileASaveRunsAndEditsMadeMeanwhileAreSavedAfter() throws {
        let held = HeldSaves()
        // c, space (DASF 1) at 0.1–0.2 s; the save starts once settled (0.5 s). While it is held:
        // down, space (DASF 2). Event 9 lets it go; the second save is let go at once.
        let events: [TerminalEvent] = [.key(.character("c")), .key(.character(" ")), .timeout, .timeout, .timeout,
                                       .key(.down), .key(.character(" ")), .timeout, .timeout, .timeout,
                                       .timeout, .timeout, .timeout, .timeout, .timeout, .timeout, .key(.character("q"))]
        var frameWhileHeld = 0
        var statusWhileHeld: SaveStatus?
        var runtime: Runtime!
        let backend = HookedBackend(events: events, hooks: [
            9: {
                frameWhileHeld = runtime.state.assessment.status(of: "DASF 2") == .notStarted ? 1 : 0
                statusWhileHeld = runtime.state.save
                held.release()
                held.release()
            },
        ])
        runtime = Runtime(state: try sampleState(), backend: backend, now: { backend.clock }, worker: QueueSaveWorker(), persist: held.save)
        XCTAssertNil(runtime.run())
        XCTAssertEqual(frameWhileHeld, 1, "the edit of DASF 2 was handled while the first save was held")
        XCTAssertEqual(statusWhileHeld, .pending)
        XCTAssertEqual(held.saves.count, 2)
        XCTAssertEqual(held.saves[0].status(of: "DASF 1"), .notStarted)
        XCTAssertEqual(held.saves[0].status(of: "DASF 2"), .implemented, "the first save wrote what was on screen when it began")
        XCTAssertEqual(held.saves[1].status(of: "DASF 2"), .notStarted, "the edit made meanwhile was saved after")
        XCTAssertFalse(held.anyOnTheLoop, "no save ran on the loop's thread")
        XCTAssertEqual(runtime.state.save, .saved("t2"))
    }

    /// A save that finds another writer's change merges it; edits made while it ran are applied
    /// on top of the merge (theirs kept, ours kept) and saved after, with their journal entries.
    func testEditsMadeWhileAMergingSaveRunsAreKeptOnTopOfTheMerge() throws {
        let state = try sampleState()
        let held = HeldSaves()
        let theirs = JournalEntry(at: "2026-11-24T10:00:00Z", by: "Ana", change: Change(target: "control DASF 60", field: "owner", from: nil, to: "Ana"))
        held.outcome = { n, written, journal in
            guard n == 1 else { return .saved(time: "t\(n)") }
            var merged = written
            try? merged.apply(.setControlOwner(control: "DASF 60", owner: "Ana"), in: state.catalog)
            return .merged(time: "t1", merged, journal: Journal(((try? journal.entries()) ?? []) + [theirs]), summary: "merged 1 change by Ana")
        }
        let events: [TerminalEvent] = [.key(.character("c")), .key(.character(" ")), .timeout, .timeout, .timeout,
                                       .key(.down), .key(.character(" ")), .timeout, .timeout, .timeout,
                                       .timeout, .timeout, .timeout, .timeout, .timeout, .timeout, .key(.character("q"))]
        let backend = HookedBackend(events: events, hooks: [9: { held.release(); held.release() }])
        let runtime = Runtime(state: state, backend: backend, now: { backend.clock }, stamp: { "2026-11-24T10:05:00Z" },
                              worker: QueueSaveWorker(), persist: held.save)
        XCTAssertNil(runtime.run())
        XCTAssertEqual(held.saves.count, 2)
        let last = held.saves[1]
        XCTAssertEqual(last.controls["DASF 60"]?.owner, "Ana", "their change, merged by the first save, is kept")
        XCTAssertEqual(last.status(of: "DASF 1"), .notStarted, "the edit the first save wrote")
        XCTAssertEqual(last.status(of: "DASF 2"), .notStarted, "the edit made while it ran")
        XCTAssertEqual(runtime.state.assessment, last)
        let journal = try runtime.state.journal.entries()
        XCTAssertTrue(journal.contains(theirs), "their entry came with the merge")
        XCTAssertTrue(journal.contains { $0.change.target == "control DASF 2" }, "the entry of the edit made meanwhile is kept")
        XCTAssertEqual(runtime.state.save, .saved("t2"))
    }

    /// Leaving while a save runs waits for it, then saves what was edited since.
    func testQuittingWhileASaveRunsWaitsForItAndSavesTheRest() throws {
        let held = HeldSaves()
        let events: [TerminalEvent] = [.key(.character("c")), .key(.character(" ")), .timeout, .timeout, .timeout,
                                       .key(.down), .key(.character(" ")), .key(.character("q"))]
        // The first save is let go from elsewhere once the loop is leaving; the second at once.
        let backend = HookedBackend(events: events, hooks: [7: {
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { held.release(); held.release() }
        }])
        let runtime = Runtime(state: try sampleState(), backend: backend, now: { backend.clock }, worker: QueueSaveWorker(), persist: held.save)
        XCTAssertNil(runtime.run())
        XCTAssertEqual(held.saves.count, 2)
        XCTAssertEqual(held.saves.last?.status(of: "DASF 2"), .notStarted)
        XCTAssertEqual(runtime.state.save, .saved("t2"))
    }

    /// The reducer's side: a plain save of an older version leaves what changed since waiting.
    func testASaveOfAnOlderVersionIsNotCalledSaved() throws {
        var state = try sampleState()
        let written = SaveSnapshot(assessment: state.assessment, journal: state.journal)
        _ = Reducer.reduce(&state, .key(.character("c")))
        _ = Reducer.reduce(&state, .key(.character(" ")))
        _ = Reducer.reduce(&state, .saved(.saved(time: "14:00:00"), wrote: written))
        XCTAssertEqual(state.save, .pending)
        let now = SaveSnapshot(assessment: state.assessment, journal: state.journal)
        _ = Reducer.reduce(&state, .saved(.saved(time: "14:00:01"), wrote: now))
        XCTAssertEqual(state.save, .saved("14:00:01"))
    }
}
