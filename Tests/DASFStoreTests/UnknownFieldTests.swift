import DASFEngine
import Foundation
import XCTest

@testable import DASFStore

/// Keys this dasf does not know, and the reader that keeps them.
final class UnknownFieldTests: XCTestCase {
    let catalog = try! BuiltinCatalogs.load("dasf-2.0")

    func testTheReaderKeepsOrderAndNumbersAndRefusesWhatIsAmbiguous() throws {
        let value = try JSONReader.parse(Data(#"{"b": 1.50, "a": [true, null, "\u00e9\ud83d\ude00"], "c": -0.5e-3}"#.utf8))
        XCTAssertEqual(value.compact(), #"{"b":1.50,"a":[true,null,"é😀"],"c":-0.5e-3}"#)
        let refusals: [(String, String)] = [
            (#"{"a": 1, "a": 2}"#, "the key \"a\" appears twice in one object at line 1, column 10"),
            ("{\n  \"a\": 01\n}", "malformed number at line 2"),
            (#"{"a": "\ud800"}"#, "a lone surrogate escape"),
            (String(repeating: "[", count: 200) + String(repeating: "]", count: 200), "nested more than 128 levels deep"),
            ("{\"a\": \"tab\there\"}", "a control character inside text"),
            ("{} x", "unexpected text after the end"),
        ]
        for (text, reason) in refusals {
            XCTAssertThrowsError(try JSONReader.parse(Data(text.utf8)), text) { error in
                XCTAssertTrue((error as? JSONReader.Failure)?.reason.contains(reason) == true, "\(text): \(error)")
            }
        }
        XCTAssertThrowsError(try JSONReader.parse(Data([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])))
    }

    /// Unknown fields merge like any other field, and "take theirs" on a conflict keeps them.
    func testUnknownFieldsMergeAndSurviveTakingTheirs() throws {
        var base = Assessment(title: "t", catalog: catalog)
        base.unknown["x-top"] = "1"
        var mine = base, theirs = base
        mine.controls["DASF 1", default: ControlRecord()].unknown["x-mine"] = "\"m\""
        theirs.controls["DASF 1", default: ControlRecord()].unknown["x-theirs"] = "\"t\""
        theirs.unknown["x-top"] = "2"
        mine.title = "mine"
        theirs.title = "theirs"
        let merged = Assessment.merge(base: base, mine: mine, theirs: theirs)
        XCTAssertEqual(merged.assessment.unknown["x-top"], "2")
        XCTAssertEqual(merged.assessment.controls["DASF 1"]?.unknown.keys, ["x-mine", "x-theirs"])
        XCTAssertEqual(merged.conflicts.map(\.field), ["title"])
        var settled = merged.assessment
        try settled.apply(.resolveConflict(field: "title", takeTheirs: true), in: catalog)
        XCTAssertEqual(settled.title, "theirs")
        XCTAssertEqual(settled.unknown["x-top"], "2")
        XCTAssertEqual(settled.controls["DASF 1"]?.unknown.keys, ["x-mine", "x-theirs"])
        XCTAssertEqual(settled.conflicts, [])
    }

    /// A record that holds only unknown fields is not dropped as empty by an edit.
    func testARecordWithOnlyUnknownFieldsIsNotDroppedByAnEdit() throws {
        var a = Assessment(title: "t", catalog: catalog)
        a.controls["DASF 3"] = ControlRecord()
        a.controls["DASF 3"]?.unknown["x-mark"] = "true"
        try a.apply(.setControlOwner(control: "DASF 3", owner: "Dana"), in: catalog)
        try a.apply(.setControlOwner(control: "DASF 3", owner: nil), in: catalog)
        XCTAssertEqual(a.controls["DASF 3"]?.unknown["x-mark"], "true")
        let bytes = SaveFileFormat.encode(a)
        XCTAssertEqual(try SaveFileFormat.decode(bytes, path: "x").controls["DASF 3"]?.unknown["x-mark"], "true")
    }

    /// A save file's overlays round-trip, with keys a newer dasf added to them kept; a file
    /// without overlays is written as before (no empty list).
    func testOverlayReferencesRoundTripWithTheirUnknownKeys() throws {
        var a = Assessment(title: "t", catalog: catalog)
        XCTAssertFalse(String(decoding: SaveFileFormat.encode(a), as: UTF8.self).contains("overlays"))
        var overlay = OverlayReference(id: "acme", version: "2026.1", digest: "sha256:00", path: "policies/acme.yaml")
        overlay.unknown["signedBy"] = "\"security@acme.test\""
        a.catalog.overlays = [overlay]
        let read = try SaveFileFormat.decode(SaveFileFormat.encode(a), path: "x").catalog
        XCTAssertEqual(read.overlays, [overlay])
        XCTAssertEqual(read.overlays.first?.unknown["signedBy"], "\"security@acme.test\"")
        XCTAssertEqual(read.label, "dasf-2.0 2.0 + acme 2026.1")
    }

    /// Stale temporary files: a dead writer's go on the next save, a live one's stay, and a
    /// look-alike link is removed without touching what it points at.
    func testTheNextSaveRemovesOnlyDeadWritersTemporaryFiles() throws {
        let directory = NSTemporaryDirectory() + "dasf-stale-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var file = try SaveFile.create(directory + "/a.dasf.json", assessment: Assessment(title: "t", catalog: catalog))
        let dead: Int32 = 999_999_999
        for name in [".a.dasf.json.tmp-\(dead)-ab", ".a.dasf.json.bak-tmp-\(dead)-cd", ".a.dasf.json.tmp-1-ef", ".other.dasf.json.tmp-\(dead)-ab"] {
            _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data("x".utf8))
        }
        _ = FileManager.default.createFile(atPath: directory + "/victim", contents: Data("keep".utf8))
        try FileManager.default.createSymbolicLink(atPath: directory + "/.a.dasf.json.tmp-\(dead)-99", withDestinationPath: "victim")
        var changed = file.assessment
        changed.title = "saved"
        try file.save(changed)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("tmp-") }.sorted()
        XCTAssertEqual(left, [".a.dasf.json.tmp-1-ef", ".other.dasf.json.tmp-\(dead)-ab"])
        XCTAssertEqual(try String(contentsOfFile: directory + "/victim", encoding: .utf8), "keep")
    }
}

/// Issue 9.13: the save file's journal follows the line before it with a comma at its end, as
/// docs/save-file.md shows, never a line holding only ",".
final class JournalLayoutTests: XCTestCase {
    func testNoLineHoldsOnlyAComma() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        var a = Assessment(title: "t", catalog: catalog)
        a.controls["DASF 1"] = ControlRecord(status: .planned)
        let entry = JournalEntry(at: "2026-11-24T10:00:00Z", by: "r", change: Change(target: "control DASF 1", field: "status", from: nil, to: "planned"))
        let text = String(decoding: SaveFileFormat.encode(a, journal: [entry]), as: UTF8.self)
        XCTAssertFalse(text.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "," }, text)
        XCTAssertTrue(text.contains("  },\n  \"journal\": [\n"), text)
        XCTAssertEqual(try SaveFileFormat.decodeWithJournal(Data(text.utf8), path: "x").journal, [entry])
    }
}

/// Issue 13: commands that never show the journal step over it unread (no values built), and a
/// file opened so is never written, since its journal would be lost.
final class JournalSkipTests: XCTestCase {
    func testTheJournalIsSteppedOverYetCheckedAndNeverLost() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        var a = Assessment(title: "t", catalog: catalog)
        try a.apply(.setControlStatus(control: "DASF 1", status: .implemented), in: catalog)
        let hostile = Change(target: "control DASF 1", field: "note", from: "a ] } [ {", to: "quote \" and \\ backslash ]]")
        let journal = (0..<50).map { JournalEntry(at: "2026-11-24T10:00:\(String(format: "%02d", $0))Z", by: "P\($0)", change: hostile) }
        let bytes = SaveFileFormat.encode(a, journal: journal)
        let full = try SaveFileFormat.decodeFile(bytes, path: "x")
        let skipped = try SaveFileFormat.decodeFile(bytes, path: "x", journal: false)
        XCTAssertEqual(full.journal.count, 50)
        XCTAssertEqual(skipped.journal, [])
        XCTAssertEqual(skipped.assessment, full.assessment, "brackets and quotes inside the journal's text do not confuse the step")

