@testable import DASFEngine
import Foundation
import XCTest

/// The shipped catalogs must say exactly what the DASF reference says. The facts are copied into
/// Fixtures/reference-facts.json so the tests need nothing outside the repository.
final class CatalogReferenceTests: XCTestCase {
    struct Facts: Decodable {
        struct FactComponent: Decodable { let id: Int; let name: String; let stage: String; let v1_whitepaper_name: String }
        struct FactRisk: Decodable {
            let id, title, stage, revision_corrected: String
            let component: Int
            let controls, deployment_models: [String]
            let v1_title_in_seed: String?
        }
        struct FactControl: Decodable { let id, title, revision_tag, control_type: String; let v1_title: String? }
        let stages: [String]
        let deployment_models: [String]
        let components: [FactComponent]
        let risks: [FactRisk]
        let controls: [FactControl]
    }

    static let modelIDs = [
        "Predictive ML Models": "predictive-ml", "RAG - LLMs": "rag", "Fine-tuned LLMs": "fine-tuned",
        "Pre-trained LLMs": "pre-trained", "Foundational LLMs": "foundation-api", "External Models": "external",
    ]

    var facts: Facts!
    var v2: Catalog!
    var v1: Catalog!

    override func setUpWithError() throws {
        let url = repositoryRoot.appendingPathComponent("Tests/DASFEngineTests/Fixtures/reference-facts.json")
        facts = try JSONDecoder().decode(Facts.self, from: Data(contentsOf: url))
        v2 = try BuiltinCatalogs.load("dasf-2.0")
        v1 = try BuiltinCatalogs.load("dasf-1.0")
    }

    func testBuiltinCatalogsAndDefault() {
        XCTAssertEqual(BuiltinCatalogs.ids, ["dasf-2.0", "dasf-1.0"])
        XCTAssertEqual(BuiltinCatalogs.defaultID, "dasf-2.0")
        XCTAssertEqual(v2.version, "2.0")
        XCTAssertEqual(v1.version, "1.0")
        XCTAssertFalse(v2.derived)
        XCTAssertTrue(v1.derived)
        XCTAssertTrue(v1.notes.contains { $0.contains("Derived, not published") && $0.contains("DASF 1-53") })
    }

    func testVersion2CountsPerStageAndComponent() {
        XCTAssertEqual(v2.stages.count, 4)
        XCTAssertEqual(v2.components.count, 12)
        XCTAssertEqual(v2.risks.count, 62)
        XCTAssertEqual(v2.controls.count, 64)
        XCTAssertEqual(v2.components.map { v2.risks(inComponent: $0.id).count }, [11, 4, 3, 2, 4, 3, 4, 4, 13, 6, 1, 7])
        XCTAssertEqual(v2.stages.map { stage in
            v2.components(inStage: stage.id).reduce(0) { $0 + v2.risks(inComponent: $1.id).count }
        }, [20, 15, 19, 8])
        XCTAssertEqual(v2.stages.map(\.name), ["Data operations", "Model operations", "Model deployment and serving", "Operations and platform"])
        XCTAssertEqual(v2.stages.map(\.foundation), [false, false, false, true])
    }

    func testVersion1CountsPerStageAndComponent() {
        XCTAssertEqual(v1.components.count, 12)
        XCTAssertEqual(v1.risks.count, 55)
        XCTAssertEqual(v1.controls.count, 53)
        XCTAssertEqual(v1.controls.map(\.id), (1...53).map { "DASF \($0)" })
        XCTAssertEqual(v1.components.map { v1.risks(inComponent: $0.id).count }, [10, 4, 3, 2, 4, 2, 4, 4, 10, 5, 1, 6])
        XCTAssertEqual(v1.stages.map { stage in
            v1.components(inStage: stage.id).reduce(0) { $0 + v1.risks(inComponent: $1.id).count }
        }, [19, 14, 15, 7])
    }

