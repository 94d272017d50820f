import DASFEngine
import DASFStore
import Foundation
import XCTest

/// Issue 8: every way an edit could vanish, a file be clobbered or dasf crash, tried on the real
/// binary. `DASF_BINARY=/path/to/older/dasf swift test --filter SafetyTests` shows them failing
/// on a build from before the fixes.
final class SafetyTests: CommandTestCase {
    /// Starts the binary without waiting for it, output discarded.
    func spawn(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = DASFProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func open(_ name: String) throws -> SaveFile { try SaveFile.open(directory + "/" + name) }

    func write(_ text: String, to name: String) {
        _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(text.utf8))
    }

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp-") }
    }

    // MARK: 1. Two writers at once

    /// 200 pairs of `dasf set` started together on one file, each on a different control: both
    /// edits and both journal lines are there every time.
    func testTwoWritersAtOnceLoseNothingIn200Pairs() throws {
        var lost: [String] = []
        for pair in 0..<200 {
            let name = "w\(pair).dasf.json"
            try dasf("new", name)
            let a = try spawn(["set", name, "control", "DASF 1", "--owner", "A", "--author", "a"])
            let b = try spawn(["set", name, "control", "DASF 2", "--owner", "B", "--author", "b"])
            a.waitUntilExit()
            b.waitUntilExit()
            let file = try open(name)
            let owners = [file.assessment.controls["DASF 1"]?.owner, file.assessment.controls["DASF 2"]?.owner]
            let authors = Set(try file.journalEntries().map(\.by))
            if owners != ["A", "B"] || authors != ["a", "b"] || a.terminationStatus != 0 || b.terminationStatus != 0 {
                lost.append("\(name): owners \(owners), journal by \(authors), exits \(a.terminationStatus) \(b.terminationStatus)")
            }
            try FileManager.default.removeItem(atPath: directory + "/" + name)
            try? FileManager.default.removeItem(atPath: directory + "/" + name + ".bak")
        }
        XCTAssertEqual(lost, [], "\(lost.count) of 200 pairs lost an edit")
    }

    /// The same field changed by two writers: the second is refused with the clear message, and
    /// the first writer's value stays.
    func testASecondWriterChangingTheSameFieldIsRefusedNotLost() throws {
        try dasf("new", "s.dasf.json")
        let document = try AssessmentDocument.open(directory + "/s.dasf.json")
        try dasf("set", "s.dasf.json", "control", "DASF 1", "--owner", "First")
        var stale = document
        XCTAssertThrowsError(try stale.apply([.setControlOwner(control: "DASF 1", owner: "Second")])) { error in
            XCTAssertTrue("\(error)".contains("control DASF 1 owner changed there too; not overwritten"), "\(error)")
        }
        XCTAssertEqual(try open("s.dasf.json").assessment.controls["DASF 1"]?.owner, "First")
    }

    // MARK: 6. Kills during saves

    /// 200 kill -9 at random moments of `dasf set` on a file with a long journal: every time the
    /// file reads whole, and after the next save no temporary file is left.
    func testKilledDuringSaves200TimesEveryFileIsWholeAndTheNextSaveLeavesNoTemporaryFile() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        let journal = (0..<3000).map { n in
            JournalEntry(at: "2026-11-24T10:00:00Z", by: "seed", change: Change(target: "control DASF \(n % 64 + 1)", field: "note", from: nil, to: "n\(n)"))
        }
        _ = try SaveFile.create(directory + "/k.dasf.json", assessment: Assessment(title: "kill", catalog: catalog), journal: journal)
        // The kills are spread over the time one `dasf set` takes here, with this binary: the
        // release is several times quicker than a debug build, and fixed moments let most of
        // its runs end before the kill.
        var lifetimes: [UInt64] = []
        for n in 0..<3 {
            // Measured as the loop below sees it: from the spawn's return until isRunning says no.
            let process = try spawn(["set", "k.dasf.json", "control", "DASF \(n + 1)", "--owner", "timed\(n)"])
            let start = DispatchTime.now().uptimeNanoseconds
            while process.isRunning { usleep(200) }
            lifetimes.append((DispatchTime.now().uptimeNanoseconds - start) / 1_000)
            process.waitUntilExit()
        }
        let lifetime = UInt32(clamping: max(lifetimes.sorted()[1], 2_000))
        var damaged = 0, killedMidway = 0
        for n in 0..<200 {
            let process = try spawn(["set", "k.dasf.json", "control", "DASF \(n % 64 + 1)", "--owner", "o\(n)"])
            usleep(UInt32.random(in: lifetime / 20...lifetime * 9 / 10))
            if process.isRunning { killedMidway += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            do { _ = try open("k.dasf.json") } catch { damaged += 1 }
        }
        XCTAssertEqual(damaged, 0, "files damaged by a kill")
        XCTAssertGreaterThan(killedMidway, 100, "most kills landed while dasf was running")
        // What a kill between creating and renaming leaves, whether or not one landed there in
        // this run: a writer's temporary files, named with its (now dead) process id. A live
        // writer's file and a look-alike link are left alone, and the link's target untouched.
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        write("half a save", to: ".k.dasf.json.tmp-\(dead.processIdentifier)-3fa9c2")
        write("old backup staging", to: ".k.dasf.json.bak-tmp-\(dead.processIdentifier)-77")
        write("a live writer's", to: ".k.dasf.json.tmp-1-abc")
        write("precious", to: "victim")
        try FileManager.default.createSymbolicLink(atPath: directory + "/.k.dasf.json.tmp-\(dead.processIdentifier)-1", withDestinationPath: "victim")
        try dasf("set", "k.dasf.json", "control", "DASF 1", "--owner", "after")
        XCTAssertEqual(try leftovers(), [".k.dasf.json.tmp-1-abc"], "only the live writer's file is left")
        XCTAssertEqual(try String(contentsOfFile: directory + "/victim", encoding: .utf8), "precious")
        try FileManager.default.removeItem(atPath: directory + "/.k.dasf.json.tmp-1-abc")
        XCTAssertEqual(try leftovers(), [], "no temporary file survives the next save")
        XCTAssertEqual(try open("k.dasf.json").assessment.controls["DASF 1"]?.owner, "after")
    }

    // MARK: 7. Symlinks

    /// Links planted at FILE.bak, at temporary names and at report outputs: every target is
    /// untouched; a symlinked save file is saved through its whole chain and the links kept; a
    /// dangling link is never created through.
    func testPlantedSymbolicLinksAreNeverFollowed() throws {
        let manager = FileManager.default
        try dasf("new", "f.dasf.json")
        try dasf("set", "f.dasf.json", "title", "First")
        let victims = ["victim-bak", "victim-tmp", "victim-report", "victim-new"]
        for victim in victims { write("precious \(victim)\n", to: victim) }
        try manager.removeItem(atPath: directory + "/f.dasf.json.bak")
        try manager.createSymbolicLink(atPath: directory + "/f.dasf.json.bak", withDestinationPath: "victim-bak")
        // Every name the old code could stage the backup at, for the next few hundred processes.
        let next = Int(ProcessInfo.processInfo.processIdentifier)
        for pid in next..<(next + 400) {
            try? manager.createDirectory(atPath: directory + "/.f.dasf.json.bak-tmp-\(pid)", withIntermediateDirectories: false)
        }
        try manager.createSymbolicLink(atPath: directory + "/.f.dasf.json.tmp-000000", withDestinationPath: "victim-tmp")
        try dasf("set", "f.dasf.json", "title", "Second")
        try manager.createSymbolicLink(atPath: directory + "/out.md", withDestinationPath: "victim-report")
        try dasf("report", "f.dasf.json", "--format", "md", "-o", "out.md")
        for victim in victims {
            XCTAssertEqual(try String(contentsOfFile: directory + "/" + victim, encoding: .utf8), "precious \(victim)\n", victim)
        }
        XCTAssertTrue(try String(contentsOfFile: directory + "/out.md", encoding: .utf8).contains("Second"))
        XCTAssertFalse(PathName.isSymbolicLink(directory + "/out.md"), "the link was replaced, not written through")
        XCTAssertEqual(try open("f.dasf.json").assessment.title, "Second")

        try manager.createSymbolicLink(atPath: directory + "/dangling.dasf.json", withDestinationPath: "created-through-link.dasf.json")
        let refused = try dasf("new", "dangling.dasf.json", expect: 1)
        XCTAssertTrue(refused.stderr.contains("a symbolic link is there; not replaced"), refused.stderr)
        XCTAssertFalse(manager.fileExists(atPath: directory + "/created-through-link.dasf.json"))

        // A directory planted at the backup's name does not stop saving, and is left as it is.
        try manager.removeItem(atPath: directory + "/f.dasf.json.bak")
        try manager.createDirectory(atPath: directory + "/f.dasf.json.bak", withIntermediateDirectories: false)
        try dasf("set", "f.dasf.json", "title", "Third")
        XCTAssertEqual(try open("f.dasf.json").assessment.title, "Third")
        XCTAssertEqual(try manager.contentsOfDirectory(atPath: directory + "/f.dasf.json.bak"), [])

        try manager.createDirectory(atPath: directory + "/real", withIntermediateDirectories: false)
        try dasf("new", "real/r.dasf.json")
        try manager.createSymbolicLink(atPath: directory + "/middle.dasf.json", withDestinationPath: "real/r.dasf.json")
        try manager.createSymbolicLink(atPath: directory + "/outer.dasf.json", withDestinationPath: "middle.dasf.json")
        try dasf("set", "outer.dasf.json", "title", "Through two links")
        XCTAssertEqual(try manager.destinationOfSymbolicLink(atPath: directory + "/outer.dasf.json"), "middle.dasf.json")
        XCTAssertEqual(try manager.destinationOfSymbolicLink(atPath: directory + "/middle.dasf.json"), "real/r.dasf.json")
        XCTAssertEqual(try open("real/r.dasf.json").assessment.title, "Through two links")
    }

    // MARK: 8. Ownership

    /// Root saving a colleague's file leaves it theirs, with its group and mode.
    func testSavingSomeoneElsesFileKeepsItsOwnerGroupAndMode() throws {
        try XCTSkipUnless(geteuid() == 0, "needs root to hand the file to another user")
        try dasf("new", "o.dasf.json")
        let path = directory + "/o.dasf.json"
        XCTAssertEqual(chown(path, 4321, 8765), 0)
        XCTAssertEqual(chmod(path, 0o640), 0)
        try dasf("set", "o.dasf.json", "title", "Edited by root")
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0)
        XCTAssertEqual(info.st_uid, 4321)
        XCTAssertEqual(info.st_gid, 8765)
        XCTAssertEqual(info.st_mode & 0o7777, 0o640)
        XCTAssertEqual(try open("o.dasf.json").assessment.title, "Edited by root")
    }

    // MARK: 9. One-character paths, - for standard input and output

    func testOneCharacterPathsWorkAndDashMeansStandardInputOrOutput() throws {
        try dasf("new", "n")
        try dasf("set", "n", "control", "DASF 1", "--status", "planned")
        try dasf("report", "n", "--format", "md", "-o", "x")
        XCTAssertTrue(try String(contentsOfFile: directory + "/x", encoding: .utf8).hasPrefix("# n: DASF assessment"))
        let toStandardOutput = try dasf("report", "n", "--format", "md", "-o", "-")
        XCTAssertTrue(toStandardOutput.stdout.hasPrefix("# n: DASF assessment"), toStandardOutput.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/-"))
        let fromStandardInput = try DASFProcess.run(["status", "-", "--format", "json"], in: directory, input: try bytes("n"))
        XCTAssertEqual(fromStandardInput.status, 0, fromStandardInput.stderr)
        XCTAssertEqual(try json(fromStandardInput)["title"] as? String, "n")
        try dasf("new", "m")
        let merged = try dasf("merge", "n", "n", "m", "-o", "-")
        XCTAssertTrue(merged.stdout.contains("\"format\": \"dasf-assessment\""))
        let refused = try DASFProcess.run(["set", "-", "title", "x"], in: directory, input: try bytes("n"))
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("standard input cannot be saved to"), refused.stderr)
    }

    // MARK: 10, 11. Numbers and dates from a file

    func saveFile(threat: String = "", organisational: String = "", control: String = "\"status\": \"planned\"") -> String {
        """
        {
          "format": "dasf-assessment",
          "schemaVersion": 3,
          "title": "Hostile",
          "catalog": {"id": "dasf-2.0", "version": "2.0", "digest": ""},
          "scope": {"deploymentModels": []},
          "risks": {"9.1": {"treatment": "mitigate", "threats": [\(threat)]}},
          "controls": {"DASF 1": {\(control)}},
          "organisationalRisks": {\(organisational)}
        }
        """
    }

    /// Numbers chosen to overflow and ratings out of range: refused on load with one line by
    /// every command, never a trap; an id at the largest number still gets a next one.
    func testIntegersFromAFileCannotTrapAnything() throws {
        let cases = [
            ("product", saveFile(threat: "{\"id\": \"t1\", \"text\": \"x\", \"likelihood\": 9223372036854775807, \"impact\": 2}"), "risks.9.1.threats[0].likelihood"),
            ("huge", saveFile(threat: "{\"id\": \"t1\", \"text\": \"x\", \"impact\": 99999999999999999999999}"), "risks.9.1.threats[0].impact"),
            ("high", saveFile(organisational: "\"talent\": {\"rating\": 6}"), "organisationalRisks.talent.rating"),
            ("negative", saveFile(organisational: "\"talent\": {\"rating\": -1}"), "organisationalRisks.talent.rating"),
        ]
        for (name, text, place) in cases {
            write(text, to: name + ".dasf.json")
            for command in [["status"], ["report", "--format", "md"], ["set", name + ".dasf.json", "title", "x"], ["validate"], ["journal"]] {
                let arguments = command.first == "set" ? command : [command[0], name + ".dasf.json"] + command.dropFirst()
                let result = try DASFProcess.run(arguments, in: directory)
                XCTAssertEqual(result.status, 1, "\(name) \(command): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("\(place)"), "\(name) \(command): \(result.stderr)")
                XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
            }
            XCTAssertEqual(try String(contentsOfFile: directory + "/\(name).dasf.json", encoding: .utf8), text, "untouched")
        }
        write(saveFile(threat: "{\"id\": \"t9223372036854775807\", \"text\": \"x\"}"), to: "ids.dasf.json")
        try dasf("set", "ids.dasf.json", "threat", "9.1", "--add", "another")
        XCTAssertEqual(Set(try open("ids.dasf.json").assessment.risks["9.1"]?.threats.map(\.id) ?? []), ["t1", "t9223372036854775807"])
        try dasf("set", "ids.dasf.json", "comment", "risk", "9.1", "--add", "first")
        try dasf("status", "ids.dasf.json")
    }

    /// Dates that are not dates, an HTML tag or an OSC 52 clipboard write, are refused on load:
    /// they never reach a terminal or a Markdown report.
    func testDatesAreValidatedOnLoad() throws {
        let hostile = ["<img src=x onerror=alert(1)>", "\\u001b]52;c;ZWNobyBoaQ==\\u0007", "2026-02-30", "+123-01-01", "2026-1-01"]
        for (n, value) in hostile.enumerated() {
            let name = "d\(n).dasf.json"
            write(saveFile(control: "\"status\": \"planned\", \"targetDate\": \"\(value)\""), to: name)
            let result = try DASFProcess.run(["report", name, "--format", "md"], in: directory)
            XCTAssertEqual(result.status, 1, value)
            XCTAssertTrue(result.stderr.contains("expected a date (YYYY-MM-DD) at controls.DASF 1.targetDate"), result.stderr)
            XCTAssertFalse(result.stdout.contains("<img") || result.stdout.contains("\u{1B}"))
            XCTAssertEqual(try DASFProcess.run(["validate", name], in: directory).status, 1, "validate refuses \(value)")
        }
    }

    // MARK: 4. Unknown fields

    /// A key this dasf does not know at each of the eleven levels survives an edit, in order,
    /// and `validate --strict` names every one.
    func testUnknownFieldsAtEveryLevelSurviveAnEditInOrder() throws {
        let text = """
        {
          "format": "dasf-assessment",
          "schemaVersion": 3,
          "title": "From a newer dasf",
          "useCase": {"description": "d", "x-usecase": {"a": [1, 2.50, {"b": null}]}},
          "catalog": {"id": "dasf-2.0", "version": "2.0", "digest": "", "x-catalog": "c"},
          "scope": {"deploymentModels": ["rag"], "x-scope": true},
          "risks": {"9.1": {"treatment": "mitigate", "x-risk": 1e3, "threats": [{"id": "t1", "text": "t", "x-threat": "th"}]}},
          "controls": {"DASF 2": {"status": "planned", "x-control": {"z": 1, "a": 2}, "x-second": "kept in order"}},
          "organisationalRisks": {"talent": {"rating": 3, "x-org": "o"}},
          "conflicts": [{"field": "title", "base": "a", "mine": "b", "theirs": "c", "x-conflict": [1]}],
          "comments": [{"id": "c1", "risk": "9.1", "author": "r", "at": "2026-11-24T10:00:00Z", "text": "hm", "x-comment": "cm"}],
          "x-top": {"tool": "other"},
          "journal": [
            {"at": "2026-11-24T10:00:00Z", "by": "r", "target": "control DASF 2", "field": "status", "to": "planned", "x-journal": "j"}
          ]
        }
        """
        write(text, to: "u.dasf.json")
        let keys = ["x-usecase", "x-catalog", "x-scope", "x-risk", "x-threat", "x-control", "x-second", "x-org", "x-conflict", "x-comment", "x-top", "x-journal"]
        try dasf("set", "u.dasf.json", "control", "DASF 1", "--owner", "Dana")
        try dasf("set", "u.dasf.json", "scope", "rag,external")
        try dasf("set", "u.dasf.json", "usecase", "--description", "changed")
        try dasf("set", "u.dasf.json", "risk", "9.1", "--treatment", "accept", "--rationale", "r")
        try dasf("set", "u.dasf.json", "comment", "--resolve", "c1")
        let after = try String(contentsOfFile: directory + "/u.dasf.json", encoding: .utf8)
        for key in keys { XCTAssertTrue(after.contains("\"\(key)\""), "\(key) kept:\n\(after)") }
        XCTAssertTrue(after.contains("\"a\": [1, 2.50, {\"b\":null}]") || after.contains("2.50"), "numbers as written")
        XCTAssertTrue(after.contains("\"x-risk\": 1e3"))
        let control = try XCTUnwrap(after.range(of: "\"x-control\"")), second = try XCTUnwrap(after.range(of: "\"x-second\""))
        XCTAssertLessThan(control.lowerBound, second.lowerBound, "in their order")
        let reread = try open("u.dasf.json")
        XCTAssertEqual(reread.assessment.controls["DASF 1"]?.owner, "Dana")
        XCTAssertEqual(reread.assessment.controls["DASF 2"]?.unknown.keys, ["x-control", "x-second"])
        XCTAssertEqual(reread.assessment.controls["DASF 2"]?.unknown["x-control"], "{\"z\":1,\"a\":2}")
        XCTAssertEqual(try reread.journalEntries().first?.unknown["x-journal"], "\"j\"")
        let strict = try dasf("validate", "u.dasf.json", "--strict", expect: 1)
        for place in ["useCase.x-usecase", "catalog.x-catalog", "risks.9.1.threats[0].x-threat", "journal[0].x-journal", "x-top"] {
            XCTAssertTrue(strict.stderr.contains(place), "\(place) named: \(strict.stderr)")
        }
        try dasf("validate", "u.dasf.json")
    }
}

