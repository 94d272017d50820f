import ArgumentParser
import DASFEngine
import DASFImport
import DASFReport
import DASFStore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a report: Markdown for the CISO, self-contained HTML, CSV registers, or everything as JSON.",
        discussion: """
              dasf report a.dasf.json --format md -o summary.md
              dasf report a.dasf.json --format html -o report.html   (an inline SVG map)
              dasf report a.dasf.json --format csv --table controls -o controls.csv
              dasf report a.dasf.json --format md --audience executive --hide-na
            Without -o the report goes to standard output. Every report escapes what it embeds.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, html, csv, json }

    @Argument(help: "The save file (- reads standard input).", completion: .file(extensions: ["json"])) var file: String
    @Option(name: .long, help: "md, html, csv or json.") var format: Format = .md
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of standard output (- is standard output).", valueName: "path"))
    var output: String?
    @Option(name: .long, help: "For csv: which register.") var table: TableWord = .risks
    @Flag(name: .customLong("hide-na"), help: "Leave out risks that are not applicable or out of scope.") var hideNA = false
    @Flag(name: .customLong("hide-empty"), help: "Leave out sections with nothing in them.") var hideEmpty = false
    @Option(name: .long, help: "executive (a summary), register (everything) or room (the registers without owners, people, notes, evidence, comments or journal authors: a handout).")
    var audience: AudienceWord = .register
    @Flag(name: .customLong("no-bom"), help: "For csv: leave out the UTF-8 byte-order mark that spreadsheets read the encoding from.") var noBOM = false
    @Option(name: .long, help: ArgumentHelp("Judge staleness on this day (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var today: String?
    @OptionGroup var source: CatalogOption

    func validate() throws {
        if let today, !CalendarDate.isValid(today) { throw ValidationError("--today takes a date as YYYY-MM-DD") }
    }

    func run() throws {
        try reportingFailures {
            // Only the JSON report carries the journal; the others step over it unread.
            let document = try source.open(file, journal: format == .json)
            document.warnings.forEach(Console.warn)
            let input = ReportInput(
                catalog: document.catalog, assessment: document.assessment, journal: format == .json ? try document.journalEntries() : [], today: today ?? Author.today(),
                options: .init(hideNotApplicable: hideNA, hideEmpty: hideEmpty, audience: audience.audience,
                              hidden: UserSettings.current.hiddenInRoom ?? Set(PrivateField.allCases)))
            let text: String
            switch format {
            case .md: text = MarkdownReport.render(input)
            case .html: text = HTMLReport.render(input)
            case .csv: text = CSVReport.render(input, table: table.table, byteOrderMark: !noBOM)
            case .json:
                do { text = try JSONReport.render(input) } catch { throw StoreError(path: file, kind: .invalid, reason: "\(error)") }
            }
            if let output {
                try DurableWrite.write(Data(text.utf8), to: output)
                if output != "-" { Console.out("wrote \(output)") }
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}

/// Reports written beside a save file, for the map's `R` key.
enum ReportFiles {
    /// "claims.dasf.json" → "claims.report".
    static func base(for path: String) -> String {
        for suffix in [".dasf.json", ".json"] where path.hasSuffix(suffix) { return String(path.dropLast(suffix.count)) + ".report" }
        return path + ".report"
    }

    /// Writes the Markdown and HTML reports and says where, or why not. Neither shows the journal.
    static func write(for path: String, catalog: Catalog, assessment: Assessment) -> String {
        let input = ReportInput(catalog: catalog, assessment: assessment, today: Author.today())
        let base = base(for: path)
        do {
            try DurableWrite.write(Data(MarkdownReport.render(input).utf8), to: base + ".md")
            try DurableWrite.write(Data(HTMLReport.render(input).utf8), to: base + ".html")
            return "wrote \(base).md and \(base).html"
        } catch {
            return "report not written: \(error.reason)"
        }
    }
}
