import DASFEngine
import XCTest

final class ScorecardTests: XCTestCase {
    var catalog: Catalog!

    override func setUpWithError() throws { catalog = try TestCatalog.small() }

    func assessment(_ edits: [Edit], models: [String] = []) throws -> Assessment {
        var assessment = Assessment(title: "t", catalog: catalog, deploymentModels: models)
        for edit in edits { try assessment.apply(edit, in: catalog) }
        return assessment
    }

    func state(_ id: String, _ a: Assessment) -> RiskState? {
        Scorecard(catalog: catalog, assessment: a).evaluation(ofRisk: id)?.state
    }

    /// `joined(by:)` stands in for the standard library's `joined(separator:)` on hot paths.
    func testJoinedByGivesWhatJoinedSeparatorGives() {
        for parts in [[], ["a"], ["a", "b", "c"], ["", "x", ""], ["日本", "🛡️"]] as [[String]] {
            XCTAssertEqual(parts.joined(by: ", "), parts.joined(separator: ", "))
            XCTAssertEqual(parts.joined(by: ""), parts.joined())
        }
        XCTAssertEqual(ControlStatus.allCases.map(\.label), ControlStatus.allCases.map { $0.rawValue.replacingOccurrences(of: "-", with: " ") })
    }

    /// Counts by status are kept by `ordinal`, which must be each status's place in `allCases`.
    func testEachStatusOrdinalIsItsPlace() {
        for (place, status) in ControlStatus.allCases.enumerated() { XCTAssertEqual(status.ordinal, place, status.rawValue) }
    }

    func testBlankAssessmentHasEveryRiskOpenAndEmptyScopeMeansAll() throws {
        let card = Scorecard(catalog: catalog, assessment: try assessment([]))
        XCTAssertEqual(card.risks.map(\.state), [.open, .open, .open, .open, .open])
        XCTAssertEqual(card.overall.inScope, 5)
        XCTAssertEqual(card.overall.controls(.notStarted), 4)
        XCTAssertEqual(card.evaluation(ofRisk: "1.1")?.explanation, "open: C1, C2 not implemented")
    }

    func testASharedControlCountsForEveryRiskItMitigates() throws {
        let a = try assessment([.setControlStatus(control: "C1", status: .implemented)])
        let card = Scorecard(catalog: catalog, assessment: a)
        XCTAssertEqual(card.evaluation(ofRisk: "1.1")?.state, .partial)
        XCTAssertEqual(card.evaluation(ofRisk: "1.2")?.state, .mitigated)
        XCTAssertEqual(card.evaluation(ofRisk: "3.1")?.state, .partial)
        XCTAssertEqual(card.evaluation(ofRisk: "2.1")?.state, .open)
        XCTAssertEqual(card.evaluation(ofRisk: "1.1")?.coverage, 0.5)
        XCTAssertEqual(card.evaluation(ofRisk: "3.1")?.coverage ?? 0, 1.0 / 3.0, accuracy: 1e-9)
        XCTAssertEqual(card.evaluation(ofRisk: "1.1")?.explanation, "partial: C2 not implemented (1 of 2 implemented)")
        XCTAssertEqual(card.evaluation(ofRisk: "1.2")?.explanation, "mitigated: its control is implemented")
        XCTAssertEqual(card.totals(ofComponent: 1)?.mitigated, 1)
        XCTAssertEqual(card.totals(ofComponent: 1)?.partial, 1)
        XCTAssertEqual(card.totals(ofStage: "s1")?.open, 1)
        XCTAssertEqual(card.totals(ofComponent: 1)?.controls(.implemented), 1)
        XCTAssertEqual(card.overall.controls(.implemented), 1)
    }

    func testInProgressAndPlannedControlsDoNotCountAsImplemented() throws {
        let a = try assessment([
            .setControlStatus(control: "C1", status: .inProgress), .setControlStatus(control: "C2", status: .planned),
        ])
        let evaluation = Scorecard(catalog: catalog, assessment: a).evaluation(ofRisk: "1.1")
        XCTAssertEqual(evaluation?.state, .open)
        XCTAssertEqual(evaluation?.missing, [ControlGap(control: "C1", status: .inProgress), ControlGap(control: "C2", status: .planned)])
    }

    func testNotApplicableControlsDropOutOfTheArithmetic() throws {
        let a = try assessment([
            .markControlNotApplicable(control: "C2", reason: "no such system"),
            .setControlStatus(control: "C1", status: .implemented),
        ])
        let evaluation = Scorecard(catalog: catalog, assessment: a).evaluation(ofRisk: "1.1")
        XCTAssertEqual(evaluation?.state, .mitigated)
        XCTAssertEqual(evaluation?.coverage, 1)
        XCTAssertEqual(evaluation?.explanation, "mitigated: its control is implemented; C2 not applicable")
    }

