import Foundation
import XCTest

/// Issue 12.1: real git, two clones of a repository of assessments edited apart, pulls merged
/// through dasf's driver, a conflict settled on the map, readable diffs in git diff and log -p.
extension EndToEndTests {
    /// git with a fixed identity and no user or system configuration of this machine.
    func git(_ arguments: String, in folder: String) -> (status: Int32, output: String) {
        let env = "GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=t@example.test "
            + "GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=t@example.test"
        return Tmux.shell("\(env) git \(arguments)", in: directory + "/" + folder)
    }

    func run(_ command: String, in folder: String) -> (status: Int32, output: String) {
        Tmux.shell("GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null '\(dasf!)' \(command)", in: directory + "/" + folder)
    }

    /// A bare origin with one assessment, and clones a and b, each set up with `dasf git setup`.
    func makeRepositories() throws {
        XCTAssertEqual(Tmux.shell("git init -q --bare -b main origin.git && git init -q -b main seed", in: directory).status, 0)
        XCTAssertEqual(run("git setup", in: "seed").status, 0)
        XCTAssertEqual(run("new s.dasf.json --title 'Claims triage'", in: "seed").status, 0)
        XCTAssertEqual(git("add s.dasf.json .gitattributes && git commit -qm start && git remote add origin ../origin.git && git push -q origin main",
                           in: "seed").status, 0)
        for clone in ["a", "b"] {
            XCTAssertEqual(Tmux.shell("git clone -q origin.git \(clone)", in: directory).status, 0)
            let setup = run("git setup", in: clone)
            XCTAssertEqual(setup.status, 0, setup.output)
        }
    }

