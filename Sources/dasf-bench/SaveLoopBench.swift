import DASFEngine
import DASFStore
import DASFUI
import Foundation
import Glibc

/// How long the map's loop is held around a save of a long file: the real `Runtime`, a terminal
/// that times each turn of the loop (from handing out an event to being asked for the next),
/// and saves through the store. With the saves in place (the inline worker) the loop waits for
/// the write and fsync; on the save queue it should not.
enum SaveLoopBench {
    /// A terminal that types `space` on the register after each save has ended, `rounds` times,
    /// and times every turn of the loop meanwhile.
    final class TimedTerminal: TerminalBackend {
        let size = Size(width: 200, height: 60)
        var script: [TerminalEvent] = [.key(.character("c")), .key(.character(" "))]
        var turns: [Double] = []
        var edits = 1
        let rounds: Int
        /// Whether the last edit has been saved (read from the runtime's state).
        var saved: () -> Bool = { false }
        private var handedOut: ContinuousClock.Instant?
        private let clock = ContinuousClock()

        init(rounds: Int) { self.rounds = rounds }

        func draw(_ frame: Frame) {}

        func nextEvent(timeout: Int) -> TerminalEvent {
            if let handedOut { turns.append(SaveLoopBench.ms(handedOut.duration(to: clock.now))) }
            defer { handedOut = clock.now }
            if !script.isEmpty { return script.removeFirst() }
            if saved() {
                if edits == rounds { return .stop }
                edits += 1
                return .key(.character(" "))
            }
            // What a terminal with no key does: waits for one, up to the timeout.
            usleep(UInt32(min(timeout, 5)) * 1000)
            return .timeout
        }
    }

    static func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

    /// The longest turn of the loop while `rounds` edits are saved, and checks every edit was.
    static func longestTurn(path: String, catalog: Catalog, worker: SaveWorker, rounds: Int) throws -> Double {
        let document = try AssessmentDocument.open(path)
        let file = Box(document.file)
        let terminal = TimedTerminal(rounds: rounds)
        let state = AppState(catalog: catalog, assessment: document.assessment, path: path, size: terminal.size,
                             author: "bench", today: "2026-11-25", journal: document.journal)
        var written = 0
        let runtime = Runtime(state: state, backend: terminal, now: { Date().timeIntervalSinceReferenceDate },
                              stamp: { "2026-11-25T10:00:00Z" }, worker: worker) { assessment, journal, force in
            do {
                try file.value.save(assessment, journal: journal, force: force)
                written += 1
                return .saved(time: "\(written)")
            } catch {
                return .failed("\(error)")
            }
        }
        terminal.saved = { [unowned runtime] in
            if case .saved(let n?) = runtime.state.save { return n == String(terminal.edits) }
            return false
        }
        precondition(runtime.run() == nil, "a save failed")
        precondition(written == rounds, "\(written) saves for \(rounds) edits")
        let onDisk = try SaveFile.open(path, journal: false).assessment
        precondition(onDisk == runtime.state.assessment, "the last edit did not reach the file")
        return terminal.turns.max() ?? 0
    }

    final class Box<T>: @unchecked Sendable {
        var value: T
        init(_ value: T) { self.value = value }
    }

    static func run(path: String, catalog: Catalog) throws {
        let inline = try longestTurn(path: path, catalog: catalog, worker: InlineSaveWorker(), rounds: 9)
        let queued = try longestTurn(path: path, catalog: catalog, worker: QueueSaveWorker(), rounds: 9)
        print(String(format: "  the map's loop held by a save, longest turn of 9 saves: in place %.1f ms; on the save queue %.1f ms", inline, queued))
    }
}
