import Glibc
import Foundation
import XCTest

/// The real binary in a real terminal (tmux): keys typed, the pane read, the save file checked.
final class EndToEndTests: XCTestCase {
    var directory: String!
    var tmux: Tmux!
    var dasf: String!

    override func setUpWithError() throws {
        try XCTSkipUnless(Tmux.available, "tmux is not installed (apt-get install tmux)")
        directory = NSTemporaryDirectory() + "dasf-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .compactMap { $0?.deletingLastPathComponent().appendingPathComponent("dasf").path }
        // DASF_BINARY runs the same keys against another build (to show a test fails on an older one).
        let other = ProcessInfo.processInfo.environment["DASF_BINARY"].flatMap { $0.isEmpty ? nil : $0 }
        dasf = try XCTUnwrap(other ?? candidates.first { FileManager.default.isExecutableFile(atPath: $0) })
        tmux = Tmux(directory: directory)
    }

    override func tearDownWithError() throws {
        tmux?.kill()
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    func status(_ file: String) throws -> [String: Any] {
        let result = Tmux.shell("'\(dasf!)' status \(file) --format json", in: directory)
        XCTAssertEqual(result.status, 0, result.output)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    func controlStatus(_ json: [String: Any], _ id: String) -> String? {
        (json["controls"] as? [[String: Any]])?.first { $0["id"] as? String == id }?["status"] as? String
    }

    func testMoveToAComponentOpenARiskTickAControlQuitAndTheFileHasIt() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new w.dasf.json --title 'Claims triage' --models rag", in: directory).status, 0)
        tmux.start("'\(dasf!)' w.dasf.json")
        tmux.waitFor("DATA OPERATIONS")
        tmux.waitFor("Claims triage")
        let coloured = tmux.screen(escapes: true)
        let colour = try NSRegularExpression(pattern: "\u{1B}\\[([0-9]+;)*(3[0-7]|38)[;m]")
        XCTAssertGreaterThan(colour.numberOfMatches(in: coloured, range: NSRange(coloured.startIndex..., in: coloured)), 0, "heat colours are sent")
        tmux.keys("Right", "Right", "Right", "Right", "Enter")
        tmux.waitFor("9  Model serving: inference requests")
        tmux.keys("End", "Up", "Enter")
        tmux.waitFor("9.12  LLM Jailbreak")
        tmux.keys("Down", "Down")
        tmux.keys("Space", "Space", "Space")
        tmux.waitFor("implemented", seconds: 5)
        let screen = tmux.waitFor("DASF 3: implemented")
        XCTAssertTrue(screen.contains("Mitigating controls"))
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
        let json = try status("w.dasf.json")
        XCTAssertEqual(controlStatus(json, "DASF 3"), "implemented")
        let risk = (json["risks"] as? [[String: Any]])?.first { $0["id"] as? String == "9.12" }
        XCTAssertEqual(risk?["state"] as? String, "partial")
        XCTAssertEqual(json["title"] as? String, "Claims triage")
    }

    /// Issue 11.3: the map offers the newer DASF; `>` then `y` upgrades the file, `u` takes it
    /// back, and the journal has the upgrade as one entry.
    func testUpgradeOnTheMapAndUndoIt() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new up.dasf.json --catalog dasf-1.0 && '\(dasf!)' set up.dasf.json control 1 38 --status implemented", in: directory).status, 0)
        tmux.start("'\(dasf!)' up.dasf.json")
        tmux.waitFor("DASF 2.0 is built in: > upgrades")
        tmux.keys("'>'")
        tmux.waitFor("y upgrades, any other key cancels")
        tmux.keys("y")
        tmux.waitFor("upgraded to DASF 2.0")
        tmux.waitFor("saved", seconds: 5)
        var json = try status("up.dasf.json")
        XCTAssertEqual((json["catalog"] as? [String: Any])?["id"] as? String, "dasf-2.0")
        XCTAssertEqual(controlStatus(json, "DASF 1"), "implemented")
        XCTAssertEqual(controlStatus(json, "DASF 38"), "not-started", "asked again")
        tmux.keys("u")
        tmux.waitFor("undone")
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
        json = try status("up.dasf.json")
        XCTAssertEqual((json["catalog"] as? [String: Any])?["id"] as? String, "dasf-1.0")
        XCTAssertEqual(controlStatus(json, "DASF 38"), "implemented")
        let journal = Tmux.shell("'\(dasf!)' journal up.dasf.json", in: directory).output
        XCTAssertEqual(journal.components(separatedBy: "assessment catalog: dasf-1.0 1.0 → dasf-2.0 2.0").count - 1, 1, journal)
    }

