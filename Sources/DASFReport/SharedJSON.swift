import DASFEngine

/// The JSON shapes every output shares (`dasf status`, the JSON report), defined once so they
/// cannot drift apart (docs/schemas).
public enum SharedJSON {
    public struct Scope: Encodable, Sendable {
        let deploymentModels: [String]
        let all: Bool
        public init(_ scope: DASFEngine.Scope) {
            deploymentModels = scope.deploymentModels
            all = scope.isAll
        }
    }

    public struct Comment: Encodable, Sendable {
        let id, on, target, author, at, text: String
        let resolved: Bool
        public init(_ comment: DASFEngine.Comment) {
            (on, target) = switch comment.target {
            case .risk(let id): ("risk", id)
            case .control(let id): ("control", id)
            }
            id = comment.id
            author = comment.author
            at = comment.at
            text = comment.text
            resolved = comment.resolved
        }
    }

    public struct Conflict: Encodable, Sendable {
        let field, label: String
        let base, mine, theirs: String?
        public init(_ conflict: MergeConflict) {
            field = conflict.field
            label = conflict.label
            base = conflict.base.map(AssessmentFields.display)
            mine = conflict.mine.map(AssessmentFields.display)
            theirs = conflict.theirs.map(AssessmentFields.display)
        }
    }
}