    func testEveryRiskMatchesTheReference() {
        XCTAssertEqual(v2.risks.map(\.id), facts.risks.map(\.id))
        var pairs = 0
        for fact in facts.risks {
            guard let risk = v2.risk(fact.id) else { return XCTFail("missing risk \(fact.id)") }
            XCTAssertEqual(risk.title, fact.title, fact.id)
            XCTAssertEqual(risk.component, fact.component, fact.id)
            XCTAssertEqual(v2.component(risk.component)?.stage, v2.stages.first { $0.name.lowercased() == fact.stage.lowercased() }?.id, fact.id)
            XCTAssertEqual(risk.controls, fact.controls, fact.id)
            XCTAssertEqual(risk.deploymentModels, fact.deployment_models.map { Self.modelIDs[$0]! }, fact.id)
            XCTAssertEqual(risk.revision, fact.revision_corrected, fact.id)
            pairs += risk.controls.count
        }
        XCTAssertEqual(pairs, 362)
        XCTAssertEqual(v2.deploymentModels.map(\.id), DeploymentModel.standardIDs)
    }

    func testEveryControlMatchesTheReference() {
        XCTAssertEqual(v2.controls.map(\.id), facts.controls.map(\.id))
        for fact in facts.controls {
            let control = v2.control(fact.id)
            XCTAssertEqual(control?.title, fact.title)
            XCTAssertEqual(control?.type, fact.control_type)
            XCTAssertEqual(control?.revision, fact.revision_tag)
            XCTAssertFalse(control?.responsibility.isEmpty ?? true)
        }
        XCTAssertEqual(v2.risks(mitigatedBy: "DASF 61").count, 0, "DASF 61 mitigates no risk, and is listed all the same")
        XCTAssertNotNil(v2.control("DASF 61"))
    }

    func testVersion1UsesSeedTitlesOldControlMeaningsAndRestrictedMapping() {
        let seedRisks = facts.risks.filter { $0.revision_corrected == "1.0" }
        XCTAssertEqual(v1.risks.map(\.id), seedRisks.map(\.id))
        for fact in seedRisks {
            let risk = v1.risk(fact.id)
            XCTAssertEqual(risk?.title, fact.v1_title_in_seed, fact.id)
            XCTAssertEqual(risk?.controls, fact.controls.filter { Int($0.dropFirst(5))! <= 53 }, fact.id)
        }
        XCTAssertEqual(v1.risk("1.8")?.title, "Data legal")
        XCTAssertEqual(v1.risk("12.5")?.title, "Poor SDLC")
        XCTAssertNil(v1.risk("9.12"))
        for fact in facts.controls where fact.v1_title != nil {
            XCTAssertEqual(v1.control(fact.id)?.title, fact.v1_title)
            XCTAssertNotEqual(v1.control(fact.id)?.description, v2.control(fact.id)?.description)
        }
        XCTAssertEqual(v1.component(9)?.name, "Model Serving and Inference Requests")
    }

    func testEveryRiskAndControlHasADescriptionOfTwoToFourSentences() {
        for catalog in [v2!, v1!] {
            let texts = catalog.risks.map { ($0.id, $0.description) } + catalog.controls.map { ($0.id, $0.description) }
            for (id, text) in texts {
                let sentences = text.split(separator: ".", omittingEmptySubsequences: true)
                    .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count
                XCTAssertTrue((2...4).contains(sentences), "\(catalog.id) \(id): \(sentences) sentences")
                XCTAssertFalse(text.contains("\u{1B}"))
            }
        }
    }

    func testCrossFrameworkIdsAndCredit() {
        XCTAssertEqual(v2.risk("9.1")?.frameworks["owasp-llm-2023"]?.contains("LLM01"), true)
        XCTAssertEqual(v2.risk("1.1")?.frameworks["mitre-atlas"], ["AML.TA0004", "AML.T0020"])
        XCTAssertEqual(v2.frameworks.count, 8)
        XCTAssertTrue(v2.source.contains("CC BY-SA 4.0"))
        XCTAssertEqual(v2.licence, "CC BY-SA 4.0")
    }