    func testResizingThroughTinySizesNeverCrashes() throws {
        tmux.start("'\(dasf!)' r.dasf.json", width: 120, height: 40)
        tmux.waitFor("MODEL OPERATIONS")
        for (w, h) in [(60, 20), (20, 5), (1, 1), (2, 1), (79, 24), (80, 23), (200, 60), (3, 40), (80, 24)] {
            tmux.resize(width: w, height: h)
            usleep(150_000)
            if w >= 80 && h >= 24 {
                tmux.waitFor("DATA OPERATIONS")
            } else if w >= 40 && h >= 2 {
                tmux.waitFor("enlarge the terminal")
            }
            XCTAssertFalse(tmux.screen().contains("EXIT="), "dasf ended at \(w)x\(h)")
        }
        tmux.keys("Enter", "Down", "Enter")
        tmux.waitFor("Mitigating controls")
        tmux.resize(width: 30, height: 10)
        usleep(150_000)
        tmux.resize(width: 100, height: 30)
        tmux.waitFor("Mitigating controls")
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/r.dasf.json"), "dasf alone creates the file")
    }

    /// tmux reflows the alternate screen back to the size it had on entry before restoring the shell's
    /// screen, and full-width map lines that no longer fit were pushed into the history, then pulled
    /// back over the shell's lines. dasf leaves an empty screen behind, so nothing can leak.
    func testQuittingAfterTheWindowGrewLeavesTheShellScreenAsItWas() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new g.dasf.json", in: directory).status, 0)
        tmux.start("echo shell-line-before; '\(dasf!)' g.dasf.json", width: 100, height: 30)
        tmux.waitFor("DATA OPERATIONS")
        for (w, h) in [(80, 24), (130, 45)] {
            tmux.resize(width: w, height: h)
            tmux.waitFor("\(w == 130 ? "in scope" : "DATA OPERATIONS")")
            usleep(300_000)
        }
        tmux.keys("q")
        let after = tmux.waitFor("EXIT=0")
        let lines = after.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "shell-line-before", "the shell's first line is back in place:\n\(after)")
        for piece in ["│", "░", "DATA OPERATIONS", "Data poisoning", "unassessed"] {
            XCTAssertFalse(after.contains(piece), "\(piece) from the map stayed on the shell's screen:\n\(after)")
        }
    }

    /// Issue 9.8: an owner with 🛡️ (VS16) and 👨‍👩‍👧 (ZWJ) left the register's columns askew and a
    /// joiner on the next line, because dasf, ncurses and tmux measured them differently. Columns
    /// line up as tmux draws them.
    func testEmojiSequencesKeepTheRegisterColumnsInLine() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new e.dasf.json", in: directory).status, 0)
        XCTAssertEqual(Tmux.shell("'\(dasf!)' set e.dasf.json control 1 --owner '🛡️ Sec 👨‍👩‍👧 ok' --status planned", in: directory).status, 0)
        XCTAssertEqual(Tmux.shell("'\(dasf!)' set e.dasf.json control 2 --owner 'Plain Owner' --status planned", in: directory).status, 0)
        tmux.start("'\(dasf!)' e.dasf.json", width: 100, height: 30)
        tmux.waitFor("DATA OPERATIONS")
        tmux.keys("c")
        let screen = tmux.waitFor("Plain Owner")
        let lines = screen.split(separator: "\n").map(String.init)
        let first = try XCTUnwrap(lines.first { $0.contains("DASF 1 ") }), second = try XCTUnwrap(lines.first { $0.contains("DASF 2 ") })
        XCTAssertTrue(second.hasPrefix(" ◔ DASF 2"), "nothing spilled onto the next row: \(second)")
        XCTAssertFalse(screen.unicodeScalars.contains { $0.value == 0x200D || $0.value == 0xFE0F }, screen)
        XCTAssertTrue(first.contains("🛡 Sec 👨"), first)
        // Where the risk count ends, in terminal columns (as tmux counts them: wcwidth).
        let symbol = try XCTUnwrap(dlsym(dlopen(nil, RTLD_NOW), "wcwidth"))
        let wcwidth = unsafeBitCast(symbol, to: (@convention(c) (wchar_t) -> Int32).self)
        let utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
        let previous = uselocale(utf8)
        defer { uselocale(previous); freelocale(utf8) }
        func columns(_ line: String) -> Int { line.unicodeScalars.reduce(0) { $0 + Int(max(0, wcwidth(wchar_t(bitPattern: $1.value)))) } }
        XCTAssertEqual(columns(first), columns(second), "the rows end in the same column:\n\(first)\n\(second)")
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
    }

    /// Issue 13: the backend hands ncurses ready cells (`wadd_wchnstr`). Characters newer than
    /// the C library's tables (it calls them unprintable) must still be drawn over what the
    /// screen showed before, in the columns the map gave them, with the rest of the row and the
    /// next row in place. (A try that sent such cells through `wadd_wch` left the map's counts
    /// showing through them: this test caught it.)
    func testCharactersTheCLibraryDoesNotKnowKeepTheColumnsInLine() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new u.dasf.json", in: directory).status, 0)
        XCTAssertEqual(Tmux.shell("'\(dasf!)' set u.dasf.json control 1 --owner 'A\u{31EF}B\u{1FAE9}C\u{2FFC}D' --status planned", in: directory).status, 0)
        XCTAssertEqual(Tmux.shell("'\(dasf!)' set u.dasf.json control 2 --owner 'Plain Owner' --status planned", in: directory).status, 0)
        tmux.start("'\(dasf!)' u.dasf.json", width: 100, height: 30)
        tmux.waitFor("DATA OPERATIONS")
        tmux.keys("c")
        let screen = tmux.waitFor("Plain Owner")
        let lines = screen.split(separator: "\n").map(String.init)
        let first = try XCTUnwrap(lines.first { $0.contains("DASF 1 ") }), second = try XCTUnwrap(lines.first { $0.contains("DASF 2 ") })
        XCTAssertTrue(second.hasPrefix(" ◔ DASF 2"), "nothing spilled onto the next row: \(second)")
        let owner = try XCTUnwrap(first.range(of: "planned").map { first[$0.upperBound...] })
        let a = try XCTUnwrap(owner.firstIndex(of: "A")), c = try XCTUnwrap(owner.firstIndex(of: "C"))
        // Between the known letters only what the map drew there: no cell of the earlier screen.
        XCTAssertTrue(owner[a..<c].allSatisfy { "AB ".contains($0) }, "cells of the earlier screen showed through: \(first)")
        XCTAssertEqual(first.distance(from: first.startIndex, to: a), second.distance(from: second.startIndex, to: try XCTUnwrap(second.range(of: "Plain")).lowerBound),
                       "the owners start in one column:\n\(first)\n\(second)")
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
    }

    /// Issue 13: the first frame goes to the terminal as one buffer, not a write after every
    /// cursor movement (ncurses' state before its screen is first resumed: 124 writes at
    /// 120x40 before the change), and starting sends no "original colours" (OSC 104), which
    /// would reset a palette the user set. The writes are counted with strace where it exists.
    func testTheFirstFrameGoesOutInAFewWritesAndLeavesThePaletteAlone() throws {
        guard Tmux.shell("strace -f -o /dev/null true").status == 0 else { throw XCTSkip("strace is not installed or may not trace here") }
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new w.dasf.json --models rag", in: directory).status, 0)
        let log = directory! + "/writes.log"
        // xterm's description, which has the palette reset tmux's lacks.
        tmux.start("TERM=xterm-256color strace -f -s 64 -e trace=write -o '\(log)' '\(dasf!)' w.dasf.json", width: 120, height: 40)
        tmux.waitFor("DATA OPERATIONS")
        tmux.keys("Right")
        tmux.waitFor("━ · 2 ")
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
        let writes = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains("write(1,") }
        // Start, the frame (in the buffer's pieces), one move, the way out: 124 and more before.
        XCTAssertGreaterThan(writes.count, 3, "strace saw the writes")
        XCTAssertLessThanOrEqual(writes.count, 16, writes.joined(separator: "\n"))
        XCTAssertFalse(writes.contains { $0.contains("]104") }, "the palette was reset: \(writes.joined(separator: "\n"))")
    }

    /// Issue 10.3: speaker's notes in a second terminal follow the presenter through three
    /// components, show what the projector hides, and keep following when either side restarts.
    func testNotesFollowThePresenterThroughComponentsAndRestarts() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new p.dasf.json --models rag", in: directory).status, 0)
        XCTAssertEqual(Tmux.shell("'\(dasf!)' set p.dasf.json control 54 --owner 'Dana Reyes' --note 'ask Kim first'", in: directory).status, 0)
        let runtime = "XDG_RUNTIME_DIR='\(directory!)'"
        tmux.start("\(runtime) '\(dasf!)' notes p.dasf.json", session: "notes")
        tmux.waitFor("Waiting for the presenter", session: "notes")
        tmux.start("\(runtime) '\(dasf!)' present p.dasf.json", session: "pres")
        tmux.waitFor("PRESENTING", session: "pres")
        tmux.waitFor("On the projector: the map", session: "notes")
        for (number, point) in [("1", "Raw data arrives"), ("9", "Every request to the model"), ("12", "Identity, network, patching")] {
            for digit in number { tmux.keys(in: "pres", String(digit)) }
            tmux.keys(in: "pres", "Enter")
            tmux.waitFor("On the projector: component \(number) ", session: "notes")
            let notes = tmux.waitFor(point, session: "notes")
            XCTAssertTrue(notes.contains("Questions for the room"), notes)
            tmux.keys(in: "pres", "Escape")
            tmux.waitFor("On the projector: the map", session: "notes")
        }
        // The notes restart and pick up where the presenter is.
        tmux.keys(in: "pres", "9", "Enter")
        tmux.waitFor("On the projector: component 9 ", session: "notes")
        // A second notes window follows too; then the first one goes.
        tmux.start("\(runtime) '\(dasf!)' notes p.dasf.json", session: "notes2")
        let followed = tmux.waitFor("On the projector: component 9 ", session: "notes2")
        XCTAssertTrue(tmux.screen(session: "notes").contains("On the projector: component 9 "))
        tmux.kill(session: "notes")
        XCTAssertTrue(followed.contains("DASF 54: owner Dana Reyes; note: ask Kim first"), "the notes show what the room does not:\n\(followed)")
        XCTAssertFalse(tmux.screen(session: "pres").contains("Dana Reyes"), "the projector does not")
        // The presenter quits and comes back; the notes wait, then follow again.
        tmux.keys(in: "pres", "q")
        tmux.waitFor("EXIT=0", session: "pres")
        tmux.waitFor("Waiting for the presenter", session: "notes2")
        tmux.start("\(runtime) '\(dasf!)' present p.dasf.json", session: "pres2")
        tmux.waitFor("PRESENTING", session: "pres2")
        tmux.keys(in: "pres2", "1", "2", "Enter")
        tmux.waitFor("On the projector: component 12 ", session: "notes2")
        tmux.keys(in: "pres2", "q")
        tmux.keys(in: "notes2", "q")
        tmux.waitFor("EXIT=0", session: "notes2")
    }

    func testAHostileNoteIsShownAsTextAndSendsNoEscapes() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new h.dasf.json", in: directory).status, 0)
        let hostile = "$(printf 'x\\033]0;pwned\\007\\033[2J\\033[31mred')"
        XCTAssertEqual(Tmux.shell("'\(dasf!)' set h.dasf.json control 1 --note \"\(hostile)\"", in: directory).status, 0)
        tmux.start("'\(dasf!)' h.dasf.json")
        tmux.waitFor("DATA OPERATIONS")
        tmux.keys("c", "Enter")
        let screen = tmux.waitFor("Note: x^[]0;pwned^G^[[2J^[[31mred")
        XCTAssertTrue(screen.contains("SSO with IdP and MFA"), "the rest of the screen is intact")
        XCTAssertFalse(tmux.screen(escapes: true).contains("pwned\u{07}"))
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
    }

    func testReadOnlyChangesNothing() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new ro.dasf.json", in: directory).status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: directory + "/ro.dasf.json"))
        tmux.start("'\(dasf!)' --readonly ro.dasf.json")
        tmux.waitFor("READ-ONLY")
        tmux.keys("c", "Space")
        tmux.waitFor("read-only: opened with --readonly, edits are disabled")
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory + "/ro.dasf.json")), before)
    }

    /// Another writer saves while the map is open: the map shows their change within about a
    /// second, and the next edit here lands beside it.
    func testAFileChangedOnDiskIsReloadedAndTheNextEditMerges() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new c.dasf.json", in: directory).status, 0)
        tmux.start("'\(dasf!)' --author Me c.dasf.json")
        tmux.waitFor("DATA OPERATIONS")
        XCTAssertEqual(Tmux.shell("'\(dasf!)' set c.dasf.json control 2 --owner Them --author Ana", in: directory).status, 0)
        tmux.waitFor("reloaded: 1 change by Ana")
        tmux.keys("c", "Down")
        tmux.waitFor("Them")
        tmux.keys("Up", "Space")
        tmux.waitFor("DASF 1: planned")
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
        let json = try status("c.dasf.json")
        XCTAssertEqual(controlStatus(json, "DASF 1"), "planned")
        XCTAssertEqual((json["controls"] as? [[String: Any]])?.first { $0["id"] as? String == "DASF 2" }?["owner"] as? String, "Them")
        let journal = Tmux.shell("'\(dasf!)' journal c.dasf.json", in: directory).output
        XCTAssertTrue(journal.contains("Ana") && journal.contains("Me"), journal)
    }

    /// The file is damaged on disk while edits are waiting: it is not overwritten, and the edits
    /// are kept in a copy that holds the journal too.
    func testAFileDamagedOnDiskIsNotOverwrittenAndTheCopyHoldsTheJournal() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new c.dasf.json", in: directory).status, 0)
        tmux.start("'\(dasf!)' --author Me c.dasf.json")
        tmux.waitFor("DATA OPERATIONS")
        XCTAssertEqual(Tmux.shell("printf '{\"half\": ' > c.dasf.json", in: directory).status, 0)
        tmux.waitFor("changed on disk but cannot be read")
        tmux.keys("c", "Space")
        tmux.waitFor("NOT SAVED")
        tmux.keys("q")
        let screen = tmux.waitFor("EXIT=1")
        XCTAssertTrue(screen.replacingOccurrences(of: "\n", with: "").contains("your version, with its journal, is in c.dasf.json.unsaved-"), screen)
        XCTAssertEqual(try String(contentsOfFile: directory + "/c.dasf.json", encoding: .utf8), "{\"half\": ", "the damaged file was left alone")
        let copies = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("c.dasf.json.unsaved-") }
        XCTAssertEqual(copies.count, 1)
        XCTAssertEqual(controlStatus(try status(copies[0]), "DASF 1"), "planned", "our edit is in the copy")
        let journal = Tmux.shell("'\(dasf!)' journal \(copies[0])", in: directory).output
        XCTAssertTrue(journal.contains("Me") && journal.contains("DASF 1"), journal)
    }

    /// The file is damaged while the map is open, an edit cannot be saved, then the file is
    /// repaired with someone else's change: the edit is saved, merged with theirs, not reloaded over.
    func testAnEditThatCouldNotBeSavedLandsWhenTheFileIsRepaired() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new r.dasf.json && cp r.dasf.json good && '\(dasf!)' set good control 2 --owner Ana --author Ana", in: directory).status, 0)
        tmux.start("'\(dasf!)' --author Me r.dasf.json")
        tmux.waitFor("DATA OPERATIONS")
        XCTAssertEqual(Tmux.shell("printf '{' > r.dasf.json", in: directory).status, 0)
        tmux.waitFor("changed on disk but cannot be read")
        tmux.keys("c", "Space")
        tmux.waitFor("NOT SAVED")
        XCTAssertEqual(Tmux.shell("cp good r.dasf.json", in: directory).status, 0)
        tmux.waitFor("merged 1 change by Ana saved meanwhile")
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
        let json = try status("r.dasf.json")
        XCTAssertEqual(controlStatus(json, "DASF 1"), "planned", "the edit made while the file was damaged")
        XCTAssertEqual((json["controls"] as? [[String: Any]])?.first { $0["id"] as? String == "DASF 2" }?["owner"] as? String, "Ana")
    }

    /// A writable file in a folder the user may not write (so it cannot be replaced atomically)
    /// opens read-only and says why, instead of failing on the first save. Run as an unprivileged
    /// user, which needs root (as CI has) and setpriv.
    func testAFileInAFolderThatCannotBeWrittenOpensReadOnly() throws {
        try XCTSkipUnless(geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv")
        XCTAssertEqual(Tmux.shell("mkdir ro && '\(dasf!)' new ro/f.dasf.json && chmod 666 ro/f.dasf.json && chmod 755 ro .", in: directory).status, 0)
        let reachable = Tmux.shell("setpriv --reuid=65534 --regid=65534 --clear-groups /bin/sh -c \"test -x '\(dasf!)' && test -r ro/f.dasf.json\"", in: directory)
        try XCTSkipUnless(reachable.status == 0, "an unprivileged user cannot reach the binary or the test folder here")
        let before = try Data(contentsOf: URL(fileURLWithPath: directory + "/ro/f.dasf.json"))
        tmux.start("setpriv --reuid=65534 --regid=65534 --clear-groups '\(dasf!)' ro/f.dasf.json")
        tmux.waitFor("opened read-only: its folder is not writable")
        tmux.keys("c", "Space", "q")
        tmux.waitFor("EXIT=0")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory + "/ro/f.dasf.json")), before)
    }

    /// Ctrl-S saves now (flow control is off, so it does not freeze the terminal), and Ctrl-\\
    /// ends dasf like Ctrl-C, saving first, instead of sitting in the backtracer.
    func testCtrlSSavesAndCtrlBackslashQuitsSaving() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new s.dasf.json", in: directory).status, 0)
        tmux.start("'\(dasf!)' s.dasf.json")
        tmux.waitFor("DATA OPERATIONS")
        tmux.keys("C-s")
        tmux.waitFor("every change is already saved")
        tmux.keys("c", "Space")
        tmux.waitFor("DASF 1: planned")
        tmux.keys("C-s")
        tmux.waitFor("saved")
        XCTAssertEqual(controlStatus(try status("s.dasf.json"), "DASF 1"), "planned", "written on Ctrl-S")
        tmux.keys("Space")
        tmux.waitFor("DASF 1: in progress")
        tmux.keys("C-\\\\")
        tmux.waitFor("EXIT=0", seconds: 5)
        XCTAssertEqual(controlStatus(try status("s.dasf.json"), "DASF 1"), "in-progress", "the last edit was saved on Ctrl-\\")
    }

    /// A file without write permission is said to be read-only when it is opened (root could
    /// write it anyway, but its owner meant it to stay), and nothing rewrites it.
    func testAFileWithoutWritePermissionOpensReadOnly() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new r.dasf.json && chmod 0444 r.dasf.json", in: directory).status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: directory + "/r.dasf.json"))
        tmux.start("'\(dasf!)' r.dasf.json")
        tmux.waitFor("opened read-only: the file has no write permission")
        tmux.keys("c", "Space")
        tmux.waitFor("read-only")
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory + "/r.dasf.json")), before)
        let mode = try FileManager.default.attributesOfItem(atPath: directory + "/r.dasf.json")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o444)
    }

    /// The folder vanishes while edits are waiting: neither the file nor a copy beside it can
    /// be written, so the copy goes to the state folder, with its journal, and the screen said
    /// "not saved" once, not twice.
    /// Opens sub/g.dasf.json with `environment`, removes the folder, makes an edit (which cannot
    /// be saved) and quits; returns the screen after "NOT SAVED".
    @discardableResult
    func loseTheFolderWithAnEditWaiting(environment: String) -> String {
        XCTAssertEqual(Tmux.shell("mkdir sub && '\(dasf!)' new sub/g.dasf.json && touch blocker", in: directory).status, 0)
        tmux.start("\(environment) '\(dasf!)' --author Me sub/g.dasf.json")
        tmux.waitFor("DATA OPERATIONS")
        XCTAssertEqual(Tmux.shell("rm -rf sub", in: directory).status, 0)
        tmux.keys("c", "Space")
        let failed = tmux.waitFor("NOT SAVED")
        tmux.keys("q")
        return failed
    }

    func testEditsWithNowhereBesideTheFileGoToTheStateFolder() throws {
        let failed = loseTheFolderWithAnEditWaiting(environment: "XDG_STATE_HOME='\(directory!)/state'")
        XCTAssertFalse(failed.contains("not saved: not saved"), failed)
        let screen = tmux.waitFor("EXIT=1").replacingOccurrences(of: "\n", with: "")
        XCTAssertTrue(screen.contains("your version, with its journal, is in \(directory!)/state/dasf/g.dasf.json.unsaved-"), screen)
        let copies = try FileManager.default.contentsOfDirectory(atPath: directory + "/state/dasf")
        XCTAssertEqual(copies.count, 1)
        XCTAssertEqual(controlStatus(try status("state/dasf/" + copies[0]), "DASF 1"), "planned")
    }

    /// With no state folder either, dasf asks on the terminal where to put the edits.
    func testEditsWithNowhereAtAllAskForAPath() throws {
        loseTheFolderWithAnEditWaiting(environment: "XDG_STATE_HOME='\(directory!)/blocker/x' HOME='\(directory!)/blocker'")
        tmux.waitFor("Type a path")
        tmux.type("kept.dasf.json")
        tmux.keys("Enter")
        let screen = tmux.waitFor("EXIT=1").replacingOccurrences(of: "\n", with: "")
        XCTAssertTrue(screen.contains("is in kept.dasf.json"), screen)
        XCTAssertEqual(controlStatus(try status("kept.dasf.json"), "DASF 1"), "planned")
    }

    /// Issue 9: every distinct control of component 9 decided, starting from the map, in at
    /// most 80 keys (132 before): `:9` Enter, Tab for the component's controls, then a status
    /// key and a move per control. The keys are typed and counted here.
    func testDecidingEveryControlOfComponent9TakesAtMost80Keys() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new k9.dasf.json", in: directory).status, 0)
        tmux.start("'\(dasf!)' k9.dasf.json", width: 100, height: 30)
        tmux.waitFor("DATA OPERATIONS")
        var keys = 0
        func press(_ names: String...) {
            tmux.keys(names.joined(separator: " "))
            keys += names.count
        }
        press(":", "9", "Enter", "Tab")
        let screen = tmux.waitFor("controls for its 13 risks")
        let count = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("controls for its 13 risks") }
            .flatMap { Int($0.trimmingCharacters(in: .whitespaces).split(separator: " ")[0]) })
        for _ in 0..<count { press("4", "Down") }
        tmux.waitFor("\(count) implemented or not applicable")
        press("q")
        tmux.waitFor("EXIT=0")
        XCTAssertLessThanOrEqual(keys, 80, "keys typed")
        let json = try status("k9.dasf.json")
        let implemented = (json["controls"] as? [[String: Any]])?.filter { $0["status"] as? String == "implemented" }.count
        XCTAssertEqual(implemented, count, "every distinct control of component 9 decided")
    }

    /// Issue 9.8: TERM=dumb gets one clear line; the Linux console gets the ASCII symbols its
    /// font has.
    func testTerminalsThatCannotDrawEverything() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new t.dasf.json", in: directory).status, 0)
        tmux.start("TERM=dumb '\(dasf!)' t.dasf.json")
        let screen = tmux.waitFor("EXIT=1")
        XCTAssertTrue(screen.contains("this terminal (TERM=dumb) cannot draw the map; for text use: dasf status t.dasf.json"), screen)
        tmux.kill()
        tmux = Tmux(directory: directory)
        tmux.start("TERM=linux '\(dasf!)' t.dasf.json")
        let map = tmux.waitFor("DATA OPERATIONS")
        XCTAssertFalse(map.contains("◐") || map.contains("✗"), map)
        XCTAssertTrue(map.contains("X"), map)
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
    }

    func testCtrlCSavesTheLastEditAndRestoresTheTerminal() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new i.dasf.json", in: directory).status, 0)
        tmux.start("'\(dasf!)' i.dasf.json")
        tmux.waitFor("DATA OPERATIONS")
        tmux.keys("c", "Space")
        tmux.waitFor("DASF 1: planned")
        tmux.keys("C-c")
        tmux.waitFor("EXIT=0")
        XCTAssertEqual(controlStatus(try status("i.dasf.json"), "DASF 1"), "planned")
    }
}

