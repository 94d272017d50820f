import Foundation

/// Who is editing and when, for the journal.
public enum Author {
    /// `DASF_AUTHOR`, else the login name, else "unknown".
    public static var current: String {
        let environment = ProcessInfo.processInfo.environment
        for key in ["DASF_AUTHOR", "USER", "LOGNAME"] {
            if let value = environment[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "unknown"
    }

    /// ISO 8601 in UTC to the second: "2026-11-22T14:02:11Z".
    public static func timestamp(_ date: Date = Date()) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }

    /// Today's date in UTC: "2026-11-22" (what staleness is judged against).
    public static func today(_ date: Date = Date()) -> String {
        String(timestamp(date).prefix(10))
    }
}