/// The fuzz target's seed corpus, replayed through the same code libFuzzer runs (scripts/fuzz):
/// each input decodes or is refused, and one that decodes survives a write and a read unchanged.
final class FuzzCorpusTests: XCTestCase {
    func testTheSeedCorpusReplaysWithoutACrash() throws {
        let replay = DASFProcess.binary.deletingLastPathComponent().appendingPathComponent("dasf-fuzz")
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
        XCTAssertGreaterThanOrEqual(inputs.count, 8)
        let result = try DASFProcess.run([corpus.path], in: NSTemporaryDirectory(), executable: replay)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "\(inputs.count) inputs, no crash\n")
    }
}

/// Issue 9.12: messages that point the right way.
final class MessageTests: CommandTestCase {
    func testMessagesNameTheRealProblem() throws {
        XCTAssertTrue(try dasf("new", "nodir/x.dasf.json", expect: 1).stderr.contains("nodir/x.dasf.json: the folder nodir does not exist"))
        try FileManager.default.createDirectory(atPath: directory + "/dd", withIntermediateDirectories: false)
        XCTAssertTrue(try dasf("new", "dd", expect: 1).stderr.contains("dd: is a folder; name a file in it, such as dd/assessment.dasf.json\n"))
        try dasf("new", "t.dasf.json")
        try dasf("set", "t.dasf.json", "title", "second")
        let whole = try bytes("t.dasf.json")
        _ = FileManager.default.createFile(atPath: directory + "/t.dasf.json", contents: whole.prefix(100))
        XCTAssertTrue(try dasf("status", "t.dasf.json", expect: 1).stderr.contains("; the previous version, which reads, is in t.dasf.json.bak"))
        // A link planted at the backup's name is not read through, even for this hint.
        try FileManager.default.moveItem(atPath: directory + "/t.dasf.json.bak", toPath: directory + "/elsewhere.dasf.json")
        try FileManager.default.createSymbolicLink(atPath: directory + "/t.dasf.json.bak", withDestinationPath: "elsewhere.dasf.json")
        XCTAssertFalse(try dasf("status", "t.dasf.json", expect: 1).stderr.contains("previous version"))
        try FileManager.default.removeItem(atPath: directory + "/t.dasf.json.bak")
        try FileManager.default.moveItem(atPath: directory + "/elsewhere.dasf.json", toPath: directory + "/t.dasf.json.bak")
        let bare = try DASFProcess.run(["set", "t.dasf.json.bak", "title", "third"], in: directory, environment: ["USER": "", "LOGNAME": "", "DASF_AUTHOR": ""])
        XCTAssertEqual(bare.status, 0, bare.stderr)
        let login = String(cString: getpwuid(geteuid()).pointee.pw_name)
        XCTAssertEqual(try SaveFile.open(directory + "/t.dasf.json.bak").journal.last?.by, login, "the password database knows the login name")
        let help = try dasf("merge", "--help").stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        XCTAssertTrue(help.contains("M keeps mine, T takes theirs"), "the map's real keys (issue 9.14): \(help)")
    }
}