extension EndToEndTests {
    func testNoColorSendsNoColourAndAsciiDrawsPlainCharacters() throws {
        tmux.start("NO_COLOR=1 '\(dasf!)' --ascii n.dasf.json")
        tmux.waitFor("DATA OPERATIONS")
        let screen = tmux.screen(escapes: true)
        // tmux writes 39/49 (default colours) everywhere; a real colour is 30-37, 40-47, 38;… or 48;….
        let colour = try NSRegularExpression(pattern: "\u{1B}\\[([0-9]+;)*(3[0-7]|4[0-7]|38|48)[;m]")
        XCTAssertEqual(colour.numberOfMatches(in: screen, range: NSRange(screen.startIndex..., in: screen)), 0, "no colour codes")
        XCTAssertTrue(screen.contains("\u{1B}[7m"), "reverse video still marks the title bar")
        XCTAssertTrue(tmux.screen().contains("+-"), "ASCII box corners")
        XCTAssertFalse(tmux.screen().contains("┌"))
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
    }
}

extension EndToEndTests {
    func testAMistypedNameCreatesNothingAndADamagedFileIsRefused() throws {
        tmux.start("'\(dasf!)' clams")
        let screen = tmux.waitFor("EXIT=1")
        XCTAssertTrue(screen.contains("dasf: clams: no such file (dasf new clams creates one)"), screen)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/clams"))
        tmux.kill()
        _ = FileManager.default.createFile(atPath: directory + "/bad.dasf.json", contents: Data("{\"format\": \"dasf-assessment\", \"sch".utf8))
        tmux = Tmux(directory: directory)
        tmux.start("'\(dasf!)' bad.dasf.json")
        XCTAssertTrue(tmux.waitFor("EXIT=1").contains("dasf: bad.dasf.json: truncated"))
        XCTAssertEqual(try String(contentsOfFile: directory + "/bad.dasf.json", encoding: .utf8), "{\"format\": \"dasf-assessment\", \"sch")
    }
}

