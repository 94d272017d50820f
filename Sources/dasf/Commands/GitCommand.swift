import ArgumentParser
import DASFEngine
import DASFStore
import Foundation

/// `dasf git …`: git made to understand save files, so sharing, history, branches and review
/// happen where the team's work already lives, with no server of ours.
struct GitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git",
        abstract: "Teach git to merge and diff save files (dasf git setup).",
        subcommands: [GitSetupCommand.self, GitTextconvCommand.self, GitDiffDriverCommand.self]
    )
}

/// `dasf git setup`: the attributes line and the driver configuration, written idempotently.
struct GitSetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Configure git to merge and diff *.dasf.json with dasf (this repository, or --global).",
        discussion: """
            Writes `*.dasf.json merge=dasf diff=dasf` to the repository's .gitattributes (with --global, \
            to git's global attributes file) and sets, in the repository's config (or the global one):

              merge.dasf.name     = dasf assessment merge
              merge.dasf.driver   = dasf merge %O %A %B --path %P
              diff.dasf.command   = dasf git diff-driver
              diff.dasf.textconv  = dasf git textconv

            A pull or merge then merges save files field by field (a field both sides changed is kept \
            both ways for the map's ! screen, and git is told the file is in conflict); `git diff` prints \
            dasf's diff; `git log -p` and `git show` print a readable line per field (git uses the \
            textconv there unless --ext-diff is given). Running it again changes nothing. See \
            docs/git.md to write the same by hand.
            """
    )

    @Flag(name: .long, help: "Configure git for every repository of yours (~/.gitconfig and the global attributes file).") var global = false
    @Flag(name: .customLong("dry-run"), help: "Print what would be written; write nothing.") var dryRun = false
    @Option(name: .long, help: ArgumentHelp("How git should run dasf (default: dasf when that is this program on PATH, else its full path).", valueName: "command"))
    var command: String?

    func run() throws {
        try reportingFailures {
            let program = command ?? Git.programName()
            let attributes = try attributesFile()
            let line = Git.attributesLine
            let existing = (try? String(contentsOfFile: attributes, encoding: .utf8)) ?? ""
            let hasLine = existing.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == line }
            let settings = Git.settings(program: program)
            let scope = global ? ["--global"] : []
            var planned: [String] = []
            if hasLine { planned.append("\(attributes): already has \(line)") } else { planned.append("\(attributes): add \(line)") }
            for (key, value) in settings {
                let current = Git.run(["config"] + scope + ["--get", key]).output.trimmingCharacters(in: .newlines)
                planned.append(current == value ? "git config\(global ? " --global" : "") \(key): already \(value)"
                                                : "git config\(global ? " --global" : "") \(key) \"\(value)\"")
            }
            if dryRun {
                planned.forEach { Console.out("would: " + $0) }
                return
            }
            if !hasLine {
                let text = existing.isEmpty || existing.hasSuffix("\n") ? existing + line + "\n" : existing + "\n" + line + "\n"
                try FileManager.default.createDirectory(atPath: (attributes as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try DurableWrite.write(Data(text.utf8), to: attributes)
            }
            if !global, let exclude = Git.excludeFile() {
                // The copy each save keeps beside the file is for this machine, never a commit.
                let text = (try? String(contentsOfFile: exclude, encoding: .utf8)) ?? ""
                if !text.split(separator: "\n").contains(where: { $0 == Substring(Git.backupPattern) }) {
                    try FileManager.default.createDirectory(atPath: (exclude as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    let kept = text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
                    try DurableWrite.write(Data((kept + Git.backupPattern + "\n").utf8), to: exclude)
                    planned.append("\(exclude): added \(Git.backupPattern)")
                }
            }
            for (key, value) in settings {
                let result = Git.run(["config"] + scope + [key, value])
                if result.status != 0 { throw ValidationError("git config \(key) failed: \(result.output)") }
            }
            planned.forEach { Console.out($0.replacingOccurrences(of: ": add ", with: ": added ")) }
        }
    }

    /// The repository's .gitattributes, or git's global attributes file.
    func attributesFile() throws -> String {
        if global {
            let configured = Git.run(["config", "--global", "--get", "core.attributesFile"]).output.trimmingCharacters(in: .newlines)
            if !configured.isEmpty { return (configured as NSString).expandingTildeInPath }
            let base = ProcessEnvironment.values["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
            return base + "/git/attributes"
        }
        let top = Git.run(["rev-parse", "--show-toplevel"])
        guard top.status == 0 else { throw ValidationError("not inside a git repository (run it in one, or use --global)") }
        return top.output.trimmingCharacters(in: .newlines) + "/.gitattributes"
    }
}

/// `dasf git textconv FILE`: a save file as one readable line per field, with the counts per
/// component, for `git log -p` and `git show`.
struct GitTextconvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "textconv", abstract: "A save file as readable lines (git's diff.dasf.textconv).",
                                                    shouldDisplay: false)

    @Argument var file: String

    func run() throws {
        // git shows what this prints, so a file dasf cannot read is shown as it is.
        guard let document = try? AssessmentDocument.open(file, using: nil, readOverlay: Git.noOverlay) else {
            FileHandle.standardOutput.write((try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data())
            return
        }
        Console.out(Git.readableLines(document).joined(separator: "\n"))
    }
}

/// `dasf git diff-driver PATH OLD OLD-HEX OLD-MODE NEW NEW-HEX NEW-MODE`: git's external diff.
struct GitDiffDriverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff-driver", abstract: "dasf's diff of two versions (git's diff.dasf.command).",
                                                    shouldDisplay: false)

    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    func run() throws {
        // git stops on a failing external diff, so this always exits 0 and says what it could.
        guard arguments.count >= 5 else { Console.out("dasf git diff-driver: expected git's seven arguments"); return }
        let path = arguments[0], old = arguments[1], new = arguments[4]
        Console.out("dasf diff a/\(PlainText.clean(path)) b/\(PlainText.clean(path))")
        func open(_ file: String) -> AssessmentDocument? {
            file == "/dev/null" ? nil : try? AssessmentDocument.open(file, using: nil, readOverlay: Git.noOverlay)
        }
        let a = open(old), b = open(new)
        switch (a, b) {
        case (nil, let b?):
            Console.out(old == "/dev/null" ? "new assessment" : "(the earlier version is not a save file this dasf reads)")
            Console.out(Git.readableLines(b).map { "+ " + $0 }.joined(separator: "\n"))
        case (let a?, nil):
            Console.out(new == "/dev/null" ? "assessment removed" : "(the later version is not a save file this dasf reads)")
            Console.out(Git.readableLines(a).map { "- " + $0 }.joined(separator: "\n"))
        case (let a?, let b?):
            let diff = AssessmentDiff(before: a.assessment, beforeCatalog: a.catalog, after: b.assessment, afterCatalog: b.catalog, today: Author.today())
            Console.out(DiffCommand.text(diff, before: "a/" + path, after: "b/" + path))
        case (nil, nil):
            Console.out("(neither version is a save file this dasf reads)")
        }
    }
}

