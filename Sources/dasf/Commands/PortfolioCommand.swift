import ArgumentParser
import DASFEngine
import DASFImport
import DASFReport
import DASFStore
import DASFTerminal
import DASFUI
import Foundation

/// `dasf portfolio [DIR…]`: every assessment found, as one heat map.
struct PortfolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio",
        abstract: "Many assessments as one heat map: systems as rows, components as columns.",
        discussion: """
            Finds *.dasf.json under each DIR (default: the current directory), recursively; hidden folders \
            (.git) are not entered and symbolic links not followed. Files that cannot be read are listed with \
            their reason. On a terminal it opens the portfolio screen: ⏎ opens a system on its map (Esc there \
            comes back), a number picks a component and c lists every system's open risks there, o changes \
            the order, f filters (model:rag owner:dana catalog:dasf-2.0 stage:data), / searches. With \
            --format it writes a report to standard output instead.

              dasf portfolio assessments/ --format html > board.html
              dasf portfolio --format csv --sort stale --model rag
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case tui, md, html, csv, json
        case atlasLayer = "atlas-layer"
    }
    enum Sort: String, ExpressibleByArgument, CaseIterable {
        case worst, name, lastChange = "last-change", stale
        var order: Portfolio.Order {
            switch self {
            case .worst: .worst
            case .name: .name
            case .lastChange: .lastChange
            case .stale: .stale
            }
        }
    }

    @Argument(help: "Folders (searched recursively) or save files.", completion: .directory) var paths: [String] = []
    @Option(name: .long, help: "tui (the screen, the default on a terminal), md, html, csv, json or atlas-layer.") var format: Format?
    @Option(name: .long, help: ArgumentHelp("With --format atlas-layer: the Navigator domain.", valueName: "name")) var domain = "atlas-atlas"
    @Option(name: .long, help: "worst, name, last-change or stale.") var sort: Sort = .worst
    @Option(name: .long, help: ArgumentHelp("Only systems with this deployment model in scope.", valueName: "id")) var model: String?
    @Option(name: .long, help: ArgumentHelp("Only systems whose business owner or a control owner matches.", valueName: "name")) var owner: String?
    @Option(name: .customLong("only-catalog"), help: ArgumentHelp("Only systems assessed against this catalog id.", valueName: "id")) var onlyCatalog: String?
    @Option(name: .long, help: ArgumentHelp("Only this stage's components.", valueName: "id")) var stage: String?
    @Option(name: .long, help: ArgumentHelp("Judge staleness on this day (default: today, UTC).", valueName: "YYYY-MM-DD")) var today: String?
    @Option(name: .long, help: ArgumentHelp("A catalog file for assessments made with one (their id must match it).", valueName: "path"))
    var catalog: String?
    @Flag(name: .long, help: "Draw with plain ASCII.") var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colour (as NO_COLOR does).") var noColor = false

    func run() throws {
        let format = self.format ?? (isatty(STDOUT_FILENO) != 0 ? .tui : .md)
        var portfolio: Portfolio!
        try reportingFailures {
            portfolio = try Self.load(paths.isEmpty ? ["."] : paths, catalog: try catalog.map(CatalogYAML.resolve), today: today ?? Author.today())
        }
        let filter = Portfolio.Filter(deploymentModel: model, owner: owner, catalog: onlyCatalog, stage: stage)
        let input = PortfolioReport.Input(portfolio: portfolio, filter: filter, order: sort.order)
        switch format {
        case .md: FileHandle.standardOutput.write(Data(PortfolioReport.markdown(input).utf8))
        case .html: FileHandle.standardOutput.write(Data(PortfolioReport.html(input).utf8))
        case .csv: FileHandle.standardOutput.write(Data(PortfolioReport.csv(input).utf8))
        case .json: FileHandle.standardOutput.write(Data(try PortfolioReport.json(input).utf8))
        case .atlasLayer:
            let layer = try AtlasLayer.render(portfolio: input, domain: domain)
            FileHandle.standardOutput.write(Data(layer.json.utf8))
            layer.notes.forEach(Console.warn)
        case .tui: try screen(portfolio, filter: filter)
        }
    }

    static func load(_ roots: [String], catalog: Catalog?, today: String) throws -> Portfolio {
        let found = PortfolioLoader.find(roots)
        let loaded = PortfolioLoader.load(found.files, given: catalog, today: today, readOverlay: { try CatalogYAML.overlay($0) })
        let catalogs = loaded.catalogs.isEmpty ? [try BuiltinCatalogs.load(BuiltinCatalogs.defaultID)] : loaded.catalogs
        return Portfolio(systems: loaded.systems, failures: found.failures + loaded.failures, catalogs: catalogs)
    }

    func screen(_ portfolio: Portfolio, filter: Portfolio.Filter) throws {
        let term = try TerminalCheck.require("the portfolio screen", drawing: "the portfolio", instead: "for a report use: dasf portfolio --format md")
        let unicode = NcursesBackend.prepareLocale() && !ascii && !term.hasPrefix("linux")
        let themeName = UserSettings.theme(flag: nil, noColor: noColor)
        let mouse = UserSettings.current.mouse ?? true
        guard let backend = NcursesBackend(color: Theme(themeName).color, mouse: mouse) else {
            Console.error("no usable terminal (is TERM set to a known terminal type?)")
            throw ExitCode.failure
        }
        var state = PortfolioState(portfolio: portfolio, size: backend.size, unicode: unicode, themeName: themeName)
        state.set(filter: filter)
        state.set(order: sort.order)
        _ = PortfolioController.reduce(&state, .resize(backend.size))
        let given = try catalog.map(CatalogYAML.resolve)
        func open(_ path: String) throws -> AssessmentDocument {
            let file = try SaveFile.open(path)
            return try AssessmentDocument.open(file, using: given?.id == file.assessment.catalog.id ? given : nil, readOverlay: { try CatalogYAML.overlay($0) })
        }
        // A map whose last save failed keeps its copy at once; the portfolio goes on, and says so at the end.
        var unsavedNotes: [String] = []
        let session = MapSession(unicode: unicode, mouse: mouse, themeName: themeName, author: UserSettings.author(nil))
        let runtime = PortfolioRuntime(state: state, backend: backend) { path, component, risk in
            do {
                let document = try open(path)
                let unwritable = document.file.whyNotWritable
                if let unsaved = session.run(file: path, document: document, backend: backend, readOnly: unwritable != nil,
                                             notice: unwritable.map { "opened read-only: \($0)" }, backLeaves: true, component: component, risk: risk) {
                    unsavedNotes.append(unsaved.keep(file: path))
                }
                let fresh = try open(path)
                return .success(SystemSummary(path: path, catalog: fresh.catalog, assessment: fresh.assessment, lastChange: fresh.journal.last?.at ?? "",
                                              today: Author.today()))
            } catch {
                return .failure(PortfolioError("\(error)"))
            }
        }
        runtime.run()
        backend.stop()
        unsavedNotes.forEach(Console.error)
        if !unsavedNotes.isEmpty { throw ExitCode.failure }
    }
}
