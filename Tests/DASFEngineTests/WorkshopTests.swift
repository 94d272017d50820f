import DASFEngine
import XCTest

/// The six workshop steps as engine operations.
final class WorkshopTests: XCTestCase {
    var catalog: Catalog!

    override func setUpWithError() throws { catalog = try TestCatalog.small() }

    func testUseCaseFields() throws {
        var a = Assessment(title: "t", catalog: catalog)
        try a.apply(.setUseCaseOwner("  Priya (claims ops) "), in: catalog)
        try a.apply(.setUseCaseDescription("Drafts replies to claim emails from policy documents."), in: catalog)
        try a.apply(.setStakeholders(["CISO", " ", "Claims ops", "Legal"]), in: catalog)
        XCTAssertEqual(a.useCase, UseCase(businessOwner: "Priya (claims ops)", description: "Drafts replies to claim emails from policy documents.",
                                          stakeholders: ["CISO", "Claims ops", "Legal"]))
        try a.apply(.setUseCaseOwner(""), in: catalog)
        XCTAssertNil(a.useCase.businessOwner)
    }

    func testAssessedIsSeparateFromTheState() throws {
        var a = Assessment(title: "t", catalog: catalog)
        var card = Scorecard(catalog: catalog, assessment: a)
        XCTAssertEqual(card.overall.unassessed, 5)
        XCTAssertEqual(card.overall.assessed, 0)
        try a.apply(.markRiskAssessed(risk: "1.1"), in: catalog)
        try a.apply(.markRiskNotApplicable(risk: "1.2", reason: "no such data"), in: catalog)
        try a.apply(.setRiskTreatment(risk: "2.1", treatment: .accept, rationale: "low"), in: catalog)
        try a.apply(.setControlStatus(control: "C4", status: .implemented), in: catalog)
        card = Scorecard(catalog: catalog, assessment: a)
        XCTAssertEqual(card.evaluation(ofRisk: "1.1")?.state, .open)
        XCTAssertEqual(card.evaluation(ofRisk: "1.1")?.assessed, true, "open and assessed")
        XCTAssertEqual(card.evaluation(ofRisk: "3.1")?.state, .partial)
        XCTAssertEqual(card.evaluation(ofRisk: "3.1")?.assessed, false, "partial and unassessed")
        XCTAssertEqual(card.overall.assessed, 2, "1.1 and 2.1; 1.2 is not applicable, so out of the in-scope count")
        XCTAssertEqual(card.overall.unassessed, 2)
        XCTAssertEqual(card.overall.assessed + card.overall.unassessed, card.overall.inScope)
    }

    func testThreatsGetStableIdsRatingsAndRollUp() throws {
        var a = Assessment(title: "t", catalog: catalog)
        try a.apply(.addThreat(risk: "1.1", text: "a contractor copies the raw claims bucket", component: 1, likelihood: 3, impact: 5), in: catalog)
        try a.apply(.addThreat(risk: "1.1", text: "stale service account", component: nil, likelihood: nil, impact: nil), in: catalog)
        try a.apply(.addThreat(risk: "1.1", text: "third", component: 2, likelihood: 4, impact: 4), in: catalog)
        try a.apply(.removeThreat(risk: "1.1", threat: "t2"), in: catalog)
        try a.apply(.addThreat(risk: "1.1", text: "fourth", component: nil, likelihood: 1, impact: 1), in: catalog)
        XCTAssertEqual(a.risks["1.1"]?.threats.map(\.id), ["t1", "t3", "t4"], "ids are never reused")
        XCTAssertEqual(Scorecard(catalog: catalog, assessment: a).evaluation(ofRisk: "1.1")?.highestThreatRating, 16)
        try a.apply(.rateThreat(risk: "1.1", threat: "t1", likelihood: 5, impact: 5), in: catalog)
        XCTAssertEqual(Scorecard(catalog: catalog, assessment: a).evaluation(ofRisk: "1.1")?.highestThreatRating, 25)
        XCTAssertThrowsError(try a.apply(.addThreat(risk: "1.1", text: "x", component: nil, likelihood: 6, impact: 1), in: catalog)) {
            XCTAssertEqual($0 as? EditError, .invalidRating(6))
        }
        XCTAssertThrowsError(try a.apply(.addThreat(risk: "1.1", text: "x", component: 99, likelihood: nil, impact: nil), in: catalog)) {
            XCTAssertEqual($0 as? EditError, .unknownComponent(99))
        }
        XCTAssertThrowsError(try a.apply(.addThreat(risk: "1.1", text: " ", component: nil, likelihood: nil, impact: nil), in: catalog))
        XCTAssertThrowsError(try a.apply(.removeThreat(risk: "1.1", threat: "t9"), in: catalog)) {
            XCTAssertEqual($0 as? EditError, .unknownThreat(risk: "1.1", threat: "t9"))
        }
    }

