import Dispatch
import Foundation

/// What a finished save hands back to the loop: how it went, and the file's git state after it
/// (asked in the same place, so neither costs the loop a frame).
public struct SaveResult: Sendable {
    public let outcome: SaveOutcome
    public let versionControl: String?

    public init(outcome: SaveOutcome, versionControl: String?) {
        self.outcome = outcome
        self.versionControl = versionControl
    }
}

/// Where the map's saves run. A save of a file with a long journal costs what writing and
/// syncing its bytes does (about 20 ms for 14 MB here), more than a frame: the map runs saves on
/// a queue of their own so a key is never held behind one. One save at a time; the runtime asks
/// for the result between keys and merges it with whatever was edited meanwhile.
public protocol SaveWorker: AnyObject {
    /// Starts a save; never called while one is running.
    func start(_ job: @escaping () -> SaveResult)
    /// The result of the save started, once it has ended; nil while it runs (or with none).
    func finished() -> SaveResult?
    /// Waits for the save to end (leaving, or a save that must follow this one at once).
    func wait() -> SaveResult?
}

/// Runs each save where it is asked for, before `start` returns: for tests, which read the
/// state right after a key, and for anything that has no loop to come back to.
public final class InlineSaveWorker: SaveWorker {
    private var result: SaveResult?

    public init() {}

    public func start(_ job: @escaping () -> SaveResult) { result = job() }

    public func finished() -> SaveResult? {
        defer { result = nil }
        return result
    }

    public func wait() -> SaveResult? { finished() }
}

/// Runs saves on a serial queue of its own. The job touches only what the loop leaves alone
/// while it runs (the saver's file; the assessment and journal are values handed over), which
/// is why it may cross threads though its closure is not marked `Sendable`.
public final class QueueSaveWorker: SaveWorker, @unchecked Sendable {
    private let queue = DispatchQueue(label: "dasf.save", qos: .userInitiated)
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var running = false
    private var result: SaveResult?

    public init() {}

    public func start(_ job: @escaping () -> SaveResult) {
        let unchecked = UncheckedJob(run: job)
        lock.withLock { running = true }
        queue.async { [self] in
            let outcome = unchecked.run()
            lock.withLock { result = outcome }
            done.signal()
        }
    }

    public func finished() -> SaveResult? {
        lock.withLock {
            guard running, let outcome = result else { return nil }
            // The signal for this result is taken, so a later wait does not return early.
            done.wait()
            running = false
            result = nil
            return outcome
        }
    }

    public func wait() -> SaveResult? {
        guard lock.withLock({ running }) else { return nil }
        done.wait()
        return lock.withLock {
            running = false
            defer { result = nil }
            return result
        }
    }

    private struct UncheckedJob: @unchecked Sendable {
        let run: () -> SaveResult
    }
}
