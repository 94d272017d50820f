import ArgumentParser
import DASFEngine
import DASFImport
import DASFStore
import Foundation

/// `dasf catalog import`: a catalog of ours from the DASF compendium as Databricks publishes it.
struct CatalogImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Build a catalog from the DASF compendium: the workbook (.xlsx), or its two sheets as TSV or CSV.",
        discussion: """
            Give the workbook as Databricks publishes it, or its "AI Lifecycle Risks" and "Databricks AI \
            Mitigation Controls" sheets saved as TSV or CSV. Sheets and columns are found by their headers, so a later compendium with \
            more deployment models or rows works the same. Every inconsistency met (prefixed ids, the two \
            sheets disagreeing on a pair, a control naming a risk that does not exist, revision tags out of \
            order, …) is one lint line on standard error saying where it is and what was done; --strict \
            refuses instead. When the sheets disagree on a risk-control pair, --pairs says whose list counts.

              dasf catalog import DASF-compendium.xlsx -o dasf-mine.json
              dasf catalog import --risks risks.tsv --controls controls.tsv -o dasf-2.0-mine.json
              dasf my.dasf.json --catalog dasf-2.0-mine.json
            """
    )

    enum PairWord: String, ExpressibleByArgument, CaseIterable { case risks, controls, union }

    @Argument(help: "The compendium workbook (.xlsx); or give --risks and --controls.", completion: .file(extensions: ["xlsx"]))
    var workbook: String?
    @Option(name: .long, help: ArgumentHelp("The risks sheet, as TSV or CSV.", valueName: "path"), completion: .file(extensions: ["tsv", "csv", "txt"]))
    var risks: String?
    @Option(name: .long, help: ArgumentHelp("The controls sheet, as TSV or CSV.", valueName: "path"), completion: .file(extensions: ["tsv", "csv", "txt"]))
    var controls: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the catalog here (atomically; - for standard output).", valueName: "path")) var output: String
    @Option(name: .long, help: "Whose risk-control pairs count when the sheets disagree: risks (the risks sheet, default), controls, or union.")
    var pairs: PairWord = .risks
    @Flag(name: .long, help: "Refuse at the first inconsistency instead of repairing it.") var strict = false
    @Option(name: .long, help: "The catalog's id (default: dasf-imported).") var id = "dasf-imported"

    func validate() throws {
        if workbook == nil && (risks == nil || controls == nil) { throw ValidationError("give the workbook (.xlsx), or both --risks and --controls") }
        if workbook != nil && (risks != nil || controls != nil) { throw ValidationError("give the workbook or the two sheets, not both") }
    }

    func run() throws {
        try reportingFailures {
            let riskSheet: Sheet, controlSheet: Sheet
            if let workbook {
                guard let data = FileManager.default.contents(atPath: workbook) else {
                    throw StoreError(path: workbook, kind: .unreadable, reason: FileManager.default.fileExists(atPath: workbook) ? "cannot be read" : "no such file")
                }
                let name = (workbook as NSString).lastPathComponent
                do {
                    (riskSheet, controlSheet) = try Workbook.compendium(try Workbook.sheets(data, name: name), name: name)
                } catch {
                    // The reader names the file itself; the error line names it once.
                    let text = "\(error)"
                    throw StoreError(path: workbook, kind: .damaged, reason: text.hasPrefix(name + ": ") ? String(text.dropFirst(name.count + 2)) : text)
                }
            } else {
                riskSheet = try Self.sheet(risks ?? "")
                controlSheet = try Self.sheet(controls ?? "")
            }
            let source = workbook ?? risks ?? "the sheets"
            let result: CompendiumImport.Result
            do {
                result = try CompendiumImport.run(risks: riskSheet, controls: controlSheet,
                                                  options: .init(pairs: CompendiumImport.PairSource(rawValue: pairs.rawValue) ?? .risks, strict: strict, id: id))
            } catch {
                throw StoreError(path: source, kind: .invalid, reason: "\(error)")
            }
            for item in result.lint { Console.warn("lint: \(item)") }
            try DurableWrite.write(result.catalogJSON, to: output)
            let catalog = result.catalog
            let pairCount = catalog.risks.reduce(0) { $0 + $1.controls.count }
            let summary = "\(catalog.stages.count) stages, \(catalog.components.count) components, \(catalog.risks.count) risks, \(catalog.controls.count) controls, \(pairCount) risk-control pairs, \(catalog.deploymentModels.count) deployment models; \(result.lint.count) lint line\(result.lint.count == 1 ? "" : "s")"
            if output == "-" { Console.warn(summary) } else { Console.out("wrote \(output): \(summary)") }
        }
    }

    /// A delimited sheet: tabs when the first line has any, else commas.
    static func sheet(_ path: String) throws -> Sheet {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(path: path, kind: .unreadable, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw StoreError(path: path, kind: .damaged, reason: "not UTF-8 text (save the sheet as UTF-8 TSV or CSV)") }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        do {
            return try Sheet.delimited(text, separator: firstLine.contains("\t") ? "\t" : ",", name: (path as NSString).lastPathComponent)
        } catch {
            throw StoreError(path: path, kind: .damaged, reason: error.description)
        }
    }
}
