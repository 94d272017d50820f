import DASFEngine
import Foundation
import XCTest

/// People's own catalogs get precise messages, and the format leaves room for DASF 3.0.
final class CatalogValidationTests: XCTestCase {
    func testSmallCatalogLoadsWithIndexes() throws {
        let catalog = try TestCatalog.small()
        XCTAssertEqual(catalog.risks(inComponent: 1).map(\.id), ["1.1", "1.2"])
        XCTAssertEqual(catalog.risks(mitigatedBy: "C1").map(\.id), ["1.1", "1.2", "3.1"])
        XCTAssertEqual(catalog.components(inStage: "s2").map(\.id), [3])
        XCTAssertTrue(catalog.digest.hasPrefix("sha256:"))
    }

    func testThirteenComponentsAndFiveStagesAreAllowed() throws {
        let stages: [[String: Any]] = (1...5).map { ["id": "s\($0)", "name": "Stage \($0)"] }
        let components: [[String: Any]] = (1...13).map { ["id": $0, "name": "C\($0)", "stage": "s\(($0 - 1) % 5 + 1)"] }
        let catalog = try Catalog.load(data: TestCatalog.json(
            stages: stages, components: components,
            risks: [TestCatalog.risk("13.1", component: 13, controls: ["DASF 65"])], controls: ["DASF 65"]), origin: "c")
        XCTAssertEqual(catalog.components.count, 13)
        XCTAssertEqual(catalog.stages.count, 5)
        XCTAssertEqual(catalog.risks(inComponent: 13).count, 1)
    }

    func testSubComponentsGroupRisksAndAreChecked() throws {
        let parts: [[String: Any]] = [["id": "13A", "name": "Agent core"], ["id": "13B", "name": "MCP server", "short": "Server"]]
        var risk = TestCatalog.risk("13.1", component: 13, controls: ["DASF 65"])
        risk["part"] = "13B"
        let catalog = try Catalog.load(data: TestCatalog.json(components: [["id": 13, "name": "Agentic AI", "stage": "s1", "parts": parts]],
                                                              risks: [risk], controls: ["DASF 65"]), origin: "c")
        XCTAssertEqual(catalog.component(13)?.parts.map(\.id), ["13A", "13B"])
        XCTAssertEqual(catalog.component(13)?.part("13B")?.short, "Server")
        XCTAssertEqual(catalog.component(13)?.part("13A")?.short, "Agent core")
        XCTAssertEqual(catalog.risk("13.1")?.part, "13B")
        let card = Scorecard(catalog: catalog, assessment: Assessment(title: "t", catalog: catalog))
        XCTAssertEqual(card.totals(ofPart: "13B")?.open, 1)
        XCTAssertNil(card.totals(ofPart: "13A"))

        risk["part"] = "13Z"
        XCTAssertThrowsCatalogError(try Catalog.load(data: TestCatalog.json(
            components: [["id": 13, "name": "Agentic AI", "stage": "s1", "parts": parts + [["id": "13A", "name": " "]]]],
            risks: [risk], controls: ["DASF 65"]), origin: "mine.json"), containing: [
                "risk 13.1: names part 13Z, which component 13 does not have",
                "component 13: duplicate part id 13A",
                "component 13: part 13A: empty name",
            ])
    }

    func testEveryProblemIsReportedPrecisely() {
        let data = TestCatalog.json(
            components: [["id": 1, "name": "First", "stage": "s1"], ["id": 2, "name": "", "stage": "nowhere"]],
            risks: [
                TestCatalog.risk("1.1", component: 1, controls: ["C1", "C9"]),
                TestCatalog.risk("1.1", component: 7, controls: ["C1", "C1"], models: ["quantum"]),
                ["id": "1.3", "title": " ", "component": 1, "controls": [], "deploymentModels": ["rag"]],
            ],
            controls: ["C1", "C1"])
        XCTAssertThrowsCatalogError(try Catalog.load(data: data, origin: "mine.json"), containing: [
            "mine.json: ",
            "risk 1.1: names control C9, which the catalog does not define",
            "risk 1.1: names component 7, which the catalog does not define",
            "risk 1.1: lists control C1 twice",
            "risk 1.1: names deployment model quantum, which the catalog does not define",
            "risk 1.3: empty title",
            "duplicate risk id 1.1",
            "duplicate control id C1",
            "component 2: unknown stage nowhere",
            "component 2: empty name",
        ])
    }

    func testUnreadableCatalogsSayWhy() {
        let cases: [(String, String)] = [
            ("", "the file is empty"),
            ("{\"format\": \"dasf-catalog\", \"formatVersion\": 1, \"id\": ", "truncated"),
            ("[1, 2]", "not a dasf catalog"),
            ("hello", "not JSON (it does not start with"),
            ("{\"hello\": 1}", "not a dasf catalog"),
            ("{\"format\": \"dasf-assessment\", \"schemaVersion\": 1}", "format is \"dasf-assessment\""),
            ("{\"format\": \"dasf-catalog\", \"formatVersion\": 9, \"id\": \"x\"}", "catalog format 9 is newer"),
            ("{\"format\": \"dasf-catalog\", \"formatVersion\": 1, \"id\": \"x\", \"version\": \"1\"}", "missing field"),
        ]
        for (text, fragment) in cases {
            XCTAssertThrowsCatalogError(try Catalog.load(data: Data(text.utf8), origin: "x.json"), containing: ["x.json: ", fragment])
        }
    }

    func testResolveNamesBuiltinsAndRefusesUnknownIds() throws {
        XCTAssertEqual(try Catalog.resolve("dasf-1.0").id, "dasf-1.0")
        XCTAssertThrowsCatalogError(try Catalog.resolve("dasf-9.9"), containing: ["no built-in catalog has that id"])
        XCTAssertThrowsCatalogError(try Catalog.resolve("/nonexistent/cat.json"), containing: ["/nonexistent/cat.json: no such file"])
    }

    func testControlAndModelIdsAreMatchedLoosely() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        for text in ["DASF 31", "dasf31", "DASF-31", "31", " 31 "] {
            XCTAssertEqual(catalog.controlID(matching: text), "DASF 31", text)
        }
        XCTAssertNil(catalog.controlID(matching: "99"))
        XCTAssertNil(catalog.controlID(matching: "thirty"))
        XCTAssertEqual(catalog.deploymentModelID(matching: "RAG"), "rag")
        XCTAssertEqual(catalog.deploymentModelID(matching: "External models"), "external")
        XCTAssertNil(catalog.deploymentModelID(matching: "quantum"))
    }
}