    func testNotApplicableEverywhereLeavesTheRiskOpenAndSaysSo() throws {
        let a = try assessment([
            .markControlNotApplicable(control: "C1", reason: "r"), .markControlNotApplicable(control: "C2", reason: "r"),
        ])
        let evaluation = Scorecard(catalog: catalog, assessment: a).evaluation(ofRisk: "1.1")
        XCTAssertEqual(evaluation?.state, .open)
        XCTAssertEqual(evaluation?.coverage, 0)
        XCTAssertEqual(evaluation?.explanation, "open: every mapped control (C1, C2) is marked not applicable; choose a treatment")
        XCTAssertEqual(state("3.2", a), .open, "a risk no control maps to stays open")
        XCTAssertEqual(Scorecard(catalog: catalog, assessment: a).evaluation(ofRisk: "3.2")?.explanation,
                       "open: the catalog maps no control to this risk; choose a treatment")
    }

    func testScopeTakesRisksOutAndBackIn() throws {
        var a = try assessment([], models: ["predictive-ml"])
        XCTAssertEqual(Scorecard(catalog: catalog, assessment: a).risks.map(\.state), [.outOfScope, .outOfScope, .open, .open, .outOfScope])
        XCTAssertEqual(Scorecard(catalog: catalog, assessment: a).evaluation(ofRisk: "1.2")?.explanation,
                       "out of scope: applies to rag, none of which is in scope")
        try a.apply(.setScope(["external", "rag"]), in: catalog)
        XCTAssertEqual(a.scope.deploymentModels, ["rag", "external"], "stored in catalog order")
        let card = Scorecard(catalog: catalog, assessment: a)
        XCTAssertEqual(card.overall.inScope, 4)
        XCTAssertEqual(card.overall.outOfScope, 1)
        try a.apply(.setScope([]), in: catalog)
        XCTAssertEqual(Scorecard(catalog: catalog, assessment: a).overall.inScope, 5)
    }

    func testRiskDecisionsOverrideControls() throws {
        let a = try assessment([
            .markRiskNotApplicable(risk: "1.1", reason: "no raw data kept"),
            .setRiskTreatment(risk: "1.2", treatment: .accept, rationale: "low value"),
            .setRiskTreatment(risk: "2.1", treatment: .transfer, rationale: "insured"),
            .setRiskTreatment(risk: "3.1", treatment: .avoid, rationale: "feature dropped"),
        ])
        let card = Scorecard(catalog: catalog, assessment: a)
        XCTAssertEqual(card.risks.map(\.state), [.notApplicable, .accepted, .transferred, .avoided, .open])
        XCTAssertEqual(card.evaluation(ofRisk: "1.1")?.explanation, "not applicable: no raw data kept")
        XCTAssertEqual(card.evaluation(ofRisk: "1.2")?.explanation, "accepted: low value")
        XCTAssertEqual(card.overall.inScope, 4)
        XCTAssertEqual(card.overall.notApplicable, 1)
        let out = try assessment([.markRiskNotApplicable(risk: "1.2", reason: "r")], models: ["predictive-ml"])
        XCTAssertEqual(state("1.2", out), .outOfScope, "scope is decided first")
    }

    func testUnknownIdsAreReportedNotDropped() throws {
        var a = try assessment([.setControlStatus(control: "C1", status: .implemented)])
        a.controls["DASF 999"] = ControlRecord(status: .implemented, owner: "x")
        a.risks["99.1"] = RiskRecord(treatment: .accept, rationale: "old")
        a.scope = Scope(deploymentModels: ["rag", "quantum"])
        let card = Scorecard(catalog: catalog, assessment: a)
        XCTAssertEqual(card.unknown, UnknownIDs(risks: ["99.1"], controls: ["DASF 999"], deploymentModels: ["quantum"]))
        XCTAssertEqual(card.unknown.lines.count, 3)
        XCTAssertEqual(a.controls["DASF 999"]?.owner, "x")
        XCTAssertEqual(card.risks.count, 5)
    }