        // Damage inside the journal is still an error, said with its place.
        let text = String(decoding: bytes, as: UTF8.self)
        for damaged in [String(text.dropLast(40)), text.replacingOccurrences(of: "P7\"", with: "P7\u{01}\""),
                        text.replacingOccurrences(of: "\"journal\": [", with: "\"journal\": [[")] {
            XCTAssertThrowsError(try SaveFileFormat.decodeFile(Data(damaged.utf8), path: "x", journal: false))
        }

        let folder = NSTemporaryDirectory() + "dasf-skip-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A file not laid out as dasf writes it (here: the journal first) is read whole, and one
        // opened without its journal that way is never written, since the journal would be lost.
        let marker = text.range(of: ",\n  \"journal\": [")!
        let fields = text[text.index(text.startIndex, offsetBy: 2)..<marker.lowerBound]
        let list = text[text.index(marker.lowerBound, offsetBy: 4)..<text.index(text.endIndex, offsetBy: -3)]
        let reordered = "{\n  " + list + ",\n" + fields + "\n}\n"
        let odd = folder + "/odd.dasf.json"
        try Data(reordered.utf8).write(to: URL(fileURLWithPath: odd))
        XCTAssertEqual(try SaveFile.open(odd).journal, Journal(journal), "read whole: every entry in memory, none kept in the file")
        var file = try SaveFile.open(odd, journal: false)
        XCTAssertThrowsError(try file.save(try a.applying(.setTitle("changed"), in: catalog))) { error in
            XCTAssertTrue("\(error)".contains("opened without its journal"), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: odd)), Data(reordered.utf8), "nothing written")
    }
}

