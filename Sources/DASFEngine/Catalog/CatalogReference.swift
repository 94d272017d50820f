/// Which catalog an assessment was made with. The digest tells a silently edited catalog from
/// the one the answers were given against.
public struct CatalogReference: Sendable, Hashable {
    public var id: String
    public var version: String
    public var digest: String
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(id: String, version: String, digest: String) {
        self.id = id
        self.version = version
        self.digest = digest
    }
}