    /// The roll-up identities hold for any assessment, checked over many generated ones.
    func testTotalsAlwaysAddUp() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        var generator = SplitMix(seed: 7)
        for _ in 0..<300 {
            let a = RandomAssessment.make(catalog: catalog, using: &generator)
            let card = Scorecard(catalog: catalog, assessment: a)
            var groups = card.components.map(\.totals) + card.stages.map(\.totals)
            groups.append(card.overall)
            for t in groups {
                XCTAssertEqual(t.risks, t.inScope + t.notApplicable + t.outOfScope)
                XCTAssertEqual(t.inScope, t.open + t.partial + t.mitigated + t.accepted + t.transferred + t.avoided)
            }
            XCTAssertEqual(card.overall.risks, 62)
            XCTAssertEqual(card.stages.reduce(0) { $0 + $1.totals.open }, card.overall.open)
            XCTAssertEqual(ControlStatus.allCases.reduce(0) { $0 + card.overall.controls($1) }, 64)
            for evaluation in card.risks {
                XCTAssertTrue((0...1).contains(evaluation.coverage))
                XCTAssertEqual(evaluation.state == .mitigated, evaluation.coverage == 1 && evaluation.treatment == .mitigate && evaluation.state.isInScope)
            }
        }
    }

    func testTheRealCatalogMatchesTheIssueExample() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        var a = Assessment(title: "x", catalog: catalog)
        for control in catalog.risk("9.1")!.controls where control != "DASF 54" && control != "DASF 60" {
            try a.apply(.setControlStatus(control: control, status: .implemented), in: catalog)
        }
        let evaluation = Scorecard(catalog: catalog, assessment: a).evaluation(ofRisk: "9.1")
        XCTAssertEqual(evaluation?.state, .partial)
        XCTAssertEqual(evaluation?.missingControls, ["DASF 54", "DASF 60"])
        XCTAssertTrue(evaluation?.explanation.hasPrefix("partial: DASF 54, DASF 60 not implemented") ?? false)
    }
}

/// A small deterministic generator so property-style tests repeat exactly.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum RandomAssessment {
    static func make<G: RandomNumberGenerator>(catalog: Catalog, using generator: inout G) -> Assessment {
        var a = Assessment(title: "random", catalog: catalog)
        let models = catalog.deploymentModels.map(\.id).filter { _ in Bool.random(using: &generator) }
        try? a.apply(.setScope(models), in: catalog)
        for control in catalog.controls where Int.random(in: 0..<3, using: &generator) == 0 {
            let status = ControlStatus.allCases.randomElement(using: &generator)!
            let edit: Edit = status == .notApplicable
                ? .markControlNotApplicable(control: control.id, reason: "n/a")
                : .setControlStatus(control: control.id, status: status)
            try? a.apply(edit, in: catalog)
        }
        for risk in catalog.risks where Int.random(in: 0..<6, using: &generator) == 0 {
            let treatment = RiskTreatment.allCases.randomElement(using: &generator)!
            try? a.apply(.setRiskTreatment(risk: risk.id, treatment: treatment, rationale: "because"), in: catalog)
            if Bool.random(using: &generator) { try? a.apply(.markRiskNotApplicable(risk: risk.id, reason: "n/a"), in: catalog) }
        }
        return a
    }
}

/// Issue 10.5: the executive page's two lists, from the engine.
final class PriorityTests: XCTestCase {
    func testTheMostPressingRisksAreRankedByRatingThenState() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        var a = Assessment(title: "x", catalog: catalog)
        try a.apply(.addThreat(risk: "9.12", text: "jailbreak", component: nil, likelihood: 4, impact: 5), in: catalog)
        try a.apply(.addThreat(risk: "1.1", text: "weak access", component: nil, likelihood: 2, impact: 2), in: catalog)
        try a.apply(.setControlStatus(control: "DASF 1", status: .implemented), in: catalog)
        let card = Scorecard(catalog: catalog, assessment: a)
        let top = card.mostPressing(10)
        XCTAssertEqual(top.count, 10)
        XCTAssertEqual(top[0].riskID, "9.12")
        XCTAssertEqual(top[1].riskID, "1.1")
        XCTAssertTrue(top.dropFirst(2).allSatisfy { $0.highestThreatRating == nil })
        let unrated = top.dropFirst(2)
        XCTAssertEqual(unrated.map(\.state), unrated.map(\.state).sorted { $0 == .open && $1 != .open }, "open before partial")
    }

    func testDueDatesComeEarliestFirstAndSayWhatIsLate() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        var a = Assessment(title: "x", catalog: catalog)
        try a.apply(.setControlTargetDate(control: "DASF 5", date: "2026-12-01"), in: catalog)
        try a.apply(.setControlStatus(control: "DASF 1", status: .implemented), in: catalog)
        try a.apply(.setControlReviewBy(control: "DASF 1", date: "2026-11-01"), in: catalog)
        try a.apply(.setControlTargetDate(control: "DASF 2", date: "2027-01-10"), in: catalog)
        try a.apply(.setControlStatus(control: "DASF 3", status: .implemented), in: catalog)
        try a.apply(.setControlTargetDate(control: "DASF 3", date: "2026-01-01"), in: catalog)
        let due = a.dueNext(today: "2026-11-24", limit: 10)
        XCTAssertEqual(due.map(\.control), ["DASF 1", "DASF 5", "DASF 2"], "an implemented control's target is no longer due")
        XCTAssertEqual(due.map(\.overdue), [true, false, false])
        XCTAssertEqual(due.first?.kind, .review)
        XCTAssertEqual(a.dueNext(today: nil, limit: 1).count, 1)
    }
}
