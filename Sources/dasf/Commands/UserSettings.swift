import ArgumentParser
import DASFConfig
import DASFStore
import DASFUI
import Foundation

/// The config file, read once on first use; its problems are said then, each on one line of
/// standard error, and dasf goes on with the defaults for what could not be read.
enum UserSettings {
    static let loaded: (settings: Settings, problems: [String]) = ConfigFile.load(environment: ProcessEnvironment.values)

    static var current: Settings { loaded.settings }

    static func reportProblems() { loaded.problems.forEach(Console.warn) }

    /// The journal's name for whoever is at the keyboard: --author, DASF_AUTHOR, the config file,
    /// then the login name.
    static func author(_ flag: String?) -> String { flag ?? Author.current(configured: current.author) }

    /// The theme: --theme, DASF_THEME, the config file, then NO_COLOR, COLORFGBG, dark. A
    /// name that is no theme is said once and passed over.
    static func theme(flag: ThemeWord?, noColor: Bool) -> ThemeName {
        var environment = ProcessEnvironment.values
        if let configured = current.theme, (environment["DASF_THEME"] ?? "").isEmpty { environment["DASF_THEME"] = configured.rawValue }
        let (theme, problem) = ThemeName.choose(flag: flag?.rawValue, environment: environment, colorAllowed: !noColor)
        if let problem { Console.warn(problem) }
        return theme
    }
}

/// The checks before drawing on the terminal: both ends a terminal, and one that can move the
/// cursor (TERM=dumb gets one clear line, not a broken screen). Returns TERM.
enum TerminalCheck {
    /// `what` names the program part ("the interactive map"), `drawn` what the terminal would show.
    static func require(_ what: String, drawing drawn: String, instead: String) throws -> String {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            Console.error("\(what) needs a terminal; \(instead)")
            throw ExitCode.failure
        }
        let term = ProcessEnvironment.values["TERM"] ?? ""
        if term == "dumb" || term.isEmpty {
            Console.error("this terminal (TERM=\(term.isEmpty ? "unset" : term)) cannot draw \(drawn); \(instead)")
            throw ExitCode.failure
        }
        return term
    }
}
