import DASFEngine
import DASFTestSupport
import XCTest

/// Issue 10: what a room sees. Every private field's text is gone from the room's copy, the
/// answers (statuses, ratings, scores) are the same, and hiding nothing changes nothing.
final class PrivacyTests: XCTestCase {
    func testTheRoomsCopyHoldsNoPrivateTextAndTheSameAnswers() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        let (full, journal) = PrivateFixture.fill(Assessment(title: "x", catalog: catalog))
        let room = full.forRoom(hiding: Set(PrivateField.allCases))
        let roomJournal = JournalEntry.forRoom(journal, hiding: Set(PrivateField.allCases))
        XCTAssertEqual(PrivateFixture.leaks(in: String(describing: room) + String(describing: roomJournal)), [])
        XCTAssertEqual(room.controls["DASF 1"]?.status, .implemented)
        XCTAssertEqual(room.organisationalRisks[.talent]?.rating, 4)
        XCTAssertEqual(Scorecard(catalog: catalog, assessment: room).overall, Scorecard(catalog: catalog, assessment: full).overall)
        XCTAssertEqual(roomJournal.map(\.change.field), ["status"], "changes to owners and notes are left out")
        XCTAssertEqual(roomJournal.first?.by, "")
        XCTAssertTrue(room.conflicts.isEmpty, "a conflict on an owner would show both owners")
        XCTAssertEqual(full.forRoom(hiding: []), full)
    }

    func testOnlyTheChosenFieldsAreHidden() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        let (full, journal) = PrivateFixture.fill(Assessment(title: "x", catalog: catalog))
        let room = full.forRoom(hiding: [.notes])
        XCTAssertNil(room.controls["DASF 1"]?.note)
        XCTAssertNil(room.organisationalRisks[.talent]?.notes)
        XCTAssertEqual(room.controls["DASF 1"]?.owner, "Zeldaowner Quist")
        XCTAssertEqual(room.comments.count, 2)
        XCTAssertEqual(JournalEntry.forRoom(journal, hiding: [.notes]).map(\.by), ["Journalauthor Fenwick", "Journalauthor Fenwick"])
    }
}