/// Issue 9.11: a merge's unsettled conflicts are said wherever the assessment is shown.
final class ConflictVisibilityTests: CommandTestCase {
    func testUnsettledConflictsShowInStatusReportsAndStrictValidation() throws {
        try dasf("new", "b.dasf.json")
        for (name, owner) in [("m", "Dana"), ("t", "Sam")] {
            try FileManager.default.copyItem(atPath: directory + "/b.dasf.json", toPath: directory + "/\(name).dasf.json")
            try dasf("set", "\(name).dasf.json", "control", "54", "--owner", owner)
        }
        try dasf("merge", "b.dasf.json", "m.dasf.json", "t.dasf.json", "-o", "o.dasf.json", expect: 1)
        let disputed = "control DASF 54 owner: mine Dana; theirs Sam"
        XCTAssertTrue(try dasf("status", "o.dasf.json").stdout.contains("UNSETTLED: 1 value is disputed"))
        XCTAssertTrue(try dasf("status", "o.dasf.json").stdout.contains(disputed))
        let markdown = try dasf("report", "o.dasf.json", "--format", "md").stdout
        XCTAssertTrue(markdown.contains("## Unsettled merge conflicts") && markdown.contains(disputed), markdown)
        XCTAssertLessThan(try XCTUnwrap(markdown.range(of: "Unsettled")).lowerBound, try XCTUnwrap(markdown.range(of: "## Summary")).lowerBound, "before anything else")
        XCTAssertTrue(try dasf("report", "o.dasf.json", "--format", "html").stdout.contains("<h2>Unsettled merge conflicts</h2>"))
        XCTAssertTrue(try dasf("validate", "o.dasf.json").stderr.contains("1 unsettled merge conflict"))
        try dasf("validate", "o.dasf.json", "--strict", expect: 1)
    }
}

