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

    /// Waits for the work to end.
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
        Thread.detachNewThread { self.loop() }
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
