import DASFEngine
import Foundation
import XCTest

/// Small catalogs written for a test, in the same format users write theirs in.
enum TestCatalog {
    /// A JSON catalog with the given risks ([id, component, controls, models]) and controls.
    static func json(
        stages: [[String: Any]] = [["id": "s1", "name": "Stage one"], ["id": "s2", "name": "Stage two", "foundation": true]],
        components: [[String: Any]] = [
            ["id": 1, "name": "First", "stage": "s1"], ["id": 2, "name": "Second", "stage": "s1"],
            ["id": 3, "name": "Third", "stage": "s2"],
        ],
        risks: [[String: Any]],
        controls: [String],
        models: [String] = ["rag", "external", "predictive-ml"],
        extra: [String: Any] = [:]
    ) -> Data {
        var object: [String: Any] = [
            "format": "dasf-catalog", "formatVersion": 1, "id": "test", "version": "0.1", "title": "Test catalog",
            "deploymentModels": models.map { ["id": $0, "name": $0.uppercased()] },
            "stages": stages, "components": components, "risks": risks,
            "controls": controls.map { ["id": $0, "title": "Control \($0)"] },
        ]
        for (key, value) in extra { object[key] = value }
        return try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    static func risk(_ id: String, component: Int, controls: [String], models: [String] = ["rag"]) -> [String: Any] {
        ["id": id, "title": "Risk \(id)", "component": component, "controls": controls, "deploymentModels": models]
    }

    /// Three components, five risks, four controls; C1 is shared by three risks.
    static func small() throws -> Catalog {
        try Catalog.load(data: json(
            risks: [
                risk("1.1", component: 1, controls: ["C1", "C2"], models: ["rag", "external"]),
                risk("1.2", component: 1, controls: ["C1"], models: ["rag"]),
                risk("2.1", component: 2, controls: ["C2", "C3"], models: ["predictive-ml"]),
                risk("3.1", component: 3, controls: ["C1", "C3", "C4"], models: ["rag", "predictive-ml"]),
                risk("3.2", component: 3, controls: [], models: ["external"]),
            ],
            controls: ["C1", "C2", "C3", "C4"]), origin: "small")
    }
}

/// The repository root, for tests that compare against files in it.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func XCTAssertThrowsCatalogError<T>(
    _ body: @autoclosure () throws -> T, containing fragments: [String],
    file: StaticString = #filePath, line: UInt = #line
) {
    do {
        _ = try body()
        XCTFail("expected a catalog error", file: file, line: line)
    } catch let error as CatalogError {
        for fragment in fragments {
            XCTAssertTrue(error.description.contains(fragment), "\(error.description) lacks \(fragment)", file: file, line: line)
        }
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
}