/// Issue 9.14: help that scripts and people can rely on.
final class HelpTests: CommandTestCase {
    /// Examples are never broken across lines, closed sets list their values, and every
    /// command's file argument completes files.
    func testHelpKeepsExamplesWholeAndListsTheValues() throws {
        for command in ["set", "report", "status", "new", "diff", "merge", "journal", "catalog", "validate", "open"] {
            let help = try dasf(command, "--help").stdout
            let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
            for (n, line) in lines.enumerated() where line.hasPrefix("  dasf ") {
                XCTAssertEqual(line.filter { $0 == "\"" }.count % 2, 0, "\(command): an example cut in two: \(line)")
                if n + 1 < lines.count, let next = lines[n + 1].first {
                    XCTAssertTrue(next == " " || next.isUppercase, "\(command): an example continues on the next line: \(line) / \(lines[n + 1])")
                }
            }
        }
        let set = try dasf("set", "--help").stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        XCTAssertTrue(set.contains("values: not-started, planned, in-progress, implemented"), set)
        XCTAssertTrue(set.contains("values: mitigate, accept, transfer, avoid"), set)
        let report = try dasf("report", "--help").stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        XCTAssertTrue(report.contains("values: executive, register"), report)
        XCTAssertTrue(try dasf("set", "x.dasf.json", "control", "1", "--status", "done", expect: 64).stderr.contains("not-started"))
        try dasf("new", "a.dasf.json")
        try dasf("set", "a.dasf.json", "control", "1", "--note", "-2+3", "--owner", "-team-")
        XCTAssertEqual(try SaveFile.open(directory + "/a.dasf.json").assessment.controls["DASF 1"]?.note, "-2+3", "text starting with - is text")
        let bash = try dasf("--generate-completion-script", "bash").stdout
        XCTAssertTrue(bash.contains("json"), "file arguments complete *.json files")
    }
}