extension EndToEndTests {
    /// A short workshop: use case, RAG, three risks walked and decided, an owner, one undo.
    func testAShortWorkshop() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new ws.dasf.json", in: directory).status, 0)
        tmux.start("'\(dasf!)' --author Dana ws.dasf.json", width: 110, height: 34)
        tmux.waitFor("DATA OPERATIONS")
        // 1. The use case.
        tmux.keys("U")
        tmux.waitFor("Step 1: the use case")
        tmux.keys("Enter", "C-u")
        tmux.type("Claims triage")
        tmux.keys("Enter")
        tmux.waitFor("use case: title set")
        tmux.keys("Down", "Enter")
        tmux.type("Priya")
        tmux.keys("Enter")
        tmux.waitFor("use case: business owner set")
        // 2. RAG only.
        tmux.keys("s", "Down", "Space")
        tmux.waitFor("scope: rag")
        // 3. Walk three risks and decide them.
        tmux.keys("w")
        tmux.waitFor("Guided walk: risk 1 of 34")
        tmux.keys("a")
        tmux.waitFor("assessed: it applies")
        tmux.keys("Right", "x")
        tmux.waitFor("Why does risk")
        tmux.type("no raw customer data here")
        tmux.keys("Enter")
        tmux.waitFor("not applicable")
        tmux.keys("Right", "t")
        tmux.waitFor("Why accept risk")
        tmux.type("covered by the vendor contract")
        tmux.keys("Enter")
        tmux.waitFor(": accept")
        // 5. An owner, then undo it.
        tmux.keys("c", "o")
        tmux.waitFor("Owner of DASF 1")
        tmux.type("Lee")
        tmux.keys("Enter")
        tmux.waitFor("DASF 1: owner Lee")
        tmux.keys("u")
        tmux.waitFor("undone: control DASF 1 owner: Lee → (none)")
        tmux.keys("q")
        tmux.waitFor("EXIT=0")

