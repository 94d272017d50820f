import ArgumentParser

/// `dasf present FILE`: the map for a room. The same program as `dasf FILE`, started presenting.
struct PresentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "present",
        abstract: "Open an assessment for a room: private fields hidden, edits off.",
        discussion: """
            Owners, the business owner and stakeholders, notes, evidence, review comments and journal \
            authors are hidden on every screen, and nothing changes unless asked. PgDn and PgUp (a \
            presentation clicker's keys) light one stage at a time; a component's number and Enter open \
            it. Ctrl-X then U stops presenting. Changes saved from another terminal appear within a second.
            """
    )

    @Argument(help: "The save file to present.", completion: .file(extensions: ["json"])) var file: String
    @Flag(name: .long, help: "Draw with plain ASCII instead of Unicode symbols and lines.") var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colour (as NO_COLOR does).") var noColor = false
    @Flag(name: .customLong("no-mouse"), help: "Ignore the mouse.") var noMouse = false
    @Option(name: .long, help: "dark, light, high-contrast, colour-blind or monochrome (light suits most projectors).") var theme: ThemeWord?
    @OptionGroup var source: CatalogOption

    func run() throws {
        var arguments = [file, "--present"]
        if ascii { arguments.append("--ascii") }
        if noColor { arguments.append("--no-color") }
        if noMouse { arguments.append("--no-mouse") }
        if let theme { arguments += ["--theme", theme.rawValue] }
        if let catalog = source.catalog { arguments += ["--catalog", catalog] }
        let open = try OpenCommand.parse(arguments)
        try open.run()
    }
}
