import DASFEngine
import DASFImport
import XCTest
import Yams

/// Issue 11.5: the catalog as a CISO Assistant library parses as YAML with the fields the
/// library format requires, and every link in it resolves.
final class CISOAssistantTests: XCTestCase {
    func testTheLibraryParsesAndItsLinksResolve() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        let yaml = try CISOAssistantLibrary.render(catalog)
        let library = try XCTUnwrap(try Yams.load(yaml: yaml) as? [String: Any])
        for key in ["urn", "locale", "ref_id", "name", "description", "copyright", "version", "provider", "packager", "objects"] {
            XCTAssertNotNil(library[key], key)
        }
        XCTAssertEqual(library["version"] as? Int, 1)
        let objects = try XCTUnwrap(library["objects"] as? [String: Any])
        let framework = try XCTUnwrap(objects["framework"] as? [String: Any])
        for key in ["urn", "ref_id", "name", "description", "requirement_nodes"] { XCTAssertNotNil(framework[key], key) }
        let nodes = try XCTUnwrap(framework["requirement_nodes"] as? [[String: Any]])
        XCTAssertEqual(nodes.count, catalog.stages.count + catalog.components.count + catalog.risks.count)
        let threats = try XCTUnwrap(objects["threats"] as? [[String: Any]])
        let controls = try XCTUnwrap(objects["reference_controls"] as? [[String: Any]])
        XCTAssertEqual(threats.count, 62)
        XCTAssertEqual(controls.count, 64)
        let nodeURNs = Set(nodes.compactMap { $0["urn"] as? String }), threatURNs = Set(threats.compactMap { $0["urn"] as? String })
        let controlURNs = Set(controls.compactMap { $0["urn"] as? String })
        XCTAssertEqual(nodeURNs.count, nodes.count, "every urn is unique")
        var pairs = 0
        for node in nodes {
            XCTAssertNotNil(node["assessable"] as? Bool)
            XCTAssertNotNil(node["depth"] as? Int)
            if let parent = node["parent_urn"] as? String { XCTAssertTrue(nodeURNs.contains(parent), parent) }
            for urn in node["threats"] as? [String] ?? [] { XCTAssertTrue(threatURNs.contains(urn), urn) }
            for urn in node["reference_controls"] as? [String] ?? [] { XCTAssertTrue(controlURNs.contains(urn), urn); pairs += 1 }
        }
        XCTAssertEqual(pairs, 362, "the mapping, whole")
        XCTAssertEqual(nodes.filter { $0["assessable"] as? Bool == true }.count, 62)
    }
}
