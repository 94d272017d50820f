import ArgumentParser
import DASFEngine
import DASFImport

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Show a DASF catalog: stages, components, risks, controls and the mapping.",
        discussion: "Without --catalog, shows the built-in default (dasf-2.0). dasf catalog import builds a catalog from the DASF compendium.",
        subcommands: [CatalogImportCommand.self]
    )

    @OptionGroup var source: CatalogOption
    @Option(name: .long, help: "text or json.") var format: OutputFormat = .text
    @Flag(name: .long, help: "List the built-in catalogs.") var list = false

    func run() throws {
        try reportingFailures {
            if list {
                let catalogs = try BuiltinCatalogs.ids.map { try BuiltinCatalogs.load($0) }
                switch format {
                case .json: Console.json(try CatalogReport.listJSON(catalogs))
                case .text: Console.out(CatalogReport.listText(catalogs))
                }
                return
            }
            let catalog = try CatalogYAML.resolve(source.catalog ?? BuiltinCatalogs.defaultID)
            switch format {
            case .json: Console.json(try CatalogReport.json(catalog))
            case .text: Console.out(CatalogReport.text(catalog))
            }
        }
    }
}
