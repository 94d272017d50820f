import DASFEngine
import Foundation
import XCTest

/// Issue 11.4: an organisation's overlay adds controls, risks, pairs and wording on top of a
/// catalog, never takes anything away, and a mistake in it names the item.
final class OverlayTests: XCTestCase {
    static func overlay(_ object: [String: Any]) throws -> Overlay {
        var full: [String: Any] = ["format": "dasf-overlay", "formatVersion": 1, "id": "acme", "version": "2026.1", "base": "dasf-2.0"]
        full.merge(object) { $1 }
        return try Overlay.load(data: try JSONSerialization.data(withJSONObject: full, options: [.sortedKeys]), origin: "acme.json")
    }

    func testAnOverlayAddsAndRewordsAndKeepsEveryFact() throws {
        let base = try BuiltinCatalogs.load("dasf-2.0")
        let overlay = try Self.overlay([
            "controls": [["id": "ACME 1", "title": "Prompt firewall at the gateway (test data)", "mitigates": ["9.1", "9.2"]],
                         ["id": "DASF 54", "title": "Our wording for 54 (test data)"]],
            "risks": [["id": "9.101", "title": "Gateway bypass (test data)", "component": 9, "controls": ["ACME 1", "DASF 54"]],
                      ["id": "10.1", "controls": ["ACME 1"]]],
            "components": [["id": 9, "talkingPoints": ["Our gateway sits here (test data)."]]],
            "stages": [["id": base.stages[0].id, "short": "Data (ours)"]],
        ])
        let catalog = try base.applying(overlay, path: "acme.json", origin: "acme.json")
        XCTAssertEqual(catalog.controls.count, base.controls.count + 1)
        XCTAssertEqual(catalog.risks.count, base.risks.count + 1)
        XCTAssertEqual(catalog.risk("9.1")?.controls, (base.risk("9.1")?.controls ?? []) + ["ACME 1"])
        XCTAssertEqual(catalog.risk("10.1")?.controls, (base.risk("10.1")?.controls ?? []) + ["ACME 1"])
        XCTAssertEqual(catalog.risk("9.101")?.deploymentModels, base.deploymentModels.map(\.id), "a new risk applies to every model unless it says")
        XCTAssertEqual(catalog.risk("9.101")?.revision, "acme")
        XCTAssertEqual(catalog.control("DASF 54")?.title, "Our wording for 54 (test data)")
        XCTAssertEqual(catalog.component(9)?.talkingPoints, ["Our gateway sits here (test data)."])
        XCTAssertEqual(catalog.component(9)?.name, base.component(9)?.name)
        XCTAssertEqual(catalog.stages[0].short, "Data (ours)")
        XCTAssertEqual(catalog.riskCount(mitigatedBy: "ACME 1"), 4)
        // Every base pair is still there.
        for risk in base.risks { XCTAssertEqual(Array(catalog.risk(risk.id)?.controls.prefix(risk.controls.count) ?? []), risk.controls, risk.id) }
        XCTAssertEqual(catalog.digest, base.digest, "the base's digest: the answers were given against its facts")
        XCTAssertEqual(catalog.reference.overlays, [OverlayReference(id: "acme", version: "2026.1", digest: overlay.digest, path: "acme.json")])
        XCTAssertEqual(catalog.reference.label, "dasf-2.0 2.0 + acme 2026.1")

        // The scorecard counts the overlay's control: implementing it moves 9.101 on.
        var assessment = Assessment(title: "t", catalog: catalog)
        try assessment.apply(.setControlStatus(control: "ACME 1", status: .implemented), in: catalog)
        let card = Scorecard(catalog: catalog, assessment: assessment)
        XCTAssertEqual(card.evaluation(ofRisk: "9.101")?.state, .partial)
    }

    func testMistakesAreNamedAndNothingIsRemoved() throws {
        let base = try BuiltinCatalogs.load("dasf-2.0")
        let overlay = try Self.overlay([
            "controls": [["id": "ACME 2", "mitigates": ["99.9"]], ["id": "ACME 3", "title": "Test", "mitigates": ["99.8"]]],
            "risks": [["id": "9.102", "title": "No component (test data)"], ["id": "9.1", "component": 10],
                      ["id": "9.103", "title": "Unknown control (test data)", "component": 9, "controls": ["NOPE 1"]]],
            "stages": [["id": "new-stage", "name": "New"]],
        ])
        XCTAssertThrowsCatalogError(try base.applying(overlay, path: "acme.json", origin: "acme.json"), containing: [
            "acme.json: ",
            "control ACME 2: a new control needs a title",
            "control ACME 3: mitigates risk 99.8, which neither dasf-2.0 nor the overlay defines",
            "risk 9.102: a new risk needs a title and a component",
            "risk 9.1: an overlay cannot move a risk to another component",
            "risk 9.103: names control NOPE 1, which the catalog does not define",
            "stage new-stage: not in dasf-2.0",
        ])
        for (text, fragment) in [("{}", "not a dasf overlay"), ("{\"format\": \"dasf-catalog\"}", "format is \"dasf-catalog\""),
                                 ("{\"format\": \"dasf-overlay\", \"formatVersion\": 7, \"id\": \"x\"}", "overlay format 7 is newer"),
                                 ("{\"format\": \"dasf-overlay\", \"formatVersion\": 1, \"id\": \"x\", \"risks\": [{\"id\": 3}]}", "expected text at risks[0].id")] {
            XCTAssertThrowsCatalogError(try Overlay.load(data: Data(text.utf8), origin: "o.json"), containing: [fragment])
        }
    }

    func testOnlyARegularFileIsRead() throws {
        let folder = NSTemporaryDirectory() + "dasf-overlay-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/pipe.json"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // A FIFO would block a plain read for ever; it is refused at once.
        XCTAssertThrowsCatalogError(try Overlay.load(path: fifo), containing: ["not a regular file"])
        XCTAssertThrowsCatalogError(try Overlay.load(path: folder), containing: ["not a regular file"])
        XCTAssertThrowsCatalogError(try Overlay.load(path: folder + "/missing.json"), containing: ["no such file"])
    }
}
