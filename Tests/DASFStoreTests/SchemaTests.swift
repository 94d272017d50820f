import DASFEngine
import Foundation
import XCTest

@testable import DASFStore

final class SchemaTests: StoreTestCase {
    /// A file exactly as issue 2's dasf wrote it (schema 1).
    static let schemaOne = """
        {
          "format": "dasf-assessment",
          "schemaVersion": 1,
          "title": "Claims triage assistant",
          "catalog": {
            "id": "dasf-2.0",
            "version": "2.0",
            "digest": "sha256:ebc5e91c2e1806f2ec859808583fef4d5967a9914515fad3fef18d7555620505"
          },
          "scope": {
            "deploymentModels": ["rag", "external"]
          },
          "risks": {
            "9.4": {
              "treatment": "accept",
              "rationale": "batch only"
            }
          },
          "controls": {
            "DASF 12": {
              "status": "not-applicable",
              "notApplicableReason": "no personal data"
            },
            "DASF 54": {
              "status": "implemented",
              "owner": "Dana"
            }
          }
        }

        """

    func testASchemaOneFileOpensUnchangedInMeaningAndKeepsItsSchemaUntilItNeedsANewerOne() throws {
        let file = path("old.dasf.json")
        _ = FileManager.default.createFile(atPath: file, contents: Data(Self.schemaOne.utf8))
        var saved = try SaveFile.open(file)
        let a = saved.assessment
        XCTAssertEqual(a.title, "Claims triage assistant")
        XCTAssertEqual(a.scope.deploymentModels, ["rag", "external"])
        XCTAssertEqual(a.risks["9.4"], RiskRecord(treatment: .accept, rationale: "batch only"))
        XCTAssertEqual(a.controls["DASF 54"], ControlRecord(status: .implemented, owner: "Dana"))
        XCTAssertEqual(a.controls["DASF 12"]?.notApplicableReason, "no personal data")
        XCTAssertTrue(a.useCase.isEmpty)
        XCTAssertEqual(try saved.journalEntries(), [])
        let card = Scorecard(catalog: catalog, assessment: a)
        XCTAssertEqual(card.overall.inScope, 40)
        XCTAssertEqual(card.evaluation(ofRisk: "9.4")?.state, .outOfScope)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), Data(Self.schemaOne.utf8), "opening writes nothing")
        var edited = a
        try edited.apply(.setControlOwner(control: "DASF 1", owner: "Sam"), in: catalog)
        try saved.save(edited)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertTrue(text.contains("\"schemaVersion\": 1"), "nothing in it needs a newer schema, so an older dasf can still read it")
        XCTAssertEqual(try SaveFile.open(file).assessment.controls["DASF 54"], a.controls["DASF 54"])
        XCTAssertEqual(try String(contentsOfFile: file + ".bak", encoding: .utf8), Self.schemaOne, "the schema-1 original is the backup")
        var workshop = try SaveFile.open(file)
        var dated = workshop.assessment
        try dated.apply(.setControlReviewBy(control: "DASF 1", date: "2027-01-31"), in: catalog)
        try workshop.save(dated)
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).contains("\"schemaVersion\": 2"), "a review date needs schema 2")
        var commented = try SaveFile.open(file)
        var withComment = commented.assessment
        try withComment.apply(.addComment(.control("DASF 1"), author: "Rae", at: "2026-11-24T10:00:00Z", text: "ok?"), in: catalog)
        try commented.save(withComment)
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).contains("\"schemaVersion\": 3"), "a comment needs schema 3")
    }

    func testEveryWorkshopFieldAndTheJournalRoundTrip() throws {
        var a = try sample()
        let edits: [Edit] = [
            .setUseCaseOwner("Priya"), .setUseCaseDescription("Drafts replies\nto claim emails."), .setStakeholders(["CISO", "Legal"]),
            .markRiskAssessed(risk: "9.12"),
            .addThreat(risk: "9.12", text: "role-play prompt gets policy text", component: 9, likelihood: 4, impact: 3),
            .addThreat(risk: "9.12", text: "encoded payload", component: nil, likelihood: nil, impact: nil),
            .setControlTargetDate(control: "DASF 54", date: "2026-12-31"), .setControlReviewBy(control: "DASF 54", date: "2027-06-30"),
            .setControlLastVerified(control: "DASF 54", date: "2026-11-20"),
            .rateOrganisationalRisk(.talent, rating: 4), .setOrganisationalRiskNotes(.changeManagement, notes: "claims team wary"),
        ]
        for edit in edits { try a.apply(edit, in: catalog) }
        let journal = [
            JournalEntry(at: "2026-11-22T14:02:11Z", by: "Dana", change: Change(target: "control DASF 54", field: "status", from: "planned", to: "implemented")),
            JournalEntry(at: "2026-11-22T14:03:00Z", by: "Dana", change: Change(target: "control DASF 54", field: "status", from: "implemented", to: "planned"), undo: true),
        ]
        let data = SaveFileFormat.encode(a, journal: journal)
        let (b, j) = try SaveFileFormat.decodeWithJournal(data, path: "x")
        XCTAssertEqual(b, a)
        XCTAssertEqual(j, journal)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("""
              "journal": [
                {"at": "2026-11-22T14:02:11Z", "by": "Dana", "target": "control DASF 54", "field": "status", "from": "planned", "to": "implemented"},
                {"at": "2026-11-22T14:03:00Z", "by": "Dana", "target": "control DASF 54", "field": "status", "from": "implemented", "to": "planned", "undo": true}
              ]
            """), "one line per journal entry")
        XCTAssertTrue(text.contains("{\"id\": \"t1\", \"text\": \"role-play prompt gets policy text\", \"component\": 9, \"likelihood\": 4, \"impact\": 3}"))
        XCTAssertTrue(text.contains("\"description\": \"Drafts replies\\nto claim emails.\""))
    }

    func testAnUnknownOrganisationalRiskIsReportedWithItsPlace() throws {
        var text = String(decoding: SaveFileFormat.encode(try sample()), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"controls\": {", with: "\"organisationalRisks\": {\"morale\": {\"rating\": 2}},\n  \"controls\": {")
        XCTAssertThrowsError(try SaveFileFormat.decode(Data(text.utf8), path: "x")) {
            XCTAssertTrue("\($0)".contains("organisationalRisks.morale: unknown organisational risk"), "\($0)")
        }
    }

    func testApplyingThroughADocumentJournalsEachFieldWithItsAuthor() throws {
        let file = path("j.dasf.json")
        _ = try SaveFile.create(file, assessment: try sample())
        var document = try AssessmentDocument.open(file)
        try document.apply([.setControlStatus(control: "DASF 1", status: .planned), .setControlOwner(control: "DASF 1", owner: "Sam")], author: "Dana")
        try document.apply([.setScope(["rag"])], author: "Lee")
        let journal = try SaveFile.open(file).journalEntries()
        XCTAssertEqual(journal.map(\.by), ["Dana", "Dana", "Lee"])
        XCTAssertEqual(journal.map(\.change.description), [
            "control DASF 1 status: not-started → planned", "control DASF 1 owner: (none) → Sam",
            "scope deployment models: rag, external → rag",
        ])
        XCTAssertTrue(journal[0].at.hasSuffix("Z") && journal[0].at.count == 20, journal[0].at)
    }
}

