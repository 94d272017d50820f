import Foundation

/// The environment variables dasf reads, read once with getenv: Foundation's `environment`
/// builds a dictionary of the whole environment each time it is asked (about a million
/// instructions, and a start asked five times).
public enum ProcessEnvironment {
    /// Every variable any part of dasf looks at; a new one is added here.
    static let names = ["HOME", "USER", "LOGNAME", "PATH", "TERM", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR", "XDG_STATE_HOME",
                        "DASF_AUTHOR", "DASF_THEME", "NO_COLOR", "COLORFGBG"]

    public static let values: [String: String] = {
        var values: [String: String] = [:]
        for name in names { if let value = getenv(name) { values[name] = String(cString: value) } }
        return values
    }()
}
