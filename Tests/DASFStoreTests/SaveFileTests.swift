import DASFEngine
import Foundation
import XCTest

@testable import DASFStore

/// A scratch directory per test, removed afterwards.
class StoreTestCase: XCTestCase {
    var directory: String!
    var catalog: Catalog!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "dasf-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        catalog = try BuiltinCatalogs.load("dasf-2.0")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func path(_ name: String) -> String { directory + "/" + name }

    func sample() throws -> Assessment {
        var a = Assessment(title: "Claims triage assistant", catalog: catalog, deploymentModels: ["rag", "external"])
        try a.apply(.setControlStatus(control: "DASF 54", status: .implemented), in: catalog)
        try a.apply(.setControlOwner(control: "DASF 54", owner: "Dana"), in: catalog)
        try a.apply(.setControlStatus(control: "DASF 9", status: .planned), in: catalog)
        try a.apply(.setControlStatus(control: "DASF 10", status: .inProgress), in: catalog)
        try a.apply(.markControlNotApplicable(control: "DASF 12", reason: "no personal data"), in: catalog)
        try a.apply(.setRiskTreatment(risk: "9.4", treatment: .accept, rationale: "batch only"), in: catalog)
        try a.apply(.markRiskNotApplicable(risk: "1.10", reason: "logs kept elsewhere"), in: catalog)
        return a
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory).sorted() }

    func assertStoreError(
        _ body: () throws -> Void, kind: StoreError.Kind, containing fragment: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            try body()
            XCTFail("expected \(kind)", file: file, line: line)
        } catch let error as StoreError {
            XCTAssertEqual(error.kind, kind, error.description, file: file, line: line)
            XCTAssertTrue(error.description.contains(fragment), "\(error.description) lacks \(fragment)", file: file, line: line)
            XCTAssertFalse(error.description.contains("\n"), "one line", file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }
}

final class SaveFileFormatTests: StoreTestCase {
    func testRoundTripKeepsEveryAnswer() throws {
        let a = try sample()
        XCTAssertEqual(try SaveFileFormat.decode(SaveFileFormat.encode(a), path: "x"), a)
    }

    func testEncodingIsDeterministicOrderedAndHumanReadable() throws {
        var a = try sample()
        for id in ["DASF 2", "DASF 10", "DASF 1"] { try a.apply(.setControlOwner(control: id, owner: "o"), in: catalog) }
        let first = SaveFileFormat.encode(a)
        XCTAssertEqual(first, SaveFileFormat.encode(a))
        let text = String(decoding: first, as: UTF8.self)
        XCTAssertEqual(text, """
            {
              "format": "dasf-assessment",
              "schemaVersion": 3,
              "title": "Claims triage assistant",
              "catalog": {
                "id": "dasf-2.0",
                "version": "2.0",
                "digest": "\(catalog.digest)"
              },
              "scope": {
                "deploymentModels": ["rag", "external"]
              },
              "risks": {
                "1.10": {
                  "treatment": "mitigate",
                  "notApplicableReason": "logs kept elsewhere",
                  "assessed": true
                },
                "9.4": {
                  "treatment": "accept",
                  "rationale": "batch only",
                  "assessed": true
                }
              },
              "controls": {
                "DASF 1": {
                  "status": "not-started",
                  "owner": "o"
                },
                "DASF 2": {
                  "status": "not-started",
                  "owner": "o"
                },
                "DASF 9": {
                  "status": "planned"
                },
                "DASF 10": {
                  "status": "in-progress",
                  "owner": "o"
                },
                "DASF 12": {
                  "status": "not-applicable",
                  "notApplicableReason": "no personal data"
                },
                "DASF 54": {
                  "status": "implemented",
                  "owner": "Dana"
                }
              }
            }

            """)
    }

