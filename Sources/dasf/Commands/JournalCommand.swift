import ArgumentParser
import DASFEngine
import DASFReport
import DASFStore
import Foundation

struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Print an assessment's journal: every change, when and by whom (the workshop's minutes).",
        discussion: "text is one line per change; md is Markdown minutes grouped by day; json is the entries as data."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, json }

    @Argument(help: "The save file (- reads standard input).", completion: .file(extensions: ["json"])) var file: String
    @Option(name: .long, help: "text, md or json.") var format: Format = .text
    @Option(name: .long, help: "Only entries by this author.") var author: String?

    struct EntryJSON: Encodable {
        let at, by, target, field: String
        let from, to: String?
        let undo: Bool
    }

    func run() throws {
        try reportingFailures {
            let saved = try SaveFile.open(file)
            let entries = try saved.journalEntries().filter { author == nil || $0.by == author }
            switch format {
            case .json:
                Console.json(try JSONText.encode(entries.map {
                    EntryJSON(at: $0.at, by: $0.by, target: $0.change.target, field: $0.change.field, from: $0.change.from, to: $0.change.to, undo: $0.undo)
                }))
            case .text:
                if entries.isEmpty { Console.out("\(file): no changes recorded yet"); return }
                Console.out(entries.map { "\($0.at)  \(PlainText.clean($0.by))  \(PlainText.clean($0.change.description))\($0.undo ? "  (undo)" : "")" }
                    .joined(separator: "\n"))
            case .md:
                Console.out(JournalMinutes.markdown(title: saved.assessment.title, entries: entries))
            }
        }
    }
}

/// The journal as Markdown minutes: a heading per day, a bullet per change, text escaped.
enum JournalMinutes {
    static func markdown(title: String, entries: [JournalEntry]) -> String {
        var lines = ["# Minutes: \(escape(title))", ""]
        if entries.isEmpty { lines.append("No changes recorded yet.") }
        var day = ""
        for entry in entries {
            let date = String(entry.at.prefix(10))
            if date != day {
                if !day.isEmpty { lines.append("") }
                day = date
                lines.append("## \(date)")
                lines.append("")
            }
            let time = entry.at.dropFirst(11).prefix(5)
            lines.append("- \(time) UTC, \(escape(entry.by)): \(escape(entry.change.description))\(entry.undo ? " _(undo)_" : "")")
        }
        return lines.joined(separator: "\n")
    }

    /// Control characters shown as "^[" first, then Markdown's active characters escaped.
    static func escape(_ text: String) -> String {
        Escaping.markdown(PlainText.clean(text))
    }
}