        let json = try status("ws.dasf.json")
        XCTAssertEqual(json["title"] as? String, "Claims triage")
        XCTAssertEqual((json["useCase"] as? [String: Any])?["businessOwner"] as? String, "Priya")
        XCTAssertEqual((json["scope"] as? [String: Any])?["deploymentModels"] as? [String], ["rag"])
        let risks = try XCTUnwrap(json["risks"] as? [[String: Any]]).filter { $0["state"] as? String != "out-of-scope" }
        XCTAssertEqual(risks[0]["assessed"] as? Bool, true)
        XCTAssertEqual(risks[0]["state"] as? String, "open")
        XCTAssertEqual(risks[1]["state"] as? String, "not-applicable")
        XCTAssertEqual(risks[2]["state"] as? String, "accepted")
        XCTAssertEqual((json["totals"] as? [String: Any])?["assessed"] as? Int, 2, "two in scope decided; the third is not applicable")
        let dasf1 = (json["controls"] as? [[String: Any]])?.first { $0["id"] as? String == "DASF 1" }
        XCTAssertNil(dasf1?["owner"], "the owner was undone")
        let journal = Tmux.shell("'\(dasf!)' journal ws.dasf.json", in: directory).output
        XCTAssertTrue(journal.contains("Dana  use case business owner: (none) → Priya"), journal)
        XCTAssertTrue(journal.contains("Dana  control DASF 1 owner: (none) → Lee"))
        XCTAssertTrue(journal.contains("Dana  control DASF 1 owner: Lee → (none)  (undo)"))
    }
}