/// Issue 13: a file dasf wrote keeps its journal where it is: opening reads the fields and the
/// journal's last line, a save writes the journal's bytes back as they were plus the new lines,
/// and the entries are read only when something shows them.
final class JournalKeptTests: XCTestCase {
    var folder = ""
    let catalog = try! BuiltinCatalogs.load("dasf-2.0")

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "dasf-kept-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    func entry(_ n: Int, _ text: String = "a ] } [ { \" \\ ✓") -> JournalEntry {
        JournalEntry(at: "2026-11-24T10:\(String(format: "%02d", n / 60)):\(String(format: "%02d", n % 60))Z", by: "P\(n)",
                     change: Change(target: "control DASF 1", field: "note", from: nil, to: text))
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func testAFileDasfWroteIsOpenedWithoutReadingItsJournalAndSavedToTheSameBytesAsAFullRender() throws {
        var a = Assessment(title: "t", catalog: catalog)
        try a.apply(.setControlStatus(control: "DASF 1", status: .implemented), in: catalog)
        let journal = (0..<300).map { entry($0) }
        let path = folder + "/a.dasf.json"
        _ = try SaveFile.create(path, assessment: a, journal: journal)

        var file = try SaveFile.open(path)
        let kept = try XCTUnwrap(file.journal.kept, "the journal stays in the file")
        XCTAssertEqual(file.assessment, try SaveFileFormat.decode(try bytes(path), path: path))
        XCTAssertEqual(file.journal.last, journal.last, "the newest entry is read on its own")
        XCTAssertFalse(kept.isRead, "opening and the last entry read no other entry")

        // Two saves, the second folding into the line the first wrote: the file is, byte for
        // byte, what rendering the whole journal gives.
        var b = try a.applying(.setControlOwner(control: "DASF 2", owner: "Ana"), in: catalog)
        var mine = file.journal
        mine.record(JournalEntry(at: "2026-11-25T09:00:00Z", by: "Ana", change: Change(target: "control DASF 2", field: "status", from: nil, to: "planned")))
        XCTAssertEqual(try file.save(b, journal: mine).kind, .written)
        XCTAssertEqual(try bytes(path), SaveFileFormat.encode(b, journal: journal + mine.recorded))
        b = try b.applying(.setTitle("t2"), in: catalog)
        mine.record(JournalEntry(at: "2026-11-25T09:00:02Z", by: "Ana", change: Change(target: "control DASF 2", field: "status", from: "planned", to: "implemented")))
        XCTAssertEqual(mine.recorded.count, 1, "folded")
        XCTAssertEqual(try file.save(b, journal: mine).kind, .written)
        XCTAssertEqual(try bytes(path), SaveFileFormat.encode(b, journal: journal + mine.recorded))
        XCTAssertFalse(kept.isRead, "saving read no entry either")
        let written = try bytes(path)
        XCTAssertEqual(try file.save(b, journal: mine).kind, .unchanged)
        XCTAssertEqual(try bytes(path), written)

        // Shown: every entry, read once.
        XCTAssertEqual(try file.journalEntries(), journal + mine.recorded)
        XCTAssertTrue(kept.isRead)
        XCTAssertEqual(try SaveFile.open(path).journalEntries(), journal + mine.recorded)
    }

    func testASecondWriterMeanwhileIsMergedAndATouchIsNot() throws {
        let a = Assessment(title: "t", catalog: catalog)
        let path = folder + "/a.dasf.json"
        _ = try SaveFile.create(path, assessment: a, journal: [entry(1)])
        var mine = try SaveFile.open(path), theirs = try SaveFile.open(path)
        // Touched: the same bytes with another time are not someone else's change.
        var later = stat()
        stat(path, &later)
        var times = [timespec(tv_sec: later.st_mtim.tv_sec + 5, tv_nsec: 0), timespec(tv_sec: later.st_mtim.tv_sec + 5, tv_nsec: 0)]
        XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
        XCTAssertEqual(try mine.save(try a.applying(.setTitle("mine"), in: catalog), journal: mine.journal.adding([entry(2)])).kind, .written)

        XCTAssertEqual(try theirs.save(try a.applying(.setControlOwner(control: "DASF 3", owner: "Lee"), in: catalog),
                                       journal: theirs.journal.adding([entry(3)])).kind, .merged)
        let merged = try SaveFile.open(path)
        XCTAssertEqual(merged.assessment.title, "mine")
        XCTAssertEqual(merged.assessment.controls["DASF 3"]?.owner, "Lee")
        XCTAssertEqual(try merged.journalEntries(), [entry(1), entry(2), entry(3)], "both writers' lines, the shared one once")
    }

    func testDamageInTheJournalIsNamedWhenItIsReadAndKeptAsItIsByASave() throws {
        let a = Assessment(title: "t", catalog: catalog)
        let path = folder + "/a.dasf.json"
        _ = try SaveFile.create(path, assessment: a, journal: (0..<5).map { entry($0) })
        let damaged = String(decoding: try bytes(path), as: UTF8.self).replacingOccurrences(of: "\"P2\"", with: "\"P2\u{01}\"")
        try Data(damaged.utf8).write(to: URL(fileURLWithPath: path))

        var file = try SaveFile.open(path)
        XCTAssertEqual(file.assessment.title, "t", "the fields read: status and reports work")
        XCTAssertThrowsError(try file.journalEntries()) { XCTAssertTrue("\($0)".contains("journal is damaged"), "\($0)") }
        XCTAssertThrowsError(try file.checkedJournal(), "dasf validate names it")
        try file.save(try a.applying(.setTitle("t2"), in: catalog), journal: file.journal.adding([entry(9)]))
        let saved = String(decoding: try bytes(path), as: UTF8.self)
        XCTAssertTrue(saved.contains("\"P2\u{01}\""), "the damaged line is kept as it was: nothing is lost")
        XCTAssertTrue(saved.contains("\"P9\""))
    }

    func testAJournalChangedInPlaceOrAFieldAfterItIsNeverSavedOver() throws {
        let a = Assessment(title: "t", catalog: catalog)
        let path = folder + "/a.dasf.json"
        _ = try SaveFile.create(path, assessment: a, journal: (0..<5).map { entry($0) })
        var file = try SaveFile.open(path)
        // Cut short in place (not replaced), after it was opened.
        let whole = try bytes(path)
        XCTAssertEqual(truncate(path, off_t(whole.count - 200)), 0)
        XCTAssertThrowsError(try file.save(try a.applying(.setTitle("t2"), in: catalog), journal: file.journal.adding([entry(9)])))
        XCTAssertEqual(try bytes(path), whole.prefix(whole.count - 200), "not written over")

        // A list written after the journal by hand, ending the file the same way.
        let text = String(decoding: whole, as: UTF8.self)
        let later = String(text.dropLast(3)) + ",\n  \"later\": [\n    {\"x\": 1}\n  ]\n}\n"
        try Data(later.utf8).write(to: URL(fileURLWithPath: path))
        var other = try SaveFile.open(path)
        XCTAssertEqual(try other.journalEntries(), (0..<5).map { entry($0) }, "read whole, the journal is right")
        try other.save(try other.assessment.applying(.setTitle("t3"), in: catalog), journal: other.journal.adding([entry(9)]))
        let saved = try SaveFileFormat.decodeFile(try bytes(path), path: path)
        XCTAssertEqual(saved.journal, (0..<5).map { entry($0) } + [entry(9)])
        let written = String(decoding: try bytes(path), as: UTF8.self)
        XCTAssertEqual(saved.assessment.unknown["later"], "[{\"x\":1}]", "the field after the journal is kept: \(written.suffix(300))")
    }
}