    /// The binary carries the catalogs; they must be byte for byte the files in Catalog/.
    func testEmbeddedCatalogsMatchTheCatalogFolder() throws {
        for id in BuiltinCatalogs.ids {
            let file = try String(contentsOf: repositoryRoot.appendingPathComponent("Catalog/\(id).json"), encoding: .utf8)
            XCTAssertEqual(BuiltinCatalogs.text(id), file, "run scripts/build-catalogs.py --embed-only")
            XCTAssertEqual(BuiltinCatalogs.digest(id), SHA256.prefixedHex(of: Array(file.utf8)))
            XCTAssertEqual(try BuiltinCatalogs.load(id).digest, SHA256.prefixedHex(of: Array(file.utf8)))
        }
    }

    /// Issue 13: the built-in catalogs start from values compiled in, not from parsing their
    /// JSON; those values must be exactly what the JSON gives, parsed and validated.
    func testTheCompiledCatalogsEqualTheirJSONParsedAndValidated() throws {
        for id in BuiltinCatalogs.ids {
            let compiled = try BuiltinCatalogs.load(id), parsed = try BuiltinCatalogs.loadFromText(id)
            XCTAssertEqual([compiled.id, compiled.version, compiled.title, compiled.source, compiled.licence, compiled.digest],
                           [parsed.id, parsed.version, parsed.title, parsed.source, parsed.licence, parsed.digest])
            XCTAssertEqual(compiled.derived, parsed.derived)
            XCTAssertEqual(compiled.notes, parsed.notes)
            XCTAssertEqual(compiled.meaningChanged, parsed.meaningChanged)
            XCTAssertEqual(compiled.frameworks, parsed.frameworks)
            XCTAssertEqual(compiled.deploymentModels, parsed.deploymentModels)
            XCTAssertEqual(compiled.stages, parsed.stages)
            XCTAssertEqual(compiled.components, parsed.components)
            XCTAssertEqual(compiled.risks, parsed.risks)
            XCTAssertEqual(compiled.controls, parsed.controls)
            // The same lookups and scores.
            let a = Assessment(title: "t", catalog: compiled)
            XCTAssertEqual(Scorecard(catalog: compiled, assessment: a).overall, Scorecard(catalog: parsed, assessment: a).overall)
            XCTAssertEqual(compiled.risks(mitigatedBy: "DASF 1").map(\.id), parsed.risks(mitigatedBy: "DASF 1").map(\.id))
            // The positions written by scripts/build-catalogs.py are the ones worked out at load.
            XCTAssertEqual(BuiltinCatalogs.positions(id), parsed.positions, "run scripts/build-catalogs.py --embed-only")
            XCTAssertEqual(compiled.positions, parsed.positions)
        }
    }
}

/// Adding our short labels changed the built-in catalogs' text, not their facts: files made
/// before are not told their catalog changed; any other difference still is.
final class EarlierDigestTests: XCTestCase {
    func testAnEarlierTextOfTheSameFactsIsTheSameCatalog() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        XCTAssertTrue(BuiltinCatalogs.sameFacts(catalog, digest: "sha256:ebc5e91c2e1806f2ec859808583fef4d5967a9914515fad3fef18d7555620505"))
        XCTAssertTrue(BuiltinCatalogs.sameFacts(catalog, digest: catalog.digest))
        XCTAssertFalse(BuiltinCatalogs.sameFacts(catalog, digest: "sha256:" + String(repeating: "0", count: 64)))
        XCTAssertFalse(BuiltinCatalogs.sameFacts(try BuiltinCatalogs.load("dasf-1.0"), digest: "sha256:ebc5e91c2e1806f2ec859808583fef4d5967a9914515fad3fef18d7555620505"))
        XCTAssertEqual(catalog.component(9)?.short, "Requests")
        XCTAssertEqual(catalog.component(10)?.short, "Responses")
        XCTAssertEqual(Set(catalog.components.map(\.short)).count, catalog.components.count, "every short label is different")
    }
}