/// Running git, and what dasf tells it.
enum Git {
    static let attributesLine = "*.dasf.json merge=dasf diff=dasf"
    static let backupPattern = "*.dasf.json.bak"

    /// git hands the drivers temporary copies: the overlays they name are not beside them, and
    /// are not read (the diff is of the answers).
    static func noOverlay(_ path: String) throws -> Overlay {
        throw CatalogError(origin: path, problems: ["not read while diffing"])
    }

    /// This repository's own ignore list (.git/info/exclude), never committed.
    static func excludeFile() -> String? {
        let result = run(["rev-parse", "--git-path", "info/exclude"])
        guard result.status == 0 else { return nil }
        let path = result.output.trimmingCharacters(in: .newlines)
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    static func settings(program: String) -> [(String, String)] {
        [("merge.dasf.name", "dasf assessment merge"), ("merge.dasf.driver", "\(program) merge %O %A %B --path %P"),
         ("diff.dasf.command", "\(program) git diff-driver"), ("diff.dasf.textconv", "\(program) git textconv")]
    }

    /// "dasf" when the dasf on PATH is this very program, else this program's full path (quoted
    /// for git's shell when it has spaces).
    static func programName() -> String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? me
        for folder in (ProcessEnvironment.values["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("dasf").resolvingSymlinksInPath().path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate == own ? "dasf" : quoted(own) }
        }
        return quoted(own)
    }

    static func quoted(_ path: String) -> String {
        path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+".contains($0) } ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs git with `arguments`; its output (standard output and error together) and status.
    static func run(_ arguments: [String], in directory: String? = nil) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "git could not be run: \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// One line per field that has a value, in a stable order, then the counts per component:
    /// what a line diff of two versions makes readable.
    static func readableLines(_ document: AssessmentDocument) -> [String] {
        let fields = AssessmentFields.flatten(document.assessment)
        var lines = ["catalog: \(document.assessment.catalog.label)"]
        // The title and use case first, then risks and controls in id order.
        let first = ["title", "usecase/businessOwner", "usecase/description", "usecase/stakeholders", "scope"]
        for key in first.filter({ fields[$0] != nil }) + IDOrder.sorted(fields.keys.filter { !first.contains($0) }) {
            lines.append(PlainText.clean("\(AssessmentFields.label(key)): \(AssessmentFields.display(fields[key]))"))
        }
        let card = document.scorecard(today: Author.today())
        for summary in card.components where summary.totals.risks > 0 {
            let t = summary.totals
            lines.append(PlainText.clean("component \(summary.component.id) \(summary.component.name): \(t.inScope) in scope, \(t.open) open, \(t.partial) partial, \(t.mitigated) mitigated, \(t.accepted + t.transferred + t.avoided) treated"))
        }
        let t = card.overall
        lines.append("overall: \(t.inScope) in scope, \(t.open) open, \(t.partial) partial, \(t.mitigated) mitigated, \(t.accepted + t.transferred + t.avoided) treated")
        return lines
    }
}

/// Where a save file stands in git: for the map's status line and `dasf status`.
struct GitState: Encodable, Equatable {
    let branch: String
    /// Changed since the last commit (staged or not).
    let uncommitted: Bool
    /// Unmerged after a pull or merge: settle on the map (!), then git add.
    let conflicted: Bool
    let tracked: Bool

    /// "git main", "git main, uncommitted", "git main, conflicted", "git main, untracked".
    var summary: String {
        "git \(branch)" + (conflicted ? ", conflicted" : !tracked ? ", untracked" : uncommitted ? ", uncommitted" : "")
    }

    /// nil outside a repository or without git. Never takes git's index lock
    /// (--no-optional-locks), so it cannot get in the way of the person's own git.
    static func of(_ file: String) -> GitState? {
        let url = URL(fileURLWithPath: file)
        // No repository above the file: no git to run (a status of many files stays cheap).
        var folder = url.deletingLastPathComponent().standardizedFileURL.path
        while !FileManager.default.fileExists(atPath: folder + "/.git") {
            guard folder != "/" && !folder.isEmpty else { return nil }
            folder = (folder as NSString).deletingLastPathComponent
        }
        let result = Git.run(["--no-optional-locks", "status", "--porcelain=v2", "--branch", "--untracked-files=normal", "--", url.lastPathComponent],
                             in: url.deletingLastPathComponent().path)
        guard result.status == 0 else { return nil }
        var branch = "", oid = "", uncommitted = false, conflicted = false, tracked = true
        for line in result.output.split(separator: "\n") {
            if line.hasPrefix("# branch.head ") { branch = String(line.dropFirst(14)) }
            else if line.hasPrefix("# branch.oid ") { oid = String(line.dropFirst(13).prefix(7)) }
            else if line.hasPrefix("1 ") || line.hasPrefix("2 ") { uncommitted = true }
            else if line.hasPrefix("u ") { conflicted = true; uncommitted = true }
            else if line.hasPrefix("? ") { tracked = false }
        }
        if branch == "(detached)" { branch = "detached at \(oid)" }
        return GitState(branch: branch, uncommitted: uncommitted, conflicted: conflicted, tracked: tracked)
    }
}
