/// Why a catalog could not be used. Each problem names the item and what is wrong with it, so a
/// person editing their own catalog can fix every one in a single pass.
public struct CatalogError: Error, Equatable, CustomStringConvertible {
    /// The file path or the built-in catalog id.
    public let origin: String
    public let problems: [String]

    public init(origin: String, problems: [String]) {
        self.origin = origin
        self.problems = problems
    }

    public var description: String {
        if problems.count == 1 { return "\(origin): \(problems[0])" }
        let list = problems.map { "  - \($0)" }.joined(separator: "\n")
        return "\(origin): \(problems.count) problems in the catalog:\n\(list)"
    }
}
