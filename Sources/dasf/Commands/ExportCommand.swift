import ArgumentParser
import DASFEngine
import DASFImport
import DASFReport
import DASFStore
import Foundation

/// `dasf export FILE --format atlas-layer`: the assessment in another tool's format.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the assessment in another tool's format (a MITRE ATLAS Navigator layer).",
        discussion: """
            atlas-layer: a Navigator layer (format 4.5) of the ATLAS techniques the in-scope risks cite, each \
            scored by the share of its risks mitigated or treated and coloured by the worst of them, with a \
            comment naming them. Tactic ids and ids ATLAS retired are said on standard error.

              dasf export claims.dasf.json --format atlas-layer -o claims-atlas.json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case atlasLayer = "atlas-layer" }

    @Argument(help: "The save file.", completion: .file(extensions: ["json"])) var file: String
    @Option(name: .long, help: "atlas-layer.") var format: Format = .atlasLayer
    @Option(name: .long, help: "The layer's domain (default: atlas-atlas, as MITRE's ATLAS layers use).") var domain = "atlas-atlas"
    @Option(name: .shortAndLong, help: ArgumentHelp("Write here (atomically) instead of standard output.", valueName: "path")) var output: String?
    @OptionGroup var source: CatalogOption

    func run() throws {
        try reportingFailures {
            let document = try AssessmentDocument.open(file, using: try source.resolved())
            document.warnings.forEach(Console.warn)
            let input = ReportInput(catalog: document.catalog, assessment: document.assessment, today: Author.today())
            let result: AtlasLayer.Result
            do { result = try AtlasLayer.render(input, domain: domain) } catch { throw StoreError(path: file, kind: .invalid, reason: "\(error)") }
            result.notes.forEach(Console.warn)
            if let output, output != "-" {
                try DurableWrite.write(Data(result.json.utf8), to: output)
                Console.out("wrote \(output): \(result.techniques) ATLAS techniques")
            } else {
                FileHandle.standardOutput.write(Data(result.json.utf8))
            }
        }
    }
}