    func testDatesAndStaleness() throws {
        var a = Assessment(title: "t", catalog: catalog)
        try a.apply(.setControlTargetDate(control: "C1", date: "2026-12-31"), in: catalog)
        try a.apply(.setControlReviewBy(control: "C1", date: "2026-11-01"), in: catalog)
        try a.apply(.setControlLastVerified(control: "C1", date: "2026-05-01"), in: catalog)
        try a.apply(.setControlReviewBy(control: "C2", date: "2027-01-01"), in: catalog)
        for bad in ["2026-02-30", "2026-13-01", "26-1-1", "tomorrow", "2026-11-1"] {
            XCTAssertThrowsError(try a.apply(.setControlReviewBy(control: "C3", date: bad), in: catalog), bad)
        }
        XCTAssertNoThrow(try a.applying(.setControlReviewBy(control: "C3", date: "2028-02-29"), in: catalog), "leap day")
        let card = Scorecard(catalog: catalog, assessment: a, today: "2026-11-22")
        XCTAssertEqual(card.staleControls, ["C1"])
        XCTAssertEqual(card.overall.stale, 1)
        XCTAssertEqual(card.totals(ofComponent: 1)?.stale, 1, "C1 is mapped to component 1's risks")
        XCTAssertEqual(card.totals(ofComponent: 2)?.stale, 0)
        XCTAssertEqual(Scorecard(catalog: catalog, assessment: a).staleControls, [], "no day, no staleness")
        try a.apply(.markControlNotApplicable(control: "C1", reason: "r"), in: catalog)
        XCTAssertEqual(Scorecard(catalog: catalog, assessment: a, today: "2026-11-22").staleControls, [], "a control that does not apply is never stale")
    }

    func testOrganisationalRisks() throws {
        var a = Assessment(title: "t", catalog: catalog)
        try a.apply(.rateOrganisationalRisk(.talent, rating: 4), in: catalog)
        try a.apply(.setOrganisationalRiskNotes(.talent, notes: "one ML engineer"), in: catalog)
        XCTAssertEqual(a.organisationalRisks[.talent], OrganisationalRiskRecord(rating: 4, notes: "one ML engineer"))
        XCTAssertThrowsError(try a.apply(.rateOrganisationalRisk(.decisionSupport, rating: 0), in: catalog))
        try a.apply(.rateOrganisationalRisk(.talent, rating: nil), in: catalog)
        try a.apply(.setOrganisationalRiskNotes(.talent, notes: nil), in: catalog)
        XCTAssertTrue(a.organisationalRisks.isEmpty)
        XCTAssertEqual(OrganisationalRisk.allCases.map(\.rawValue), ["talent", "operating-model", "change-management", "decision-support"])
    }

    func testChangesListEveryFieldThatMoved() throws {
        let before = Assessment(title: "t", catalog: catalog)
        var after = before
        try after.apply(.setTitle("Claims"), in: catalog)
        try after.apply(.setScope(["rag"]), in: catalog)
        try after.apply(.setControlStatus(control: "C1", status: .implemented), in: catalog)
        try after.apply(.setControlOwner(control: "C1", owner: "Dana"), in: catalog)
        try after.apply(.addThreat(risk: "1.1", text: "leak", component: nil, likelihood: 2, impact: 3), in: catalog)
        try after.apply(.rateOrganisationalRisk(.talent, rating: 2), in: catalog)
        XCTAssertEqual(after.changes(from: before).map(\.description), [
            "assessment title: t → Claims",
            "scope deployment models: all → rag",
            "risk 1.1 threat t1 added: (none) → leak",
            "control C1 status: not-started → implemented",
            "control C1 owner: (none) → Dana",
            "organisational risk talent rating: (none) → 2",
        ])
        XCTAssertEqual(before.changes(from: after).count, 6, "the reverse change touches the same fields")
        XCTAssertEqual(before.changes(from: before), [])
    }
}

final class CommentTests: XCTestCase {
    func testCommentsGetIdsResolveAndAreChecked() throws {
        let catalog = try TestCatalog.small()
        var a = Assessment(title: "t", catalog: catalog)
        try a.apply(.addComment(.risk("1.1"), author: "Rae", at: "2026-11-23T09:00:00Z", text: "why C2?"), in: catalog)
        try a.apply(.addComment(.control("C1"), author: " ", at: "2026-11-23T09:01:00Z", text: "evidence?"), in: catalog)
        XCTAssertEqual(a.comments.map(\.id), ["c1", "c2"])
        XCTAssertEqual(a.comments[1].author, "unknown")
        XCTAssertEqual(a.openComments(on: .risk("1.1")).count, 1)
        try a.apply(.resolveComment(id: "c1", resolved: true), in: catalog)
        XCTAssertEqual(a.openComments(on: .risk("1.1")).count, 0)
        XCTAssertThrowsError(try a.apply(.resolveComment(id: "c9", resolved: true), in: catalog)) { XCTAssertEqual($0 as? EditError, .unknownComment("c9")) }
        XCTAssertThrowsError(try a.apply(.addComment(.risk("9.9"), author: "x", at: "", text: "y"), in: catalog)) { XCTAssertEqual($0 as? EditError, .unknownRisk("9.9")) }
        XCTAssertThrowsError(try a.apply(.addComment(.control("C1"), author: "x", at: "", text: " "), in: catalog))
        XCTAssertTrue(Edit.addComment(.risk("1.1"), author: "", at: "", text: "").isComment)
        XCTAssertFalse(Edit.setTitle("x").isComment)
        let changes = a.changes(from: Assessment(title: "t", catalog: catalog)).map(\.description)
        XCTAssertTrue(changes.contains("comment c1 added: (none) → risk 1.1 by Rae: why C2?"), "\(changes)")
    }
}
