/// One line of the workshop's minutes: when, who, and what changed.
public struct JournalEntry: Sendable, Hashable {
    /// ISO 8601 in UTC, e.g. "2026-11-22T14:02:11Z".
    public var at: String
    public var by: String
    public var change: Change
    /// True when the change came from undo or redo.
    public var undo: Bool
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(at: String, by: String, change: Change, undo: Bool = false) {
        self.at = at
        self.by = by
        self.change = change
        self.undo = undo
    }
}

extension JournalEntry {
    /// How close together two changes of one field by one person must be to make one line.
    public static let coalescingWindow = 5

    /// Appends `entry`, or folds it into the last line when that line is the same person changing
    /// the same field within a few seconds (three presses of space on the way to "implemented"
    /// are one decision, not three): the line keeps the first "from" and takes the new "to", and
    /// goes away when they are equal. Undo and redo lines are never folded.
    public static func append(_ entry: JournalEntry, to journal: inout [JournalEntry]) {
        guard !entry.undo, let last = journal.last, !last.undo, last.by == entry.by, last.change.target == entry.change.target,
              last.change.field == entry.change.field, let then = seconds(last.at), let now = seconds(entry.at),
              now >= then, now - then <= coalescingWindow, last.unknown.isEmpty
        else {
            journal.append(entry)
            return
        }
        journal.removeLast()
        guard last.change.from != entry.change.to else { return }
        journal.append(JournalEntry(at: entry.at, by: entry.by, change: Change(target: entry.change.target, field: entry.change.field,
                                                                               from: last.change.from, to: entry.change.to)))
    }

    /// Seconds since 1970 of "YYYY-MM-DDTHH:MM:SSZ", or nil for anything else.
    static func seconds(_ at: String) -> Int? {
        let parts = at.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int($0) }
        guard at.utf8.count == 20, parts.count == 6 else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm), then the time of day.
        let (y, m, d) = (parts[1] <= 2 ? parts[0] - 1 : parts[0], parts[1], parts[2])
        let era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return (era * 146_097 + doe - 719_468) * 86_400 + parts[3] * 3600 + parts[4] * 60 + parts[5]
    }
}