    func testHostileTextIsEscapedInTheFileAndSurvivesTheRoundTrip() throws {
        var a = try sample()
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\"quoted\" back\\slash \u{9B}31m tab\tline\u{2028}end"
        try a.apply(.setControlNote(control: "DASF 1", note: hostile), in: catalog)
        let data = SaveFileFormat.encode(a)
        XCTAssertFalse(data.contains(0x1B), "no raw ESC byte in the file")
        XCTAssertFalse(data.contains(0x07))
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\\u001b]0;pwned\\u0007"))
        XCTAssertTrue(text.contains("\\u009b31m"))
        XCTAssertEqual(try SaveFileFormat.decode(data, path: "x").controls["DASF 1"]?.note, hostile)
    }

    func testUnknownIdsSurviveAReadAndAWrite() throws {
        var text = String(decoding: SaveFileFormat.encode(try sample()), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"DASF 9\": {", with: "\"DASF 99\": {\n      \"status\": \"implemented\"\n    },\n    \"DASF 9\": {")
        let a = try SaveFileFormat.decode(Data(text.utf8), path: "x")
        XCTAssertEqual(a.controls["DASF 99"]?.status, .implemented)
        XCTAssertEqual(a.unknownIDs(in: catalog).controls, ["DASF 99"])
        XCTAssertEqual(try SaveFileFormat.decode(SaveFileFormat.encode(a), path: "x").controls["DASF 99"]?.status, .implemented)
    }
}

