import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is editing and when, for the journal.
public enum Author {
    /// `DASF_AUTHOR`, else the login name (`$USER`, `$LOGNAME`, else the password database, which
    /// knows it when a cron job or a container leaves the environment bare), else "unknown".
    /// The config file's `author`, when set, comes between `DASF_AUTHOR` and the login name.
    public static var current: String { current(environment: ProcessEnvironment.values) }

    public static func current(configured: String?) -> String {
        current(environment: ProcessEnvironment.values, configured: configured)
    }

    static func current(environment: [String: String], configured: String? = nil) -> String {
        if let value = environment["DASF_AUTHOR"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        if let configured, !configured.isEmpty { return configured }
        for key in ["USER", "LOGNAME"] {
            if let value = environment[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name, name.pointee != 0 { return String(cString: name) }
        return "unknown"
    }

    /// ISO 8601 in UTC to the second: "2026-11-22T14:02:11Z". Formatted by hand from the C
    /// library's calendar: it runs on every start and every edit, and needs no locale data.
    public static func timestamp(_ date: Date = Date()) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// Today's date in UTC: "2026-11-22" (what staleness is judged against).
    public static func today(_ date: Date = Date()) -> String {
        String(timestamp(date).prefix(10))
    }
}
