import Foundation

/// The built-in catalogs this process has made, and the one being made. Making one costs about
/// 2 M instructions; the map's first frame need not wait for them, so `BuiltinCatalogs.prefetch`
/// makes one on another core while the save file is read and the terminal set up, and whoever
/// asks first waits for that work instead of repeating it. Catalogs are values: sharing is safe.
final class CatalogMemo: @unchecked Sendable {
    static let shared = CatalogMemo()

    private let condition = NSCondition()
    // Guarded by `condition`. Arrays: there are two or three built-in catalogs.
    private var made: [(id: String, catalog: Catalog)] = []
    private var making: [String] = []

    /// The catalog `id`, made by `make` unless it was made before or is being made now.
    func catalog(_ id: String, make: () throws(CatalogError) -> Catalog) throws(CatalogError) -> Catalog {
        condition.lock()
        while making.contains(id) { condition.wait() }
        if let found = made.first(where: { $0.id == id }) {
            condition.unlock()
            return found.catalog
        }
        making.append(id)
        condition.unlock()
        var result: Result<Catalog, CatalogError>
        do { result = .success(try make()) } catch { result = .failure(error) }
        condition.lock()
        making.removeAll { $0 == id }
        if case .success(let catalog) = result { made.append((id, catalog)) }
        condition.broadcast()
        condition.unlock()
        return try result.get()
    }

    /// Whether `id` has been made (for tests).
    func has(_ id: String) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return made.contains { $0.id == id }
    }
}
