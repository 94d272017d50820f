import Foundation

/// The minutes of an assessment: the entries its file already held, left where they are until
/// something shows them, and the entries recorded since. A long journal (100,000 lines) is most
/// of a file's bytes and nearly nothing a command or the map needs, so opening, scoring and
/// saving never read it; the journal screen, `dasf journal`, merges and exports do, once.
public struct Journal: Sendable, Hashable {
    /// What the file held when it was read; nil when every entry is in `recorded`.
    public let kept: KeptJournal?
    /// Entries recorded since, oldest first.
    public private(set) var recorded: [JournalEntry]

    public init(_ entries: [JournalEntry] = []) {
        kept = nil
        recorded = entries
    }

    public init(kept: KeptJournal?, recorded: [JournalEntry] = []) {
        self.kept = kept
        self.recorded = recorded
    }

    /// Every entry, oldest first: reads the kept ones the first time (about 4 µs an entry).
    public func entries() throws(JournalUnreadable) -> [JournalEntry] {
        guard let kept else { return recorded }
        return recorded.isEmpty ? try kept.entries() : try kept.entries() + recorded
    }

    /// Whether every entry is in memory: nothing kept, or the kept ones read already.
    public var isRead: Bool { kept?.isRead ?? true }

    /// The entries as far as they are in memory, without reading the file (for drawing, which
    /// does no I/O): the number, and entry `n`, without joining the two lists (a screen drawn
    /// after every key shows 100,000 entries without copying them). Nil until the kept ones
    /// are read; the failure when reading them failed.
    public var readRows: Result<(count: Int, entry: (Int) -> JournalEntry), JournalUnreadable>? {
        let recorded = self.recorded
        guard let kept else { return .success((recorded.count, { recorded[$0] })) }
        switch kept.cached {
        case .success(let earlier)?:
            return .success((earlier.count + recorded.count, { $0 < earlier.count ? earlier[$0] : recorded[$0 - earlier.count] }))
        case .failure(let problem)?: return .failure(problem)
        case nil: return nil
        }
    }

    /// The newest entry, without reading the rest.
    public var last: JournalEntry? { recorded.last ?? kept?.last }

    /// Whether there is no entry at all (a kept journal always has one: the file leaves an
    /// empty journal out).
    public var isEmpty: Bool { kept == nil && recorded.isEmpty }

    /// Records an entry the way `JournalEntry.append` does; it folds only into entries recorded
    /// here, never into the kept ones.
    public mutating func record(_ entry: JournalEntry) {
        JournalEntry.append(entry, to: &recorded)
    }

    /// This journal with `entries` recorded after it, each as it is (no folding).
    public func adding(_ entries: [JournalEntry]) -> Journal {
        Journal(kept: kept, recorded: recorded + entries)
    }
}

/// Why a kept journal could not be read: "journal[12]: expected a UTC time …".
public struct JournalUnreadable: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Entries kept in a file, read on first use and then remembered. The store subclasses it with
/// where the bytes are; two journals are the same when they keep the same object.
open class KeptJournal: @unchecked Sendable, Hashable {
    private let lock = NSLock()
    private var read: Result<[JournalEntry], JournalUnreadable>?

    public init() {}

    /// Reads the entries; called at most once while it succeeds.
    open func load() throws(JournalUnreadable) -> [JournalEntry] { [] }

    /// The newest entry, read on its own (nil when it cannot be).
    open var last: JournalEntry? { (try? entries())?.last }

    public final func entries() throws(JournalUnreadable) -> [JournalEntry] {
        lock.lock()
        defer { lock.unlock() }
        if case .success(let entries)? = read { return entries }
        // A failed read is tried again (the file may be readable now), and remembered to be said.
        do {
            let entries = try load()
            read = .success(entries)
            return entries
        } catch {
            read = .failure(error)
            throw error
        }
    }

    /// What the last read gave, without reading (nil: not read yet).
    public final var cached: Result<[JournalEntry], JournalUnreadable>? {
        lock.lock()
        defer { lock.unlock() }
        return read
    }

    /// Whether the entries have been read already (the journal screen then costs nothing).
    public final var isRead: Bool {
        if case .success? = cached { return true }
        return false
    }

    public static func == (a: KeptJournal, b: KeptJournal) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
