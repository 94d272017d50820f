/// Another framework whose ids a risk or control cites (MITRE ATLAS, OWASP, NIST, ISO ...).
/// Engineers file tickets in those terms, so the ids travel with every risk.
public struct Framework: Sendable, Hashable, Encodable {
    public let id: String
    public let name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
