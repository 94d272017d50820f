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
        abstract: "Write the assessment or its catalog in another tool's format (ATLAS Navigator, CISO Assistant).",
        discussion: """
            atlas-layer: a Navigator layer (format 4.5) of the ATLAS techniques the in-scope risks cite, each \
            scored by the share of its risks mitigated or treated and coloured by the worst of them, with a \
            comment naming them. Tactic ids and ids ATLAS retired are said on standard error. ciso-assistant: \
            the catalog (FILE's, or --catalog's) as a CISO Assistant library in YAML: stages, components and \
            risks as requirement nodes, risks as threats, controls as reference controls. oscal-ar and \
            oscal-poam: NIST OSCAL 1.1 assessment results (a finding per control, observations from \
            evidence, open risks with their treatment) and a plan of action and milestones (an item per \
            open or partial risk, with owners and target dates); UUIDs are derived, so the same file gives \
            the same bytes (docs/oscal.md).

              dasf export claims.dasf.json --format atlas-layer -o claims-atlas.json
              dasf export --catalog dasf-2.0 --format ciso-assistant -o dasf-2.0-library.yaml
              dasf export claims.dasf.json --format oscal-poam -o claims-poam.json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case atlasLayer = "atlas-layer"
        case cisoAssistant = "ciso-assistant"
        case oscalAR = "oscal-ar"
        case oscalPOAM = "oscal-poam"
    }

    @Argument(help: "The save file (for ciso-assistant, --catalog may stand instead).", completion: .file(extensions: ["json"])) var file: String?
    @Option(name: .long, help: "atlas-layer, ciso-assistant, oscal-ar or oscal-poam.") var format: Format = .atlasLayer
    @Option(name: .long, help: "The layer's domain (default: atlas-atlas, as MITRE's ATLAS layers use).") var domain = "atlas-atlas"
    @Option(name: .shortAndLong, help: ArgumentHelp("Write here (atomically) instead of standard output.", valueName: "path")) var output: String?
    @OptionGroup var source: CatalogOption

    func validate() throws {
        if file == nil && (format != .cisoAssistant || source.catalog == nil) {
            throw ValidationError(format != .cisoAssistant ? "\(format.rawValue) needs the save file" : "give the save file or --catalog")
        }
    }

    func run() throws {
        try reportingFailures {
            if format == .cisoAssistant {
                let catalog = try source.resolved() ?? AssessmentDocument.open(file ?? "", using: nil).catalog
                let text: String
                do { text = try CISOAssistantLibrary.render(catalog) } catch { throw StoreError(path: file ?? catalog.id, kind: .invalid, reason: "\(error)") }
                try write(text, what: "\(catalog.risks.count) risks and \(catalog.controls.count) controls as a CISO Assistant library")
                return
            }
            let file = file ?? ""
            let document = try source.open(file)
            document.warnings.forEach(Console.warn)
            if format == .oscalAR || format == .oscalPOAM {
                // Dated by the journal, so two exports of the same file are the same bytes.
                let input = ReportInput(catalog: document.catalog, assessment: document.assessment, journal: try document.journalEntries(), today: nil)
                let text: String
                do { text = try OSCAL.render(format == .oscalAR ? .assessmentResults : .poam, input) } catch {
                    throw StoreError(path: file, kind: .invalid, reason: "\(error)")
                }
                try write(text, what: format == .oscalAR ? "OSCAL \(OSCAL.version) assessment results" : "OSCAL \(OSCAL.version) plan of action and milestones")
                return
            }
            let input = ReportInput(catalog: document.catalog, assessment: document.assessment, today: Author.today())
            let result: AtlasLayer.Result
            do { result = try AtlasLayer.render(input, domain: domain) } catch { throw StoreError(path: file, kind: .invalid, reason: "\(error)") }
            result.notes.forEach(Console.warn)
            try write(result.json, what: "\(result.techniques) ATLAS techniques")
        }
    }

    func write(_ text: String, what: String) throws {
        if let output, output != "-" {
            try DurableWrite.write(Data(text.utf8), to: output)
            Console.out("wrote \(output): \(what)")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
