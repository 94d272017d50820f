import DASFEngine
import Foundation

/// A catalog shaped like DASF 3.0 (13 components in 5 stages, 97 risks, 73 controls) with made-up
/// titles, every one marked as test data: for drawing, navigating and reporting a catalog larger
/// than the built-in ones. No DASF 3.0 fact is in it.
public enum V3ShapedCatalog {
    public static func make() throws -> Catalog {
        let stages: [[String: Any]] = [
            ["id": "data", "name": "Test data stage", "short": "Data"],
            ["id": "models", "name": "Test model stage", "short": "Models"],
            ["id": "serving", "name": "Test serving stage", "short": "Serving"],
            ["id": "agents", "name": "Test agent stage", "short": "Agents"],
            ["id": "platform", "name": "Test platform stage", "short": "Platform", "foundation": true],
        ]
        let placement: [(Int, String, String)] = [
            (1, "data", "Test raw data"), (2, "data", "Test data prep"), (3, "data", "Test datasets"), (4, "data", "Test governance"),
            (5, "models", "Test algorithms"), (6, "models", "Test evaluation"), (7, "models", "Test model build"), (8, "models", "Test model management"),
            (9, "serving", "Test serving requests"), (10, "serving", "Test serving responses"), (11, "platform", "Test operations"),
            (12, "platform", "Test platform security"), (13, "agents", "Test agentic AI (agent core, MCP server, MCP client)"),
        ]
        var components: [[String: Any]] = placement.map { ["id": $0.0, "name": $0.2, "short": "Test \($0.0)", "stage": $0.1] }
        // Sub-components as the agentic extension has them (the names are ours, marked as test data).
        components[12]["parts"] = [["id": "13A", "name": "Test agent core", "short": "Core"], ["id": "13B", "name": "Test MCP server", "short": "Server"],
                                   ["id": "13C", "name": "Test MCP client", "short": "Client"]]
        // 97 risks: 7 or 8 per component, 13's the most (as an agentic extension would add).
        let perComponent = [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 6, 6, 15]
        var risks: [[String: Any]] = []
        for (index, count) in perComponent.enumerated() {
            for n in 1...count {
                let id = "\(index + 1).\(n)"
                let first = (index * 5 + n) % 73 + 1, second = (index * 11 + n * 7) % 73 + 1
                var risk: [String: Any] = ["id": id, "title": "Test risk \(id) (test data)", "component": index + 1,
                              "controls": Array(Set(["DASF \(first)", "DASF \(second)"])).sorted(),
                              "deploymentModels": n % 3 == 0 ? ["agentic"] : ["rag", "agentic"], "revision": index == 12 ? "3.0" : "2.0"]
                // 13's risks in thirds: 13A, 13B, 13C.
                if index == 12 { risk["part"] = ["13A", "13B", "13C"][(n - 1) * 3 / count] }
                risks.append(risk)
            }
        }
        let controls: [[String: Any]] = (1...73).map { ["id": "DASF \($0)", "title": "Test control \($0) (test data)"] }
        let object: [String: Any] = [
            "format": "dasf-catalog", "formatVersion": 1, "id": "test-v3-shape", "version": "3.0-test", "title": "Test catalog shaped like DASF 3.0 (test data)",
            "deploymentModels": [["id": "rag", "name": "RAG LLMs (test)"], ["id": "agentic", "name": "Agentic systems (test)"]],
            "stages": stages, "components": components, "risks": risks, "controls": controls,
        ]
        return try Catalog.load(data: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), origin: "test catalog")
    }
}