/// Issue 9.14: a man page for every command, generated from the same definitions (scripts/man).
final class ManPageTests: XCTestCase {
    func testEveryCommandHasAManPageThatSaysWhatItsHelpSays() throws {
        let man = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/man")
        for command in ["", ".set", ".report", ".status", ".new", ".diff", ".merge", ".journal", ".catalog", ".validate", ".open"] {
            let page = try String(contentsOf: man.appendingPathComponent("dasf\(command).1"), encoding: .utf8)
            XCTAssertTrue(page.hasPrefix(".\\\" \"Generated by swift-argument-parser\""), command)
        }
        let set = try String(contentsOf: man.appendingPathComponent("dasf.set.1"), encoding: .utf8)
        XCTAssertTrue(set.contains("Control status (not applicable: --not-applicable REASON)"), "the page is of today's options")
    }
}

/// Issue 9.14: every command whose output a script may read speaks JSON with --format json.
final class JSONEverywhereTests: CommandTestCase {
    func testNewSetValidateAndMergeSpeakJSON() throws {
        XCTAssertEqual(try json(try dasf("new", "b.dasf.json", "--models", "rag", "--format", "json"))["inScope"] as? Int, 34)
        let set = try json(try dasf("set", "b.dasf.json", "control", "54", "--status", "implemented", "--format", "json"))
        XCTAssertEqual(set["outcome"] as? String, "written")
        XCTAssertFalse((set["riskStates"] as? [[String: Any]] ?? []).isEmpty)
        XCTAssertEqual(try json(try dasf("validate", "b.dasf.json", "--format", "json"))["sound"] as? Bool, true)
        for (name, owner) in [("m", "Dana"), ("t", "Sam")] {
            try FileManager.default.copyItem(atPath: directory + "/b.dasf.json", toPath: directory + "/\(name).dasf.json")
            try dasf("set", "\(name).dasf.json", "control", "1", "--owner", owner)
        }
        let merged = try json(try dasf("merge", "b.dasf.json", "m.dasf.json", "t.dasf.json", "-o", "o.dasf.json", "--format", "json", expect: 1))
        XCTAssertEqual((merged["conflicts"] as? [[String: Any]])?.first?["field"] as? String, "control/DASF 1/owner")
        let strict = try dasf("validate", "o.dasf.json", "--strict", "--format", "json", expect: 1)
        XCTAssertEqual(try json(strict)["unsettledConflicts"] as? [String], ["control DASF 1 owner"])
    }
}

