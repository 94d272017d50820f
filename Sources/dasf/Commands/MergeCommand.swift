import ArgumentParser
import DASFEngine
import DASFStore
import Foundation

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge two copies edited apart (a reviewer's and yours) against the version both started from.",
        discussion: """
            Every change that does not conflict is taken, field by field. A field both sides changed \
            differently is a conflict: OUT keeps your value in place and records both, to settle on \
            the map (! lists conflicts; M keeps mine, T takes theirs). Journals are merged by time. \
            Without -o the result is written over MINE, as git's merge driver wants (dasf git setup \
            configures `dasf merge %O %A %B`). Exit status: 0 merged cleanly, 1 merged with conflicts \
            (the result written; git then marks the file as conflicted), 2 a file could not be used \
            (nothing written).
            """
    )

    @Argument(help: "The version both copies started from.", completion: .file(extensions: ["json"])) var base: String
    @Argument(help: "Your copy.", completion: .file(extensions: ["json"])) var mine: String
    @Argument(help: "Their copy.", completion: .file(extensions: ["json"])) var theirs: String
    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the merged assessment (a new file; - for standard output). Default: over MINE.", valueName: "path"))
    var output: String?
    @Option(name: .long, help: ArgumentHelp("The name git knows the file by (%P), for messages.", valueName: "path")) var path: String?

    @Option(name: .long, help: "text or json (the summary; with -o - the merged file is standard output either way).") var format: OutputFormat = .text

    func run() throws {
        let result: MergeResult
        let journal: [JournalEntry]
        do {
            let b = try SaveFile.open(base), m = try SaveFile.open(mine), t = try SaveFile.open(theirs)
            result = Assessment.merge(base: b.assessment, mine: m.assessment, theirs: t.assessment)
            journal = Assessment.mergeJournals(try m.journalEntries(), try t.journalEntries())
            if output == "-" {
                FileHandle.standardOutput.write(SaveFileFormat.encode(result.assessment, journal: journal))
            } else if let output {
                _ = try SaveFile.create(output, assessment: result.assessment, journal: journal)
            } else {
                // In place: git's merge driver reads the result from MINE.
                try DurableWrite.write(SaveFileFormat.encode(result.assessment, journal: journal), to: mine)
            }
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        let output = self.output ?? path ?? mine
        let (yours, others) = path == nil ? (mine, theirs) : ("yours", "theirs")
        var lines = ["merged into \(output): \(result.fromMine) change\(result.fromMine == 1 ? "" : "s") from \(yours), \(result.fromTheirs) from \(others), \(journal.count) journal entries"]
        if !result.conflicts.isEmpty {
            lines.append("\(result.conflicts.count) conflict\(result.conflicts.count == 1 ? "" : "s") (yours kept in place; settle them on the map with !):")
            for conflict in result.conflicts {
                lines.append("  \(conflict.label): base \(AssessmentFields.display(conflict.base)); mine \(AssessmentFields.display(conflict.mine)); theirs \(AssessmentFields.display(conflict.theirs))")
            }
        }
        if format == .json && output != "-" {
            Console.json(try JSONText.encode(CommandResult.MergedFiles(
                output: output, fromMine: result.fromMine, fromTheirs: result.fromTheirs, journalEntries: journal.count,
                conflicts: result.conflicts.map { .init(field: $0.field, base: $0.base, mine: $0.mine, theirs: $0.theirs) })))
        } else if output == "-" {
            // With -o - the merged file is standard output, so the summary goes to standard error.
            lines.forEach(Console.warn)
        } else {
            Console.out(lines.joined(separator: "\n"))
        }
        if !result.conflicts.isEmpty { throw ExitCode(1) }
    }
}
