import DASFEngine
import XCTest

final class MergeTests: XCTestCase {
    var catalog: Catalog!
    var base: Assessment!

    override func setUpWithError() throws {
        catalog = try BuiltinCatalogs.load("dasf-2.0")
        base = Assessment(title: "Claims", catalog: catalog, deploymentModels: ["rag"])
        for edit: Edit in [
            .setControlStatus(control: "DASF 1", status: .planned), .setControlOwner(control: "DASF 1", owner: "Sam"),
            .setControlNote(control: "DASF 2", note: "old note"), .setRiskTreatment(risk: "9.13", treatment: .accept, rationale: "low"),
        ] { try base.apply(edit, in: catalog) }
    }

    func edited(_ edits: [Edit]) throws -> Assessment {
        var a = base!
        for edit in edits { try a.apply(edit, in: catalog) }
        return a
    }

    func testEveryFieldRoundTripsThroughTheFlatForm() throws {
        let rich = try edited([
            .setUseCaseOwner("Priya"), .setUseCaseDescription("d"), .setStakeholders(["A", "B"]), .markRiskAssessed(risk: "9.12"),
            .addThreat(risk: "9.12", text: "t", component: 10, likelihood: 2, impact: 3), .addThreat(risk: "9.12", text: "u", component: nil, likelihood: nil, impact: nil),
            .setControlReviewBy(control: "DASF 54", date: "2027-01-01"), .markControlNotApplicable(control: "DASF 12", reason: "r"),
            .markRiskNotApplicable(risk: "1.8", reason: "n"), .rateOrganisationalRisk(.talent, rating: 3), .setOrganisationalRiskNotes(.talent, notes: "x"),
            .addComment(.control("DASF 54"), author: "Rae", at: "2026-11-23T09:00:00Z", text: "why"), .resolveComment(id: "c1", resolved: true),
            .addComment(.risk("9.1"), author: "Rae", at: "2026-11-23T09:01:00Z", text: "and this"),
        ])
        XCTAssertEqual(AssessmentFields.unflatten(AssessmentFields.flatten(rich), catalog: rich.catalog), rich)
    }

    func testChangesOnOneSideOrAlikeOnBothMergeCleanly() throws {
        let mine = try edited([.setControlStatus(control: "DASF 1", status: .implemented), .setControlOwner(control: "DASF 54", owner: "Dana"),
                               .setScope(["rag", "external"])])
        let theirs = try edited([.setControlNote(control: "DASF 2", note: "reviewed"), .setControlOwner(control: "DASF 54", owner: "Dana"),
                                 .addComment(.risk("9.1"), author: "Rae", at: "2026-11-23T09:00:00Z", text: "ok?")])
        let result = Assessment.merge(base: base, mine: mine, theirs: theirs)
        XCTAssertTrue(result.conflicts.isEmpty)
        let merged = result.assessment
        XCTAssertEqual(merged.status(of: "DASF 1"), .implemented)
        XCTAssertEqual(merged.controls["DASF 2"]?.note, "reviewed")
        XCTAssertEqual(merged.controls["DASF 54"]?.owner, "Dana")
        XCTAssertEqual(merged.scope.deploymentModels, ["rag", "external"])
        XCTAssertEqual(merged.comments.map(\.text), ["ok?"])
        XCTAssertEqual(result.fromTheirs, 2)
    }

    func testConflictsKeepBothValuesAndMineInPlace() throws {
        let mine = try edited([.setControlOwner(control: "DASF 1", owner: "Lee"), .setRiskRationale(risk: "9.13", rationale: "mine")])
        let theirs = try edited([.setControlOwner(control: "DASF 1", owner: "Kim"), .setRiskRationale(risk: "9.13", rationale: "theirs")])
        let result = Assessment.merge(base: base, mine: mine, theirs: theirs)
        XCTAssertEqual(result.conflicts, [
            MergeConflict(field: "control/DASF 1/owner", base: "Sam", mine: "Lee", theirs: "Kim"),
            MergeConflict(field: "risk/9.13/rationale", base: "low", mine: "mine", theirs: "theirs"),
        ])
        XCTAssertEqual(result.assessment.controls["DASF 1"]?.owner, "Lee")
        var settled = result.assessment
        try settled.apply(.resolveConflict(field: "control/DASF 1/owner", takeTheirs: true), in: catalog)
        XCTAssertEqual(settled.controls["DASF 1"]?.owner, "Kim")
        try settled.apply(.resolveConflict(field: "risk/9.13/rationale", takeTheirs: false), in: catalog)
        XCTAssertEqual(settled.risks["9.13"]?.rationale, "mine")
        XCTAssertTrue(settled.conflicts.isEmpty)
        XCTAssertThrowsError(try settled.apply(.resolveConflict(field: "x", takeTheirs: true), in: catalog))
    }

    func testDeletionOnBothSidesAndDeletionAgainstAnEdit() throws {
        let mine = try edited([.setControlOwner(control: "DASF 1", owner: nil), .setControlNote(control: "DASF 2", note: nil)])
        let theirs = try edited([.setControlOwner(control: "DASF 1", owner: nil), .setControlNote(control: "DASF 2", note: "kept and changed")])
        let result = Assessment.merge(base: base, mine: mine, theirs: theirs)
        XCTAssertNil(result.assessment.controls["DASF 1"]?.owner, "both deleted: deleted")
        XCTAssertEqual(result.conflicts, [MergeConflict(field: "control/DASF 2/note", base: "old note", mine: nil, theirs: "kept and changed")],
                       "deleted against changed is a conflict, not a silent loss")
    }

    func testJournalsInterleaveByTimeWithoutDuplicates() {
        func entry(_ at: String, _ by: String) -> JournalEntry {
            JournalEntry(at: at, by: by, change: Change(target: "control DASF 1", field: "status", from: nil, to: by))
        }
        let shared = entry("2026-11-20T10:00:00Z", "Base")
        let mine = [shared, entry("2026-11-21T09:00:00Z", "Me"), entry("2026-11-22T09:00:00Z", "Me")]
        let theirs = [shared, entry("2026-11-21T12:00:00Z", "Them"), entry("2026-11-22T09:00:00Z", "Them")]
        XCTAssertEqual(Assessment.mergeJournals(mine, theirs).map { "\($0.at.prefix(13)) \($0.by)" }, [
            "2026-11-20T10 Base", "2026-11-21T09 Me", "2026-11-21T12 Them", "2026-11-22T09 Me", "2026-11-22T09 Them",
        ])
    }
}