/// Issue 9.15: every JSON output, and the save file, matches its schema in docs/schemas; outputs
/// are closed (a new field must be added to its schema), the save file is open (unknown keys).
final class JSONSchemaTests: CommandTestCase {
    let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/schemas")

    func assertMatches(_ name: String, _ data: Data, file: StaticString = #filePath, line: UInt = #line) throws {
        let validator = try SchemaValidator(file: schemas.appendingPathComponent("\(name).schema.json"))
        let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        XCTAssertEqual(validator.violations(of: value), [], name, file: file, line: line)
    }

    func testEveryJSONOutputAndTheSaveFileMatchTheirSchemas() throws {
        try assertMatches("new", try dasf("new", "b.dasf.json", "--models", "rag", "--format", "json").stdoutBytes)
        try assertMatches("set", try dasf("set", "b.dasf.json", "control", "54", "--status", "implemented", "--owner", "Dana", "--format", "json").stdoutBytes)
        try dasf("set", "b.dasf.json", "threat", "9.12", "--add", "role-play", "--likelihood", "4", "--impact", "5")
        try dasf("set", "b.dasf.json", "control", "54", "--review-by", "2027-01-31")
        try dasf("set", "b.dasf.json", "comment", "risk", "9.12", "--add", "batch path too?")
        try dasf("set", "b.dasf.json", "org-risk", "talent", "--rating", "3")
        for (name, owner) in [("m", "A"), ("t", "B")] {
            try FileManager.default.copyItem(atPath: directory + "/b.dasf.json", toPath: directory + "/\(name).dasf.json")
            try dasf("set", "\(name).dasf.json", "control", "1", "--owner", owner)
        }
        try assertMatches("merge", try dasf("merge", "b.dasf.json", "m.dasf.json", "t.dasf.json", "-o", "o.dasf.json", "--format", "json", expect: 1).stdoutBytes)
        for file in ["b.dasf.json", "o.dasf.json"] {
            try assertMatches("status", try dasf("status", file, "--format", "json").stdoutBytes)
            try assertMatches("report", try dasf("report", file, "--format", "json").stdoutBytes)
            try assertMatches("validate", try dasf("validate", file, "--format", "json").stdoutBytes)
            try assertMatches("save-file", try bytes(file))
        }
        // A closed schema refuses a field it does not name, so outputs cannot drift from the docs.
        let validator = try SchemaValidator(file: schemas.appendingPathComponent("new.schema.json"))
        XCTAssertFalse(validator.violations(of: ["file": "x", "title": "t", "catalog": "c", "deploymentModels": [], "risks": 1, "inScope": 1, "extra": 1]).isEmpty)
    }
}