final class SaveFileTests: StoreTestCase {
    func testCreateWritesMode0600AndRefusesToReplace() throws {
        let file = path("a.dasf.json")
        _ = try SaveFile.create(file, assessment: try sample())
        XCTAssertEqual(try mode(file), 0o600)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        assertStoreError({ _ = try SaveFile.create(file, assessment: Assessment(title: "other", catalog: catalog)) },
                         kind: .alreadyExists, containing: "a.dasf.json: the file already exists")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), before)
        XCTAssertEqual(try files(), ["a.dasf.json"], "no temporary file left behind")
    }

    func testSaveKeepsABackupAndTheFilesMode() throws {
        let file = path("a.dasf.json")
        var saved = try SaveFile.create(file, assessment: try sample())
        let first = try Data(contentsOf: URL(fileURLWithPath: file))
        chmod(file, 0o640)
        var changed = saved.assessment
        try changed.apply(.setTitle("Renamed"), in: catalog)
        try saved.save(changed)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file + ".bak")), first)
        XCTAssertEqual(try SaveFile.open(file).assessment.title, "Renamed")
        XCTAssertEqual(try mode(file), 0o640)
        XCTAssertEqual(try files(), ["a.dasf.json", "a.dasf.json.bak"])
    }

    func testSavingTheSameContentWritesNothing() throws {
        let file = path("a.dasf.json")
        var saved = try SaveFile.create(file, assessment: try sample())
        try saved.save(saved.assessment)
        XCTAssertEqual(try files(), ["a.dasf.json"], "no backup churn when nothing changed")
    }

    func testAWriteInterruptedAtAnyStepLeavesTheOldFileIntact() throws {
        let file = path("a.dasf.json")
        var saved = try SaveFile.create(file, assessment: try sample())
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        var changed = saved.assessment
        try changed.apply(.setTitle("Never written"), in: catalog)
        for interruption in [AtomicFile.Interruption.afterPartialWrite, .beforeRename] {
            assertStoreError({ _ = try saved.save(changed, force: false, interruption: interruption) },
                             kind: .writeFailed, containing: "the previous version is intact")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), original)
            XCTAssertEqual(try files(), ["a.dasf.json"], "temporary file removed")
            XCTAssertEqual(saved.assessment.title, "Claims triage assistant", "the in-memory copy still knows what is on disk")
        }
        try saved.save(changed)
        XCTAssertEqual(try SaveFile.open(file).assessment.title, "Never written")
    }

    /// Two writers from one version: different fields merge; the same field is refused (the
    /// command line), kept both ways (the map), or overwritten with force.
    func testAChangeMadeOnDiskMeanwhileIsMergedAndAClashIsNeverOverwritten() throws {
        let file = path("a.dasf.json")
        var mine = try SaveFile.open(try SaveFile.create(file, assessment: try sample()).path)
        var theirs = try SaveFile.open(file)
        var edit = theirs.assessment
        try edit.apply(.setControlOwner(control: "DASF 1", owner: "Theirs"), in: catalog)
        let entry = JournalEntry(at: "2026-11-24T10:00:00Z", by: "Ana", change: Change(target: "control DASF 1", field: "owner", from: nil, to: "Theirs"))
        try theirs.save(edit, journal: theirs.journal.adding([entry]))

        var myEdit = mine.assessment
        try myEdit.apply(.setControlOwner(control: "DASF 2", owner: "Mine"), in: catalog)
        let outcome = try mine.save(myEdit)
        XCTAssertEqual(outcome.kind, .merged)
        XCTAssertEqual(outcome.theirChanges, 1)
        XCTAssertEqual(outcome.theirAuthors, ["Ana"])
        XCTAssertEqual(outcome.summary, "merged 1 change by Ana saved meanwhile")
        let merged = try SaveFile.open(file)
        XCTAssertEqual(merged.assessment.controls["DASF 1"]?.owner, "Theirs")
        XCTAssertEqual(merged.assessment.controls["DASF 2"]?.owner, "Mine")
        XCTAssertEqual(try merged.journalEntries(), [entry], "their journal line is kept")

        // Now both change DASF 3's owner.
        var other = try SaveFile.open(file)
        var clash = other.assessment
        try clash.apply(.setControlOwner(control: "DASF 3", owner: "T"), in: catalog)
        try other.save(clash)
        let theirBytes = try Data(contentsOf: URL(fileURLWithPath: file))
        var mineAgain = mine.assessment
        try mineAgain.apply(.setControlOwner(control: "DASF 3", owner: "M"), in: catalog)
        assertStoreError({ try mine.save(mineAgain) }, kind: .changedOnDisk, containing: "control DASF 3 owner changed there too; not overwritten")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), theirBytes)
        var keepBoth = mine
        let kept = try keepBoth.save(mineAgain, conflicts: .keepBoth)
        XCTAssertEqual(kept.newConflicts.map(\.field), ["control/DASF 3/owner"])
        XCTAssertEqual(try SaveFile.open(file).assessment.conflicts.first?.theirs, "T")
        try mine.save(mineAgain, force: true)
        XCTAssertEqual(try SaveFile.open(file).assessment.controls["DASF 3"]?.owner, "M")
    }

    func testASymlinkedSaveFileKeepsItsLink() throws {
        let real = path("real.dasf.json"), link = path("link.dasf.json")
        _ = try SaveFile.create(real, assessment: try sample())
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.dasf.json")
        var saved = try SaveFile.open(link)
        var changed = saved.assessment
        try changed.apply(.setTitle("Through the link"), in: catalog)
        try saved.save(changed)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "real.dasf.json")
        XCTAssertEqual(try SaveFile.open(real).assessment.title, "Through the link")
    }

    /// Every kind of bad file: one line naming it and the problem, and the file untouched.
    func testDamagedForeignAndNewerFilesGiveClearErrorsAndStayUntouched() throws {
        let good = String(decoding: SaveFileFormat.encode(try sample()), as: UTF8.self)
        let cases: [(String, Data, StoreError.Kind, String)] = [
            ("empty", Data(), .damaged, "the file is empty"),
            ("blank", Data("  \n".utf8), .damaged, "the file is empty"),
            ("truncated", Data(good.prefix(good.count / 2).utf8), .damaged, "truncated"),
            ("garbage", Data("hello world".utf8), .damaged, "not JSON"),
            ("binary", Data([0xFF, 0xFE, 0x00, 0x41]), .damaged, "not a text file"),
            ("corrupt", Data(good.replacingOccurrences(of: "\"title\":", with: "\"title\" ").utf8), .damaged, "damaged: not valid JSON"),
            ("array", Data("[1, 2, 3]".utf8), .foreign, "not a dasf assessment (the JSON is not an object)"),
            ("package", Data("{\"name\": \"left-pad\", \"version\": \"1.0.0\"}".utf8), .foreign, "not a dasf assessment (no \"format\""),
            ("catalog", Data(BuiltinCatalogs.text("dasf-1.0")!.utf8), .foreign, "this is a dasf catalog, not an assessment"),
            ("other", Data("{\"format\": \"excel\"}".utf8), .foreign, "not a dasf assessment (format is \"excel\")"),
            ("newer", Data(good.replacingOccurrences(of: "\"schemaVersion\": 3", with: "\"schemaVersion\": 7").utf8), .newerSchema,
             "written by a newer dasf (schema 7; this dasf reads up to 3)"),
            ("noschema", Data(good.replacingOccurrences(of: "\"schemaVersion\": 3,", with: "").utf8), .invalid, "missing or non-numeric \"schemaVersion\""),
            ("badword", Data(good.replacingOccurrences(of: "\"planned\"", with: "\"done-ish\"").utf8), .invalid,
             "controls.DASF 9.status: unknown word \"done-ish\""),
            ("notitle", Data(good.replacingOccurrences(of: "\"title\": \"Claims triage assistant\",", with: "").utf8), .invalid,
             "missing field \"title\""),
            ("wrongtype", Data(good.replacingOccurrences(of: "\"owner\": \"Dana\"", with: "\"owner\": 42").utf8), .invalid,
             "expected text at controls.DASF 54.owner"),
        ]
        for (name, data, kind, fragment) in cases {
            let file = path(name + ".dasf.json")
            _ = FileManager.default.createFile(atPath: file, contents: data)
            let before = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
            assertStoreError({ _ = try SaveFile.open(file) }, kind: kind, containing: "\(file): \(fragment)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), data, name)
            XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date, before, name)
        }
        assertStoreError({ _ = try SaveFile.open(path("missing.json")) }, kind: .unreadable, containing: "missing.json: no such file")
        assertStoreError({ _ = try SaveFile.open(directory) }, kind: .unreadable, containing: "is a directory")
    }
}

