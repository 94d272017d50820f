import Foundation

/// The process's environment, read once: Foundation builds a whole dictionary each time it is
/// asked, and a start asked five times (settings, theme, terminal, author, presenter channel).
public enum ProcessEnvironment {
    public static let values: [String: String] = ProcessInfo.processInfo.environment
}
