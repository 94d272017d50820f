import ArgumentParser
import DASFEngine
import DASFImport
import DASFReport
import DASFStore
import Foundation

/// Runs a command body, turning the engine's and the store's errors into one clear line on
/// standard error and exit status 1. Usage errors keep ArgumentParser's handling (status 64).
func reportingFailures<Value>(_ body: () throws -> Value) throws -> Value {
    do {
        return try body()
    } catch let error as StoreError {
        Console.error(error.description)
        throw ExitCode.failure
    } catch let error as CatalogError {
        Console.error(error.description)
        throw ExitCode.failure
    } catch let error as EditError {
        Console.error(error.description + "; nothing was saved")
        throw ExitCode.failure
    }
}

/// Where output goes. Errors and warnings go to standard error so JSON on standard output stays
/// parseable.
enum Console {
    /// Everything printed passes through `PlainText.cleanLines`: whatever a save file or catalog
    /// holds, no escape sequence reaches the terminal. (JSON output is already escaped.)
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((PlainText.cleanLines(text) + "\n").utf8))
    }

    /// JSON output, with C1 controls escaped too (`Escaping.jsonInert`).
    static func json(_ text: String) {
        FileHandle.standardOutput.write(Data((Escaping.jsonInert(text) + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("dasf: " + PlainText.cleanLines(text) + "\n").utf8))
    }

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data(("dasf: warning: " + PlainText.cleanLines(text) + "\n").utf8))
    }
}

/// `--format text|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// `--catalog ID|PATH`, shared by the commands that read a catalog.
struct CatalogOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A built-in catalog id (dasf-2.0, dasf-1.0) or the path of a catalog file (JSON or YAML).", valueName: "id|path"))
    var catalog: String?

    @Option(name: .long, help: ArgumentHelp(
        "An overlay (JSON or YAML) applied on top: your own controls, risks and wording. Repeat for several; they apply in order.",
        valueName: "path"))
    var overlay: [String] = []

    /// The same choice as plain values (what the fast start builds without parsing).
    var choice: CatalogChoice { CatalogChoice(catalog: catalog, overlay: overlay) }

    func resolved() throws -> Catalog? { try choice.resolved() }
    func resolvedWithOverlays(default fallback: String, saveFile: String) throws -> Catalog { try choice.resolvedWithOverlays(default: fallback, saveFile: saveFile) }
    func open(_ file: String, journal: Bool = true) throws -> AssessmentDocument { try choice.open(file, journal: journal) }
}

/// A catalog and overlays asked for on the command line.
struct CatalogChoice {
    var catalog: String?
    var overlay: [String] = []

    /// The catalog asked for, read (a YAML one too); nil when none was.
    func resolved() throws -> Catalog? { try catalog.map(CatalogYAML.resolve) }

    /// The catalog asked for (else the configured one, else the default) with the overlays
    /// applied, recorded relative to `saveFile`: what a new or upgraded assessment is made with.
    func resolvedWithOverlays(default fallback: String, saveFile: String) throws -> Catalog {
        var catalog = try CatalogYAML.resolve(self.catalog ?? fallback)
        for path in overlay {
            catalog = try catalog.applying(try CatalogYAML.overlay(path), path: OverlayPaths.recorded(path, saveFile: saveFile), origin: path)
        }
        return catalog
    }

    /// Opens a save file against the catalog asked for and the overlays given, else those it
    /// records.
    /// `journal: false` for commands that never show it (status, most reports): the journal is
    /// stepped over unread, and the document cannot be saved.
    func open(_ file: String, journal: Bool = true) throws -> AssessmentDocument {
        try AssessmentDocument.open(file, using: try resolved(), overlays: overlay.isEmpty ? nil : overlay, journal: journal, readOverlay: CatalogYAML.overlay)
    }
}

