@testable import dasf
import Foundation
import XCTest

/// Issue 13: the map's start hands its work to one thread (a `Lane`) and waits for the result
/// (`Background`). Work must run once, in order, on one thread; a result or error must reach the
/// waiter whether it comes before or after the wait begins; nothing given to a closed lane is lost.
final class LaneTests: XCTestCase {
    private final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(Int, UInt)] = []
        func add(_ n: Int) {
            lock.lock(); entries.append((n, UInt(pthread_self())))
            lock.unlock()
        }
        var order: [Int] { lock.lock(); defer { lock.unlock() }; return entries.map(\.0) }
        var threads: Set<UInt> { lock.lock(); defer { lock.unlock() }; return Set(entries.map(\.1)) }
    }

    func testJobsRunInOrderOnOneThreadThenTheResultArrives() throws {
        let lane = Lane(), log = Log()
        for n in 0..<20 { lane.enqueue { log.add(n) } }
        let last = Background(on: lane) { () -> Int in log.add(20); return 42 }
        lane.close()
        XCTAssertEqual(try last.value(), 42)
        XCTAssertEqual(log.order, Array(0...20))
        XCTAssertEqual(log.threads.count, 1)
        XCTAssertFalse(log.threads.contains(UInt(pthread_self())),
                       "the lane's work ran on the caller's thread")
    }

    func testAResultReachesTheWaiterWhetherItComesLateOrFirst() throws {
        let lane = Lane()
        let slow = Background(on: lane) { () -> String in usleep(50_000); return "late" }
        XCTAssertEqual(try slow.value(), "late")
        let quick = Background(on: lane) { "first" }
        usleep(20_000)
        XCTAssertEqual(try quick.value(), "first")
        lane.close()
    }

    func testAnErrorIsRethrownToTheWaiter() {
        struct Refused: Error {}
        let lane = Lane()
        let failing = Background(on: lane) { () throws -> Int in throw Refused() }
        lane.close()
        XCTAssertThrowsError(try failing.value()) { XCTAssertTrue($0 is Refused) }
    }

    func testWorkGivenToAClosedLaneStillRuns() throws {
        let lane = Lane()
        lane.close()
        let late = Background(on: lane) { 7 }
        XCTAssertEqual(try late.value(), 7)
        XCTAssertEqual(try Background { 8 }.value(), 8)
    }
}
