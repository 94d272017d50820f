import Foundation

/// The catalogs compiled into the binary, so dasf needs no files beside it and no bundle.
public enum BuiltinCatalogs {
    /// The catalog new assessments use unless told otherwise.
    public static let defaultID = "dasf-2.0"

    /// Ids of the built-in catalogs, newest first.
    public static var ids: [String] { sources.map(\.id) }

    /// The JSON text of a built-in catalog, as shipped in Catalog/.
    /// The digest recorded at build time ("sha256:<hex>").
    public static func digest(_ id: String) -> String? {
        sources.first { $0.id == id }?.digest
    }

    /// Digests of earlier texts of the built-in catalogs with the same facts (ids, titles,
    /// mappings): only our own words changed since (short labels, talking points and questions, and the controls whose meaning changed were added). A file made with
    /// one of them was answered against this catalog, so nothing is said about it.
    static let earlierDigests: [String: Set<String>] = [
        "dasf-2.0": ["sha256:ebc5e91c2e1806f2ec859808583fef4d5967a9914515fad3fef18d7555620505",
                     "sha256:491238a966acb2a7cf5d4768f2288d0ee33a013c75c0c2915692ca6fd4690c94",
                     "sha256:43fcace460f374156bb965fb6e24ba3f5689fbf40a544dcc13f811f939620da0"],
        "dasf-1.0": ["sha256:86c2be6c696f126fa49f01ebc6890ef50798585a5d7d9f97307a3ea579389a4a",
                     "sha256:f6c6ed60ef2080640c31e57ce830599dce2ea38de630a019ffaeeb14ac239301",
                     "sha256:740e85835c8c43f15f26d74b5c12d928a72e875cd375702b40a80fa092b3c6e1"],
    ]

    /// Whether an assessment recording `digest` was made against this very catalog's facts.
    public static func sameFacts(_ catalog: Catalog, digest: String) -> Bool {
        digest.isEmpty || digest == catalog.digest || (earlierDigests[catalog.id]?.contains(digest) ?? false) && catalog.digest == self.digest(catalog.id)
    }

    /// The newest built-in catalog of the same family (DASF) with a higher version, if any: what
    /// the map offers to upgrade to.
    public static func newer(than catalog: Catalog) -> (id: String, version: String)? {
        guard catalog.id.hasPrefix("dasf-") else { return nil }
        let candidates = ids.compactMap { id -> (String, String)? in
            guard id != catalog.id, let version = version(id) else { return nil }
            return IDOrder.areInIncreasingOrder(catalog.version, version) ? (id, version) : nil
        }
        return candidates.max { IDOrder.areInIncreasingOrder($0.1, $1.1) }.map { (id: $0.0, version: $0.1) }
    }

    public static func text(_ id: String) -> String? {
        sources.first { $0.id == id }?.text
    }

    /// A shipped catalog, from the values compiled into the binary: nothing is parsed or validated
    /// at start-up (a test checks these values equal the JSON's, parsed and validated).
    /// Made once per process (`CatalogMemo`).
    public static func load(_ id: String) throws(CatalogError) -> Catalog {
        try CatalogMemo.shared.catalog(id) { () throws(CatalogError) -> Catalog in
            guard let source = sources.first(where: { $0.id == id }), let file = compiled(id) else {
                throw CatalogError(origin: id, problems: ["no built-in catalog has that id"])
            }
            return Catalog(file: file, digest: source.digest, positions: positions(id))
        }
    }

    /// Starts making built-in catalog `id` on another thread (by `start`: one of its own unless
    /// told), for a `load` soon after: the map's start reads the file and sets up the terminal
    /// meanwhile. An unknown id does nothing.
    public static func prefetch(_ id: String, start: (@escaping @Sendable () -> Void) -> Void = { Thread.detachNewThread($0) }) {
        guard sources.contains(where: { $0.id == id }) else { return }
        start { _ = try? load(id) }
    }

    /// The same catalog read from its embedded JSON text, the way a catalog file is: for the test
    /// that guards the compiled values.
    public static func loadFromText(_ id: String) throws(CatalogError) -> Catalog {
        guard let source = sources.first(where: { $0.id == id }) else {
            throw CatalogError(origin: id, problems: ["no built-in catalog has that id"])
        }
        return try Catalog.load(data: Data(source.text.utf8), origin: "built-in catalog \(id)", digest: source.digest)
    }
}
