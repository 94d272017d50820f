import DASFEngine
import XCTest

final class EditTests: XCTestCase {
    var catalog: Catalog!
    var blank: Assessment!

    override func setUpWithError() throws {
        catalog = try TestCatalog.small()
        blank = Assessment(title: "t", catalog: catalog)
    }

    func testControlFieldsAreSetAndClearedWithBlankText() throws {
        var a = blank!
        try a.apply(.setControlStatus(control: "C1", status: .planned), in: catalog)
        try a.apply(.setControlOwner(control: "C1", owner: "  Dana "), in: catalog)
        try a.apply(.setControlEvidence(control: "C1", evidence: "https://wiki/c1"), in: catalog)
        try a.apply(.setControlNote(control: "C1", note: "line one\nline two"), in: catalog)
        XCTAssertEqual(a.controls["C1"], ControlRecord(status: .planned, owner: "Dana", evidence: "https://wiki/c1", note: "line one\nline two"))
        try a.apply(.setControlOwner(control: "C1", owner: ""), in: catalog)
        XCTAssertNil(a.controls["C1"]?.owner)
        for edit: Edit in [.setControlStatus(control: "C1", status: .notStarted), .setControlEvidence(control: "C1", evidence: nil), .setControlNote(control: "C1", note: " ")] {
            try a.apply(edit, in: catalog)
        }
        XCTAssertNil(a.controls["C1"], "a record back at its defaults is dropped, keeping files small")
    }

    func testNotApplicableNeedsAReasonAndLeavingItClearsTheReason() throws {
        var a = blank!
        XCTAssertThrowsError(try a.apply(.markControlNotApplicable(control: "C1", reason: "  "), in: catalog)) {
            XCTAssertEqual($0 as? EditError, .reasonRequired("control C1"))
        }
        XCTAssertThrowsError(try a.apply(.setControlStatus(control: "C1", status: .notApplicable), in: catalog))
        try a.apply(.markControlNotApplicable(control: "C1", reason: "not used"), in: catalog)
        XCTAssertEqual(a.controls["C1"]?.notApplicableReason, "not used")
        try a.apply(.setControlStatus(control: "C1", status: .implemented), in: catalog)
        XCTAssertEqual(a.controls["C1"], ControlRecord(status: .implemented))
        XCTAssertThrowsError(try a.apply(.markRiskNotApplicable(risk: "1.1", reason: ""), in: catalog))
        try a.apply(.markRiskNotApplicable(risk: "1.1", reason: "no raw data"), in: catalog)
        try a.apply(.markRiskApplicable(risk: "1.1"), in: catalog)
        XCTAssertEqual(a.risks["1.1"], RiskRecord(assessed: true), "deciding it applies is an assessment")
    }

    func testTreatmentsOtherThanMitigateNeedARationale() throws {
        var a = blank!
        XCTAssertThrowsError(try a.apply(.setRiskTreatment(risk: "1.1", treatment: .accept, rationale: nil), in: catalog)) {
            XCTAssertEqual($0 as? EditError, .rationaleRequired(.accept))
        }
        try a.apply(.setRiskTreatment(risk: "1.1", treatment: .accept, rationale: "cheap to recover"), in: catalog)
        try a.apply(.setRiskTreatment(risk: "1.1", treatment: .transfer, rationale: nil), in: catalog)
        XCTAssertEqual(a.risks["1.1"], RiskRecord(treatment: .transfer, rationale: "cheap to recover", assessed: true))
        XCTAssertThrowsError(try a.apply(.setRiskRationale(risk: "1.1", rationale: ""), in: catalog))
        try a.apply(.setRiskTreatment(risk: "1.1", treatment: .mitigate, rationale: nil), in: catalog)
        try a.apply(.setRiskRationale(risk: "1.1", rationale: nil), in: catalog)
        XCTAssertEqual(a.risks["1.1"], RiskRecord(assessed: true))
    }

    func testRefusedEditsLeaveTheAssessmentUnchanged() {
        var a = blank!
        let cases: [(Edit, EditError)] = [
            (.setControlStatus(control: "C9", status: .planned), .unknownControl("C9")),
            (.setRiskTreatment(risk: "9.9", treatment: .mitigate, rationale: nil), .unknownRisk("9.9")),
            (.setScope(["rag", "quantum"]), .unknownDeploymentModels(["quantum"])),
            (.setTitle("   "), .emptyTitle),
        ]
        for (edit, expected) in cases {
            XCTAssertThrowsError(try a.apply(edit, in: catalog)) { XCTAssertEqual($0 as? EditError, expected) }
            XCTAssertEqual(a, blank)
        }
        XCTAssertEqual(EditError.unknownControl("C9").description, "the catalog has no control C9")
    }

    func testApplyingReturnsACopy() throws {
        let changed = try blank.applying(.setTitle("Claims triage"), in: catalog)
        XCTAssertEqual(changed.title, "Claims triage")
        XCTAssertEqual(blank.title, "t")
    }

    func testStatusCycleSkipsNotApplicable() {
        XCTAssertEqual(ControlStatus.notStarted.next, .planned)
        XCTAssertEqual(ControlStatus.planned.next, .inProgress)
        XCTAssertEqual(ControlStatus.inProgress.next, .implemented)
        XCTAssertEqual(ControlStatus.implemented.next, .notStarted)
        XCTAssertEqual(ControlStatus.notApplicable.next, .notStarted)
        XCTAssertEqual(ControlStatus.inProgress.label, "in progress")
    }
}

/// A component's controls, each once, with how many of its risks each mitigates.
final class ComponentControlsTests: XCTestCase {
    func testEachControlOnceWithItsShareOfTheComponentsRisks() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        let controls = catalog.controls(ofComponent: 9)
        XCTAssertEqual(Set(controls.map(\.id)).count, controls.count, "each once")
        let risks = catalog.risks.filter { $0.component == 9 }
        XCTAssertEqual(Set(controls.map(\.id)), Set(risks.flatMap(\.controls)))
        for control in controls {
            XCTAssertEqual(control.risks, risks.filter { $0.controls.contains(control.id) }.count, control.id)
        }
        XCTAssertEqual(catalog.controls(ofComponent: 999).count, 0)
    }
}
