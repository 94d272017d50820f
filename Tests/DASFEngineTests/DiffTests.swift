import DASFEngine
import XCTest

final class DiffTests: XCTestCase {
    var catalog: Catalog!

    override func setUpWithError() throws { catalog = try BuiltinCatalogs.load("dasf-2.0") }

    func testEqualAssessmentsHaveNoDifference() throws {
        let a = Assessment(title: "t", catalog: catalog, deploymentModels: ["rag"])
        XCTAssertTrue(AssessmentDiff(before: a, beforeCatalog: catalog, after: a, afterCatalog: catalog).isEmpty)
    }

    func testEachKindOfChangeIsReported() throws {
        let before = Assessment(title: "t", catalog: catalog, deploymentModels: ["rag"])
        var after = before
        for edit: Edit in [
            .setControlStatus(control: "DASF 54", status: .implemented), .setControlOwner(control: "DASF 54", owner: "Dana"),
            .setControlReviewBy(control: "DASF 54", date: "2027-01-01"), .setControlTargetDate(control: "DASF 60", date: "2026-12-31"),
            .markControlNotApplicable(control: "DASF 12", reason: "no personal data"),
            .setRiskTreatment(risk: "9.13", treatment: .accept, rationale: "low"),
            .addThreat(risk: "9.12", text: "role play", component: nil, likelihood: 2, impact: 2),
        ] { try after.apply(edit, in: catalog) }
        let diff = AssessmentDiff(before: before, beforeCatalog: catalog, after: after, afterCatalog: catalog)
        XCTAssertNil(diff.catalogNote)
        XCTAssertTrue(diff.counts.contains(.init(group: "All", measure: "accepted", from: 0, to: 1)))
        XCTAssertTrue(diff.counts.contains { $0.group == "Model deployment and serving" && $0.measure == "partial" })
        XCTAssertTrue(diff.counts.contains { $0.group == "9 Model serving: inference requests" })
        XCTAssertTrue(diff.risks.contains(.init(id: "9.13", title: "Excessive agency", fromState: "open", toState: "accepted", fromTreatment: "mitigate", toTreatment: "accept")))
        XCTAssertTrue(diff.risks.contains { $0.id == "9.12" && $0.toState == "partial" })
        let fields = diff.fields.map(\.description)
        for expected in ["control DASF 54 owner: (none) → Dana", "control DASF 54 review by: (none) → 2027-01-01",
                         "control DASF 60 target date: (none) → 2026-12-31", "control DASF 12 not applicable: (none) → no personal data",
                         "risk 9.12 threat t1 added: (none) → role play"] {
            XCTAssertTrue(fields.contains(expected), expected)
        }
        let back = AssessmentDiff(before: after, beforeCatalog: catalog, after: before, afterCatalog: catalog)
        XCTAssertTrue(back.fields.contains { $0.description == "risk 9.12 threat t1 removed: role play → (none)" })
    }

    func testDifferentCatalogsAreSaidFirstAndComparedById() throws {
        let v1 = try BuiltinCatalogs.load("dasf-1.0")
        var a = Assessment(title: "t", catalog: v1)
        try a.apply(.setControlStatus(control: "DASF 1", status: .implemented), in: v1)
        var b = Assessment(title: "t", catalog: catalog)
        try b.apply(.setControlStatus(control: "DASF 1", status: .implemented), in: catalog)
        let diff = AssessmentDiff(before: a, beforeCatalog: v1, after: b, afterCatalog: catalog)
        XCTAssertEqual(diff.catalogNote, "made with different catalogs: dasf-1.0 1.0, then dasf-2.0 2.0; compared by id")
        XCTAssertFalse(diff.fields.contains { $0.target == "control DASF 1" }, "the same answer, matched by id")
        XCTAssertTrue(diff.risks.contains { $0.id == "9.12" && $0.fromState == "(not in catalog)" })
    }
}
