import DASFEngine
import DASFStore

/// What `new`, `set`, `validate` and `merge` say with `--format json`, for scripts: the same
/// facts as their text, one object each (docs/json-output.md).
enum CommandResult {
    struct Created: Encodable {
        let file, title, catalog: String
        let deploymentModels: [String]
        let risks, inScope: Int
    }

    struct Saved: Encodable {
        struct StateChange: Encodable { let risk, title, from, to: String }
        struct Merged: Encodable { let changes: Int; let by: [String]; let conflicts: [String] }
        let file: String
        /// "written", "unchanged" or "merged".
        let outcome: String
        let merged: Merged?
        let riskStates: [StateChange]
        let inScope, open, partial, mitigated, treated: Int
    }

    struct Validated: Encodable {
        let file: String
        /// "assessment" or "catalog".
        let kind: String
        let sound: Bool
        let warnings: [String]
        let unknownFields: [String]
        let unsettledConflicts: [String]
    }

    struct MergedFiles: Encodable {
        struct Conflict: Encodable { let field: String; let base, mine, theirs: String? }
        let output: String
        let fromMine, fromTheirs, journalEntries: Int
        let conflicts: [Conflict]
    }

    static func saved(file: String, outcome: SaveFile.Outcome, before: Scorecard, after: Scorecard, catalog: Catalog) -> Saved {
        let kind = switch outcome.kind {
        case .written: "written"
        case .unchanged: "unchanged"
        case .merged: "merged"
        }
        let changes = zip(before.risks, after.risks).filter { $0.state != $1.state }.map {
            Saved.StateChange(risk: $1.riskID, title: catalog.risk($1.riskID)?.title ?? "", from: $0.state.label, to: $1.state.label)
        }
        let t = after.overall
        return Saved(file: file, outcome: kind,
                     merged: outcome.kind == .merged ? .init(changes: outcome.theirChanges, by: outcome.theirAuthors, conflicts: outcome.newConflicts.map(\.label)) : nil,
                     riskStates: changes, inScope: t.inScope, open: t.open, partial: t.partial, mitigated: t.mitigated,
                     treated: t.accepted + t.transferred + t.avoided)
    }
}
