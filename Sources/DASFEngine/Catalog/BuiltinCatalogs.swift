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

    public static func text(_ id: String) -> String? {
        sources.first { $0.id == id }?.text
    }

    public static func load(_ id: String) throws(CatalogError) -> Catalog {
        guard let source = sources.first(where: { $0.id == id }) else {
            throw CatalogError(origin: id, problems: ["no built-in catalog has that id"])
        }
        return try Catalog.load(data: Data(source.text.utf8), origin: "built-in catalog \(id)", digest: source.digest)
    }
}
