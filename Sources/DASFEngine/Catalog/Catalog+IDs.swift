import Foundation

extension Catalog {
    /// The control a person meant: "DASF 31", "dasf31", "DASF-31" and "31" all find DASF 31.
    public func controlID(matching text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if control(trimmed) != nil { return trimmed }
        var digits = Substring(trimmed)
        if digits.lowercased().hasPrefix("dasf") { digits = digits.dropFirst(4) }
        digits = digits.drop { $0 == " " || $0 == "-" || $0 == "_" }
        guard let number = Int(digits) else { return nil }
        let candidate = "DASF \(number)"
        return control(candidate) != nil ? candidate : nil
    }

    /// Scope words: a model id, or a name matched loosely ("RAG", "external").
    public func deploymentModelID(matching text: String) -> String? {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let model = deploymentModels.first(where: { $0.id == wanted }) { return model.id }
        return deploymentModels.first { $0.name.lowercased() == wanted || $0.name.lowercased().hasPrefix(wanted + " ") }?.id
    }
}