/// A colleague's file in a folder one may search but not list (a 0711 home): it reads, and a
/// save that cannot replace it is refused with the file intact. Run as an unprivileged user,
/// which needs root (as CI has) and setpriv.
final class PermissionTests: CommandTestCase {
    func testAFileInASearchOnlyFolderReadsAndIsNeverHalfWritten() throws {
        try XCTSkipUnless(geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv")
        try dasf("new", "home/p.dasf.json", expect: 1)
        try FileManager.default.createDirectory(atPath: directory + "/home", withIntermediateDirectories: false)
        try dasf("new", "home/p.dasf.json")
        XCTAssertEqual(chmod(directory + "/home/p.dasf.json", 0o644), 0)
        XCTAssertEqual(chmod(directory + "/home", 0o711), 0)
        XCTAssertEqual(chmod(directory, 0o755), 0)
        let before = try bytes("home/p.dasf.json")
        let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups", DASFProcess.binary.path]
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        let reachable = try DASFProcess.run(["--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sh", "-c", "test -x \"$0\"", DASFProcess.binary.path],
                                            in: directory, executable: setpriv)
        try XCTSkipUnless(reachable.status == 0, "an unprivileged user cannot reach the binary here")
        let read = try DASFProcess.run(nobody + ["status", "home/p.dasf.json"], in: directory, executable: setpriv)
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertTrue(read.stdout.hasPrefix("p · "), read.stdout)
        let write = try DASFProcess.run(nobody + ["set", "home/p.dasf.json", "title", "x"], in: directory, executable: setpriv)
        XCTAssertEqual(write.status, 1)
        XCTAssertTrue(write.stderr.contains("the previous version is intact"), write.stderr)
        XCTAssertEqual(try bytes("home/p.dasf.json"), before)
    }
}

/// Issue 11.4: the catalog format's JSON Schema holds the shipped catalogs and an imported one,
/// and refuses a field it does not name.
final class CatalogSchemaTests: CommandTestCase {
    func testTheShippedAndImportedCatalogsMatchTheSchema() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let validator = try SchemaValidator(file: root.appendingPathComponent("docs/schemas/catalog.schema.json"))
        for name in ["dasf-2.0", "dasf-1.0"] {
            let value = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("Catalog/\(name).json")))
            XCTAssertEqual(validator.violations(of: value), [], name)
        }
        let fixtures = root.appendingPathComponent("Tests/DASFImportTests/Fixtures")
        try dasf("catalog", "import", fixtures.appendingPathComponent("compendium.xlsx").path, "-o", "imported.json")
        XCTAssertEqual(validator.violations(of: try JSONSerialization.jsonObject(with: try bytes("imported.json"))), [], "imported")
        var broken = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("Catalog/dasf-2.0.json"))) as? [String: Any])
        broken["colour"] = "blue"
        XCTAssertFalse(validator.violations(of: broken).isEmpty)
    }
}

/// Issue 11.5: the ATLAS Navigator layer has the layer format's fields (4.5), techniques only,
/// and says what it left out.
final class AtlasLayerTests: CommandTestCase {
    func testTheLayerFollowsTheFormatAndReportsTacticsAndRetiredIDs() throws {
        try dasf("new", "a.dasf.json", "--models", "rag,external")
        try dasf("set", "a.dasf.json", "risk", "1.1", "--treatment", "accept", "--rationale", "a test decision")
        let result = try dasf("export", "a.dasf.json", "--format", "atlas-layer", "-o", "layer.json")
        XCTAssertTrue(result.stdout.hasPrefix("wrote layer.json: "), result.stdout)
        XCTAssertTrue(result.stderr.contains("left out, tactics rather than techniques: AML.TA"), result.stderr)
        XCTAssertTrue(result.stderr.contains("retired from ATLAS: AML.T0022"), result.stderr)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let validator = try SchemaValidator(file: root.appendingPathComponent("docs/schemas/atlas-layer.schema.json"))
        let layer = try JSONSerialization.jsonObject(with: try bytes("layer.json"))
        XCTAssertEqual(validator.violations(of: layer), [])
        let techniques = try XCTUnwrap((layer as? [String: Any])?["techniques"] as? [[String: Any]])
        XCTAssertGreaterThan(techniques.count, 10)
        XCTAssertFalse(techniques.contains { ($0["techniqueID"] as? String)?.hasPrefix("AML.TA") ?? true })
        XCTAssertTrue(techniques.contains { ($0["score"] as? Int ?? 0) > 0 }, "a treated risk raises its techniques' scores")
        XCTAssertEqual((layer as? [String: Any])?["domain"] as? String, "atlas-atlas")
        let other = try JSONSerialization.jsonObject(with: try dasf("export", "a.dasf.json", "--format", "atlas-layer", "--domain", "enterprise-attack").stdoutBytes)
        XCTAssertEqual((other as? [String: Any])?["domain"] as? String, "enterprise-attack")
    }
}

/// Issue 12.2: `dasf portfolio` as reports from the command line, and its ATLAS layer scored by
/// how many systems leave each technique open.
final class PortfolioCommandTests: CommandTestCase {
    func testReportsAndTheLayer() throws {
        try FileManager.default.createDirectory(atPath: directory + "/team", withIntermediateDirectories: true)
        try dasf("new", "team/a.dasf.json", "--title", "Alpha", "--models", "rag")
        try dasf("new", "team/b.dasf.json", "--title", "Beta", "--models", "rag")
        try dasf("set", "team/b.dasf.json", "control", "1", "2", "3", "4", "5", "--status", "implemented")
        try Data("{".utf8).write(to: URL(fileURLWithPath: directory + "/team/c.dasf.json"))
        let md = try dasf("portfolio", "team", "--format", "md").stdout
        XCTAssertTrue(md.contains("2 systems") && md.contains("1 unreadable") && md.contains("`team/c.dasf.json`"), md)
        let listed = try json(try dasf("portfolio", "--format", "json", "--sort", "name"))
        XCTAssertEqual((listed["systems"] as? [[String: Any]])?.map { $0["title"] as? String }, ["Alpha", "Beta"])
        let filtered = try json(try dasf("portfolio", "--format", "json", "--model", "predictive-ml"))
        XCTAssertEqual((filtered["systems"] as? [Any])?.count, 0)

        let layerRun = try dasf("portfolio", "team", "--format", "atlas-layer")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let validator = try SchemaValidator(file: root.appendingPathComponent("docs/schemas/atlas-layer.schema.json"))
        let layer = try JSONSerialization.jsonObject(with: layerRun.stdoutBytes)
        XCTAssertEqual(validator.violations(of: layer), [])
        let techniques = try XCTUnwrap((layer as? [String: Any])?["techniques"] as? [[String: Any]])
        XCTAssertTrue(techniques.allSatisfy { ($0["score"] as? Int ?? -1) <= 2 }, "a score counts systems")
        XCTAssertTrue(techniques.contains { $0["score"] as? Int == 2 }, "a technique both systems leave open")
        XCTAssertTrue(layerRun.stderr.contains("tactics rather than techniques"), layerRun.stderr)
    }
}

