import CThread
import Foundation

/// Work started on another thread now, its result waited for later (rethrowing its error).
final class Background<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    // Read by the worker only; then `result`, guarded by `condition`.
    private var work: (() throws -> Value)?
    private var result: Result<Value, any Error>?

    /// On `lane` after what it was given before, else on a thread of its own.
    init(on lane: Lane? = nil, _ work: @escaping () throws -> Value) {
        self.work = work
        if let lane { lane.enqueue { self.perform() } } else { Thread.detachNewThread { self.perform() } }
    }

    private func perform() {
        let outcome = Result { try work!() }
        condition.lock()
        work = nil
        result = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the work to end, asleep. (Looking for it instead, yielding the core between
    /// looks, was measured and dropped: it kept a core busy that the worker and the terminal
    /// needed; the first frame took 1.76-1.93x the C map's time that way, 1.63-1.75x asleep.)
    func value() throws -> Value {
        condition.lock()
        while result == nil { condition.wait() }
        let outcome = result!
        condition.unlock()
        return try outcome.get()
    }
}

/// One thread that does what it is given in turn, until closed. The map's start hands it the
/// catalog and then the document, state and first frame made from it: one chain on the other
/// core, where two threads had the second wake when the first was done (and, on two cores,
/// take turns with the main thread meanwhile).
final class Lane: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [@Sendable () -> Void] = []
    private var closed = false

    init() {
        if !Self.startElsewhere(self) { Thread.detachNewThread { self.loop() } }
    }

    /// Starts the lane's thread on a core other than this one, when there is another. Left to
    /// the scheduler, a new thread sometimes waited on this thread's core until its next tick
    /// (4 ms) while this one kept busy; allowed only the others, it starts on one within 0.1 ms.
    /// Once running it may go anywhere again. False when no thread could be made this way.
    private static func startElsewhere(_ lane: Lane) -> Bool {
        let context = Unmanaged.passRetained(lane).toOpaque()
        let failed = cth_start_elsewhere({ raw in
            Unmanaged<Lane>.fromOpaque(raw!).takeRetainedValue().loop()
            return nil
        }, context)
        if failed != 0 { Unmanaged<Lane>.fromOpaque(context).release() }
        return failed == 0
    }

    /// Runs `job` after what came before; on a closed lane, on a thread of its own.
    func enqueue(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return Thread.detachNewThread(job) }
        queue.append(job)
        condition.signal()
    }

    /// No more work: the thread ends once what it was given is done.
    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                condition.unlock()
                return
            }
            let job = queue.removeFirst()
            condition.unlock()
            job()
        }
    }
}