final class AssessmentDocumentTests: StoreTestCase {
    func testOpensWithTheNamedBuiltinCatalogAndWarnsAboutUnknownIds() throws {
        var a = Assessment(title: "Old", catalog: try BuiltinCatalogs.load("dasf-1.0"))
        a.controls["DASF 64"] = ControlRecord(status: .implemented)
        let file = path("v1.dasf.json")
        _ = try SaveFile.create(file, assessment: a)
        let document = try AssessmentDocument.open(file)
        XCTAssertEqual(document.catalog.id, "dasf-1.0")
        XCTAssertEqual(document.warnings, ["\(file): controls not in the catalog (kept): DASF 64"])
        let against2 = try AssessmentDocument.open(file, catalog: "dasf-2.0")
        XCTAssertTrue(against2.warnings[0].contains("was made with catalog dasf-1.0 1.0; reading it against dasf-2.0 2.0"))
    }

    func testAChangedCatalogDigestIsReported() throws {
        var a = try sample()
        a.catalog.digest = "sha256:0000"
        let file = path("d.dasf.json")
        _ = try SaveFile.create(file, assessment: a)
        XCTAssertEqual(try AssessmentDocument.open(file).warnings, ["catalog dasf-2.0 2.0 has changed since \(file) was made (answers are matched by id)"])
    }

    func testApplyIsAllOrNothing() throws {
        let file = path("e.dasf.json")
        _ = try SaveFile.create(file, assessment: try sample())
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        var document = try AssessmentDocument.open(file)
        XCTAssertThrowsError(try document.apply([
            .setControlStatus(control: "DASF 1", status: .implemented), .setControlStatus(control: "DASF 404", status: .planned),
        ]))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), before)
        try document.apply([.setControlStatus(control: "DASF 1", status: .implemented)])
        XCTAssertEqual(try AssessmentDocument.open(file).assessment.status(of: "DASF 1"), .implemented)
    }

    func testAnUnknownCatalogIdNeedsACatalogPath() throws {
        var a = try sample()
        a.catalog = CatalogReference(id: "acme-internal", version: "3", digest: "")
        let file = path("f.dasf.json")
        _ = try SaveFile.create(file, assessment: a)
        XCTAssertThrowsError(try AssessmentDocument.open(file)) {
            XCTAssertTrue("\($0)".contains("made with catalog \"acme-internal\", which is not built in; pass --catalog PATH"))
        }
    }
}