final class AuthorTests: XCTestCase {
    func testTimestampsAreUTCAndPadded() {
        XCTAssertEqual(Author.timestamp(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00Z")
        XCTAssertEqual(Author.timestamp(Date(timeIntervalSince1970: 1_795_000_000.9)), "2026-11-18T11:06:40Z")
        XCTAssertEqual(Author.today(Date(timeIntervalSince1970: 1_795_000_000)), "2026-11-18")
    }
}

final class CommentStoreTests: StoreTestCase {
    func testCommentsRoundTripOneLineEach() throws {
        var a = try sample()
        try a.apply(.addComment(.risk("9.12"), author: "Rae", at: "2026-11-23T09:00:00Z", text: "why?"), in: catalog)
        try a.apply(.addComment(.control("DASF 54"), author: "Rae", at: "2026-11-23T09:01:00Z", text: "link?"), in: catalog)
        try a.apply(.resolveComment(id: "c2", resolved: true), in: catalog)
        let data = SaveFileFormat.encode(a)
        XCTAssertEqual(try SaveFileFormat.decode(data, path: "x"), a)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("{\"id\": \"c2\", \"control\": \"DASF 54\", \"author\": \"Rae\", \"at\": \"2026-11-23T09:01:00Z\", \"text\": \"link?\", \"resolved\": true}"))
    }
}
