import DASFEngine
import XCTest

/// Issue 11.3: an upgrade keeps every answer, asks again where a control's meaning changed, and
/// lists what is new.
final class UpgradeTests: XCTestCase {
    func fullyAnswered(_ catalog: Catalog) throws -> Assessment {
        var a = Assessment(title: "Claims", catalog: catalog, deploymentModels: ["rag"])
        let statuses: [ControlStatus] = [.implemented, .inProgress, .planned, .notStarted]
        for (n, control) in catalog.controls.enumerated() {
            try a.apply(.setControlStatus(control: control.id, status: statuses[n % 4]), in: catalog)
            try a.apply(.setControlOwner(control: control.id, owner: "Owner \(n)"), in: catalog)
        }
        for (n, risk) in catalog.risks.enumerated() {
            if n % 5 == 0 { try a.apply(.setRiskTreatment(risk: risk.id, treatment: .accept, rationale: "accepted \(n)"), in: catalog) } else {
                try a.apply(.markRiskAssessed(risk: risk.id), in: catalog)
            }
        }
        return a
    }

    func testOneToTwoKeepsEveryAnswerAsksAgainFor38And39AndListsWhatIsNew() throws {
        let v1 = try BuiltinCatalogs.load("dasf-1.0"), v2 = try BuiltinCatalogs.load("dasf-2.0")
        let before = try fullyAnswered(v1)
        let (after, report) = before.upgraded(from: v1, to: v2)
        XCTAssertEqual(before.risks.count, 55)
        XCTAssertEqual(before.controls.count, 53)
        XCTAssertEqual(report.keptRisks.count, 55)
        XCTAssertEqual(report.keptControls.count, 51)
        XCTAssertEqual(report.askAgain, ["DASF 38", "DASF 39"])
        XCTAssertEqual(report.newRisks.count, 7)
        XCTAssertEqual(report.newControls.count, 11)
        XCTAssertEqual(report.orphanRisks + report.orphanControls + report.orphanModels, [])
        // Every answer is still there: the same record, or (38, 39) written into the note.
        var counted = 0
        for (id, record) in before.risks { XCTAssertEqual(after.risks[id], record, id); counted += 1 }
        for (id, record) in before.controls {
            if report.askAgain.contains(id) {
                let note = try XCTUnwrap(after.controls[id]?.note)
                XCTAssertTrue(note.contains(record.status.label) && note.contains(record.owner ?? "?"), note)
                XCTAssertEqual(after.controls[id]?.status, .notStarted)
            } else {
                XCTAssertEqual(after.controls[id], record, id)
            }
            counted += 1
        }
        XCTAssertEqual(counted, 108, "55 risk and 53 control answers")
        XCTAssertEqual(after.catalog.id, "dasf-2.0")
        XCTAssertEqual(after.scope, before.scope)
        let card = Scorecard(catalog: v2, assessment: after)
        XCTAssertEqual(report.newRisks.filter { card.evaluation(ofRisk: $0)?.state.isInScope ?? false }.allSatisfy { card.evaluation(ofRisk: $0)?.assessed == false }, true,
                       "new risks are unassessed")
    }

    func testWhatTheNewCatalogLacksIsKeptAndSaid() throws {
        let v1 = try BuiltinCatalogs.load("dasf-1.0"), v2 = try BuiltinCatalogs.load("dasf-2.0")
        var a = Assessment(title: "x", catalog: v2)
        try a.apply(.setControlStatus(control: "DASF 64", status: .implemented), in: v2)
        try a.apply(.markRiskAssessed(risk: "12.7"), in: v2)
        let (down, report) = a.upgraded(from: v2, to: v1)
        XCTAssertEqual(report.orphanControls, ["DASF 64"])
        XCTAssertEqual(report.orphanRisks, ["12.7"])
        XCTAssertEqual(down.controls["DASF 64"]?.status, .implemented, "kept in the file")
        XCTAssertTrue(report.lines.contains { $0.contains("kept though dasf-1.0 does not have them: risk 12.7, DASF 64") }, report.lines.joined(separator: "\n"))
    }
}

final class NewerCatalogTests: XCTestCase {
    func testANewerBuiltInCatalogIsOffered() throws {
        XCTAssertEqual(BuiltinCatalogs.newer(than: try BuiltinCatalogs.load("dasf-1.0"))?.id, "dasf-2.0")
        XCTAssertNil(BuiltinCatalogs.newer(than: try BuiltinCatalogs.load("dasf-2.0")))
    }
}