    func testTwoClonesMergeThroughTheDriverAndKeepBothJournals() throws {
        try makeRepositories()
        XCTAssertEqual(run("set s.dasf.json control 1 --status implemented --owner Dana", in: "a").status, 0)
        XCTAssertEqual(git("commit -qam 'a: DASF 1' && git push -q origin main", in: "a").status, 0)
        XCTAssertEqual(run("set s.dasf.json control 3 --status planned", in: "b").status, 0)
        XCTAssertEqual(run("set s.dasf.json risk 9.1 --treatment accept --rationale 'vendor covers it'", in: "b").status, 0)
        XCTAssertEqual(git("commit -qam 'b: DASF 3, 9.1'", in: "b").status, 0)
        let pull = git("pull -q --no-rebase --no-edit origin main", in: "b")
        XCTAssertEqual(pull.status, 0, pull.output)
        let status = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run("status s.dasf.json --format json", in: "b").output.utf8)) as? [String: Any])
        XCTAssertEqual(controlStatus(status, "DASF 1"), "implemented")
        XCTAssertEqual(controlStatus(status, "DASF 3"), "planned")
        XCTAssertEqual((status["controls"] as? [[String: Any]])?.first { $0["id"] as? String == "DASF 1" }?["owner"] as? String, "Dana")
        XCTAssertEqual((status["risks"] as? [[String: Any]])?.first { $0["id"] as? String == "9.1" }?["treatment"] as? String, "accept")
        XCTAssertEqual((status["git"] as? [String: Any])?["branch"] as? String, "main")
        XCTAssertEqual((status["git"] as? [String: Any])?["uncommitted"] as? Bool, false, "the merge commit holds the merged file")
        let journal = run("journal s.dasf.json", in: "b").output
        for line in ["control DASF 1 status: not-started → implemented", "control DASF 3 status: not-started → planned", "risk 9.1 treatment: mitigate → accept"] {
            XCTAssertTrue(journal.contains(line), "\(line)\n\(journal)")
        }
        // The history reads as fields, not JSON.
        let log = git("log -p -1 --format=%s origin/main -- s.dasf.json", in: "b").output
        XCTAssertTrue(log.contains("+control DASF 1 status: implemented") && log.contains("+control DASF 1 owner: Dana"), log)
        XCTAssertFalse(log.contains("\"status\""), log)
        let show = git("show HEAD~1 -- s.dasf.json", in: "b").output
        XCTAssertTrue(show.contains("+risk 9.1 treatment: accept"), show)
        // git diff: dasf's own diff, counts and fields.
        XCTAssertEqual(run("set s.dasf.json control 5 --status implemented", in: "b").status, 0)
        let diff = git("diff -- s.dasf.json", in: "b").output
        XCTAssertTrue(diff.contains("dasf diff a/s.dasf.json b/s.dasf.json") && diff.contains("control DASF 5 status: not-started → implemented"), diff)
        XCTAssertEqual(git("status --porcelain", in: "b").output, " M s.dasf.json\n", "the .bak each save keeps is not offered to git")
    }

    func testAConflictShowsInGitAndIsSettledOnTheMap() throws {
        try makeRepositories()
        XCTAssertEqual(run("set s.dasf.json control 2 --owner Dana", in: "a").status, 0)
        XCTAssertEqual(git("commit -qam 'a: owner Dana' && git push -q origin main", in: "a").status, 0)
        XCTAssertEqual(run("set s.dasf.json control 2 --owner Sam", in: "b").status, 0)
        XCTAssertEqual(run("set s.dasf.json control 7 --status implemented", in: "b").status, 0)
        XCTAssertEqual(git("commit -qam 'b: owner Sam'", in: "b").status, 0)
        let pull = git("pull -q --no-rebase --no-edit origin main", in: "b")
        XCTAssertNotEqual(pull.status, 0, "git is told there is a conflict")
        XCTAssertTrue(pull.output.contains("1 conflict") && pull.output.contains("control DASF 2 owner"), pull.output)
        XCTAssertEqual(git("status --porcelain", in: "b").output, "UU s.dasf.json\n")
        let before = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run("status s.dasf.json --format json", in: "b").output.utf8)) as? [String: Any])
        XCTAssertEqual((before["git"] as? [String: Any])?["conflicted"] as? Bool, true)
        XCTAssertEqual(controlStatus(before, "DASF 7"), "implemented", "what did not conflict is merged")

        tmux.start("cd b && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null '\(dasf!)' s.dasf.json")
        tmux.waitFor("1 merge conflict to settle")
        tmux.waitFor("git main, conflicted")
        tmux.keys("!")
        tmux.waitFor("control DASF 2 owner")
        tmux.keys("T")
        tmux.waitFor("took theirs")
        tmux.waitFor("saved", seconds: 5)
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
        XCTAssertEqual(git("add s.dasf.json && git commit -qm 'settled' && git status --porcelain", in: "b").output, "")
        let after = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run("status s.dasf.json --format json", in: "b").output.utf8)) as? [String: Any])
        XCTAssertEqual((after["controls"] as? [[String: Any]])?.first { $0["id"] as? String == "DASF 2" }?["owner"] as? String, "Dana")
        XCTAssertEqual((after["conflicts"] as? [Any])?.count, 0)
    }

    func testSetupIsIdempotentAndADryRunWritesNothing() throws {
        XCTAssertEqual(Tmux.shell("git init -q -b main r", in: directory).status, 0)
        let dry = run("git setup --dry-run", in: "r")
        XCTAssertTrue(dry.output.contains("would: ") && dry.output.contains("merge.dasf.driver"), dry.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/r/.gitattributes"))
        XCTAssertEqual(git("config --get merge.dasf.driver", in: "r").output, "")
        XCTAssertEqual(run("git setup", in: "r").status, 0)
        let attributes = try String(contentsOfFile: directory + "/r/.gitattributes", encoding: .utf8)
        let config = try String(contentsOfFile: directory + "/r/.git/config", encoding: .utf8)
        let again = run("git setup", in: "r")
        XCTAssertTrue(again.output.contains("already has *.dasf.json merge=dasf diff=dasf"), again.output)
        XCTAssertEqual(try String(contentsOfFile: directory + "/r/.gitattributes", encoding: .utf8), attributes)
        XCTAssertEqual(try String(contentsOfFile: directory + "/r/.git/config", encoding: .utf8), config)
        XCTAssertEqual(attributes, "*.dasf.json merge=dasf diff=dasf\n")
        XCTAssertTrue(git("config --get merge.dasf.driver", in: "r").output.hasSuffix(" merge %O %A %B --path %P\n"))
        XCTAssertNotEqual(run("git setup", in: ".").status, 0, "outside a repository it says so")
    }

    /// Issue 12.2: open a system from the portfolio, tick a control on its map, come back to the
    /// same place and see its cell change.
    func testOpenASystemFromThePortfolioTickAControlAndSeeTheCellChange() throws {
        XCTAssertEqual(Tmux.shell("mkdir -p team && '\(dasf!)' new team/fraud.dasf.json --title 'Fraud scoring' --models predictive-ml && "
                                  + "'\(dasf!)' new team/claims.dasf.json --title 'Claims triage' --models rag", in: directory).status, 0)
        tmux.start("'\(dasf!)' portfolio", width: 100, height: 30)
        tmux.waitFor("2 systems")
        tmux.keys("/")
        tmux.type("Fraud")
        tmux.keys("Enter")
        tmux.waitFor("filter: \"Fraud\"")
        tmux.keys("1")
        let before = tmux.waitFor("Fraud scoring · 1 Raw data: 11 open")
        XCTAssertTrue(before.contains("✗11"), before)
        tmux.keys("Enter")
        tmux.waitFor("1  Raw data")
        tmux.keys(":")
        tmux.type("d1")
        tmux.keys("Enter")
        tmux.waitFor("DASF 1  ")
        tmux.keys("4")
        tmux.waitFor("DASF 1: implemented")
        tmux.keys("Escape", "Escape")
        tmux.waitFor("DATA OPERATIONS")
        tmux.keys("Escape")
        let after = tmux.waitFor("dasf portfolio")
        XCTAssertTrue(after.contains("Fraud scoring · 1 Raw data: ") && !after.contains("1 Raw data: 11 open"), "same place, new count\n\(after)")
        XCTAssertFalse(after.contains("✗11"), after)
        tmux.keys("q")
        tmux.waitFor("EXIT=0")
        XCTAssertEqual(controlStatus(try status("team/fraud.dasf.json"), "DASF 1"), "implemented")
    }
}
