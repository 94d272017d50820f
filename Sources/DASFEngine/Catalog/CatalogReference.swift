/// Which catalog an assessment was made with. The digest tells a silently edited catalog from
/// the one the answers were given against.
public struct CatalogReference: Sendable, Hashable {
    public var id: String
    public var version: String
    public var digest: String
    /// Overlays the answers were given with, in the order they apply.
    public var overlays: [OverlayReference] = []
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(id: String, version: String, digest: String) {
        self.id = id
        self.version = version
        self.digest = digest
    }

    /// "dasf-2.0 2.0", with " + acme 2026.1" per overlay: for journals and reports.
    public var label: String {
        var label = "\(id) \(version)"
        for overlay in overlays { label += " + " + overlay.id + (overlay.version.isEmpty ? "" : " " + overlay.version) }
        return label
    }
}
