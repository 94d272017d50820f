/// One inconsistency the importer met: where (sheet, row, column), what, and what it did.
public struct LintItem: Sendable, Hashable, CustomStringConvertible {
    public let sheet: String
    public let row: Int?
    public let column: String?
    public let problem: String
    public let action: String

    public var description: String {
        var place = sheet
        if let row { place += " row \(row)" }
        if let column { place += ", column \"\(column)\"" }
        return "\(place): \(problem); \(action)"
    }
}
