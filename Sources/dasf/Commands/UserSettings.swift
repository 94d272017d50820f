import DASFConfig
import DASFStore
import Foundation

/// The config file, read once on first use; its problems are said then, each on one line of
/// standard error, and dasf goes on with the defaults for what could not be read.
enum UserSettings {
    static let loaded: (settings: Settings, problems: [String]) = ConfigFile.load(environment: ProcessInfo.processInfo.environment)

    static var current: Settings { loaded.settings }

    static func reportProblems() { loaded.problems.forEach(Console.warn) }

    /// The journal's name for whoever is at the keyboard: --author, DASF_AUTHOR, the config file,
    /// then the login name.
    static func author(_ flag: String?) -> String { flag ?? Author.current(configured: current.author) }
}
