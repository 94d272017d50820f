import ArgumentParser
import DASFEngine
import DASFImport
import DASFStore
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new assessment save file.",
        discussion: "Refuses to replace an existing file. The file is created with mode 0600."
    )

    @Argument(help: "The save file to create, e.g. claims-triage.dasf.json.", completion: .file(extensions: ["json"])) var file: String
    @Option(name: .long, help: "The use case being assessed.") var title: String?
    @OptionGroup var source: CatalogOption
    @Option(name: .long, help: "text or json.") var format: OutputFormat = .text
    @Option(name: .long, help: ArgumentHelp(
        "Deployment models in scope, comma-separated (predictive-ml, rag, fine-tuned, pre-trained, foundation-api, external). Default: all.",
        valueName: "ids"))
    var models: String?

    func run() throws {
        try reportingFailures {
            let catalog = try source.resolvedWithOverlays(default: UserSettings.current.catalog ?? BuiltinCatalogs.defaultID, saveFile: file)
            guard let name = PathName(file)?.name else { throw StoreError(path: file, kind: .writeFailed, reason: "not a file name") }
            let defaultTitle = name.replacingOccurrences(of: ".dasf.json", with: "").replacingOccurrences(of: ".json", with: "")
            var assessment = Assessment(title: defaultTitle, catalog: catalog)
            var edits: [Edit] = []
            if let title { edits.append(.setTitle(title)) }
            if let models { edits.append(.setScope(try ScopeWords.parse(models, catalog: catalog))) }
            for edit in edits { try assessment.apply(edit, in: catalog) }
            let saved = try SaveFile.create(file, assessment: assessment)
            let card = Scorecard(catalog: catalog, assessment: saved.assessment)
            if format == .json {
                Console.json(try JSONText.encode(CommandResult.Created(
                    file: file, title: assessment.title, catalog: catalog.id, deploymentModels: assessment.scope.deploymentModels,
                    risks: card.overall.risks, inScope: card.overall.inScope)))
                return
            }
            let overlays = catalog.overlays.isEmpty ? "" : " with \(catalog.overlays.map(\.id).joined(separator: ", "))"
            Console.out("created \(file): \"\(assessment.title)\", \(catalog.title)\(overlays), scope: \(ScopeWords.describe(assessment.scope, catalog: catalog)), \(card.overall.inScope) of \(card.overall.risks) risks in scope")
        }
    }
}

/// Reading and describing scope as people type and read it.
enum ScopeWords {
    /// "rag,external", "RAG, External models" or "all" (which selects every model).
    static func parse(_ text: String, catalog: Catalog) throws -> [String] {
        let words = text.split(whereSeparator: { $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if words.count == 1 && words[0].lowercased() == "all" { return [] }
        var ids: [String] = [], unknown: [String] = []
        for word in words {
            if let id = catalog.deploymentModelID(matching: word) { ids.append(id) } else { unknown.append(word) }
        }
        if !unknown.isEmpty {
            throw ValidationError("unknown deployment model \(unknown.joined(separator: ", ")); known: \(catalog.deploymentModels.map(\.id).joined(separator: ", ")), or all")
        }
        return ids
    }

    static func describe(_ scope: Scope, catalog: Catalog) -> String {
        if scope.isAll { return "all deployment models" }
        return scope.deploymentModels.map { catalog.deploymentModel($0)?.name ?? $0 }.joined(by: ", ")
    }
}