extension EndToEndTests {
    /// A reviewer opens someone's file read-only, comments, writes the reports, and changes nothing else.
    func testAReviewerCommentsOnAReadOnlyFileAndWritesTheReports() throws {
        XCTAssertEqual(Tmux.shell("'\(dasf!)' new rv.dasf.json --title Claims", in: directory).status, 0)
        tmux.start("'\(dasf!)' --readonly --review --author Rae rv.dasf.json")
        tmux.waitFor("READ-ONLY (comments allowed)")
        tmux.type(":")
        tmux.waitFor("Jump to")
        tmux.type("9.1")
        tmux.keys("Enter")
        tmux.waitFor("9.1  Prompt inject")
        tmux.keys("Space")
        tmux.waitFor("read-only: opened with --readonly, edits are disabled")
        tmux.keys("C")
        tmux.waitFor("Comment on risk 9.1")
        tmux.type("why is this open?")
        tmux.keys("Enter")
        tmux.waitFor("Comment c1: Rae")
        tmux.keys("R")
        tmux.waitFor("wrote rv.report.md and rv.report.html")
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
        let json = try status("rv.dasf.json")
        XCTAssertEqual((json["comments"] as? [[String: Any]])?.first?["text"] as? String, "why is this open?")
        XCTAssertEqual((json["controls"] as? [[String: Any]])?.filter { $0["status"] as? String != "not-started" }.count, 0, "nothing else changed")
        let markdown = try String(contentsOfFile: directory + "/rv.report.md", encoding: .utf8)
        XCTAssertTrue(markdown.contains("- risk 9.1, Rae ("))
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/rv.report.html"))
    }
}