/// Issue 12.3: OSCAL assessment results and POA&M, checked by compliance-trestle's OSCAL models
/// (installed by scripts/setup), identical on a second export, with the assessment's facts in them.
final class OSCALExportTests: CommandTestCase {
    func validate(_ files: String...) throws -> DASFProcess.Result {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/oscal-validate")
        process.arguments = files.map { directory + "/" + $0 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertNotEqual(process.terminationStatus, 2, "compliance-trestle is missing: run scripts/setup")
        return DASFProcess.Result(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "", stdoutBytes: data)
    }

    func testAssessmentResultsAndPOAMValidateAndAreStable() throws {
        try dasf("new", "a.dasf.json", "--title", "Claims <triage> & co", "--models", "rag")
        try dasf("set", "a.dasf.json", "control", "54", "--status", "implemented", "--evidence", "pen test report 2026-10", "--owner", "Dana")
        try dasf("set", "a.dasf.json", "control", "55", "--owner", "Sam", "--target-date", "2027-01-31")
        try dasf("set", "a.dasf.json", "control", "3", "--not-applicable", "no training data here")
        try dasf("set", "a.dasf.json", "risk", "9.10", "--treatment", "accept", "--rationale", "the vendor covers it")
        try dasf("export", "a.dasf.json", "--format", "oscal-ar", "-o", "ar.json")
        try dasf("export", "a.dasf.json", "--format", "oscal-poam", "-o", "poam.json")
        let checked = try validate("ar.json", "poam.json")
        XCTAssertEqual(checked.status, 0, checked.stdout)
        XCTAssertTrue(checked.stdout.contains("valid OSCAL assessment-results") && checked.stdout.contains("valid OSCAL plan-of-action-and-milestones"), checked.stdout)
        // Derived UUIDs: a second export is the same bytes.
        XCTAssertEqual(try dasf("export", "a.dasf.json", "--format", "oscal-ar").stdoutBytes, try bytes("ar.json"))
        XCTAssertEqual(try dasf("export", "a.dasf.json", "--format", "oscal-poam").stdoutBytes, try bytes("poam.json"))

        let ar = try XCTUnwrap((try JSONSerialization.jsonObject(with: try bytes("ar.json")) as? [String: Any])?["assessment-results"] as? [String: Any])
        let result = try XCTUnwrap((ar["results"] as? [[String: Any]])?.first)
        let findings = try XCTUnwrap(result["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.count, 64, "a finding per control")
        func finding(_ id: String) -> [String: Any]? { findings.first { ($0["target"] as? [String: Any])?["target-id"] as? String == id }?["target"] as? [String: Any] }
        XCTAssertEqual((finding("dasf-54")?["status"] as? [String: Any])?["state"] as? String, "satisfied")
        XCTAssertEqual((finding("dasf-55")?["status"] as? [String: Any])?["state"] as? String, "not-satisfied")
        XCTAssertEqual((finding("dasf-3")?["status"] as? [String: Any])?["remarks"] as? String, "not applicable: no training data here")
        XCTAssertEqual((result["observations"] as? [[String: Any]])?.count, 1, "an observation per piece of evidence")
        let risks = try XCTUnwrap(result["risks"] as? [[String: Any]])
        XCTAssertEqual(risks.first { ($0["title"] as? String)?.hasPrefix("9.10 ") ?? false }?["status"] as? String, "deviation-approved")

        let status = try json(try dasf("status", "a.dasf.json", "--format", "json"))
        let unsettled = (status["risks"] as? [[String: Any]] ?? []).filter { ["open", "partial"].contains($0["state"] as? String ?? "") }
        let poam = try XCTUnwrap((try JSONSerialization.jsonObject(with: try bytes("poam.json")) as? [String: Any])?["plan-of-action-and-milestones"] as? [String: Any])
        let items = try XCTUnwrap(poam["poam-items"] as? [[String: Any]])
        XCTAssertEqual(items.count, unsettled.count, "an item per open or partial risk")
        XCTAssertTrue(items.contains { ($0["props"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "owner" && $0["value"] as? String == "Sam" } })
        XCTAssertTrue((poam["risks"] as? [[String: Any]] ?? []).contains { $0["deadline"] as? String == "2027-01-31T00:00:00Z" })

        // The validator can fail: a broken UUID is caught.
        let broken = String(decoding: try bytes("ar.json"), as: UTF8.self).replacingOccurrences(of: "\"uuid\" : \"", with: "\"uuid\" : \"x", options: [], range: nil)
        try broken.write(toFile: directory + "/broken.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(try validate("broken.json").status, 1)
    }
}
