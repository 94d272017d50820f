/// What a room may see of an assessment: the same answers with the private fields taken out.
/// Scores do not depend on any private field, so a scorecard of the original stays true.
/// The copy is for showing only; it is never saved (nothing saves a value made here).
extension Assessment {
    public func forRoom(hiding hidden: Set<PrivateField>) -> Assessment {
        guard !hidden.isEmpty else { return self }
        var copy = self
        if hidden.contains(.people) {
            copy.useCase.businessOwner = nil
            copy.useCase.stakeholders = []
        }
        if hidden.contains(.owners) || hidden.contains(.notes) || hidden.contains(.evidence) {
            for (id, record) in copy.controls {
                var record = record
                if hidden.contains(.owners) { record.owner = nil }
                if hidden.contains(.notes) { record.note = nil }
                if hidden.contains(.evidence) { record.evidence = nil }
                copy.controls[id] = record
            }
        }
        if hidden.contains(.notes) {
            for (risk, record) in copy.organisationalRisks {
                var record = record
                record.notes = nil
                copy.organisationalRisks[risk] = record
            }
        }
        if hidden.contains(.comments) { copy.comments = [] }
        // A conflict on a hidden field would show its two values.
        copy.conflicts = conflicts.filter { conflict in !hidden.contains { $0.covers(field: conflict.field) } }
        // Keys this dasf does not know may hold anything: a room sees none of them.
        copy.unknown = UnknownFields()
        copy.useCase.unknown = UnknownFields()
        return copy
    }
}

extension JournalEntry {
    /// The journal as a room may see it: changes to hidden fields left out, authors blanked when
    /// they are hidden.
    public static func forRoom(_ journal: [JournalEntry], hiding hidden: Set<PrivateField>) -> [JournalEntry] {
        guard !hidden.isEmpty else { return journal }
        return journal.compactMap { entry in
            if hidden.contains(where: { $0.covers(entry.change) }) { return nil }
            var entry = entry
            if hidden.contains(.journalAuthors) { entry.by = "" }
            return entry
        }
    }
}
