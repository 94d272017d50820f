import DASFEngine
import Foundation

/// Reads many save files into a `Portfolio`, on every core: each file is decoded and scored on
/// its own, and only its summary is kept. A file that cannot be read becomes a failure with its
/// one-line reason; nothing is skipped silently.
public enum PortfolioLoader {
    /// Every `*.dasf.json` under `roots` (files named directly are taken whatever their name).
    /// Hidden folders (.git) are not entered; symbolic links are not followed and are listed.
    public static func find(_ roots: [String]) -> (files: [String], failures: [Portfolio.Failure]) {
        var files: [String] = [], failures: [Portfolio.Failure] = []
        let fm = FileManager.default
        func walk(_ folder: String) {
            guard let names = try? fm.contentsOfDirectory(atPath: folder) else {
                failures.append(.init(path: folder, reason: "cannot be listed"))
                return
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = folder == "." ? name : folder + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: walk(path)
                case S_IFREG where name.hasSuffix(".dasf.json"): files.append(path)
                case S_IFLNK where name.hasSuffix(".dasf.json"): failures.append(.init(path: path, reason: "a symbolic link: not followed"))
                default: break
                }
            }
        }
        for root in roots {
            var info = stat()
            guard lstat(root, &info) == 0 else { failures.append(.init(path: root, reason: "no such file or folder")); continue }
            if info.st_mode & S_IFMT == S_IFDIR { walk(root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root) } else { files.append(root) }
        }
        return (files, failures)
    }

    /// Loads `files` (in parallel) against the built-in catalogs, or `given` for files made with
    /// its id; `readOverlay` reads the overlays files declare.
    public static func load(_ files: [String], given: Catalog? = nil, today: String?,
                            readOverlay: @escaping @Sendable (String) throws -> Overlay = { try Overlay.load(path: $0) }) -> (systems: [SystemSummary], failures: [Portfolio.Failure], catalogs: [Catalog]) {
        let catalogs = CatalogCache(given: given)
        let results = Results(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { n in
            let path = files[n]
            do {
                let file = try SaveFile.open(path)
                guard let catalog = catalogs.catalog(for: file.assessment.catalog.id) else {
                    throw StoreError(path: path, kind: .invalid, reason: "made with catalog \"\(file.assessment.catalog.id)\", which is not built in; pass --catalog PATH")
                }
                let document = try AssessmentDocument.open(file, using: catalog, readOverlay: readOverlay)
                results.set(n, .success(SystemSummary(path: path, catalog: document.catalog, assessment: document.assessment,
                                                      lastChange: document.journal.last?.at ?? "", today: today)))
            } catch {
                // The path is said once, in its own column.
                let text = "\(error)"
                results.set(n, .failure(.init(path: path, reason: text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text)))
            }
        }
        var systems: [SystemSummary] = [], failures: [Portfolio.Failure] = []
        for result in results.all {
            switch result {
            case .success(let s)?: systems.append(s)
            case .failure(let f)?: failures.append(f)
            case nil: break
            }
        }
        return (systems, failures, catalogs.all)
    }

    enum Outcome { case success(SystemSummary), failure(Portfolio.Failure) }

    /// One slot per file, written by whichever thread read it.
    final class Results: @unchecked Sendable {
        private var slots: [Outcome?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ n: Int, _ outcome: Outcome) { lock.lock(); slots[n] = outcome; lock.unlock() }
        var all: [Outcome?] { lock.lock(); defer { lock.unlock() }; return slots }
    }

    /// Each catalog read once, whichever thread needs it first.
    final class CatalogCache: @unchecked Sendable {
        private var loaded: [String: Catalog] = [:]
        private var order: [String] = []
        private let lock = NSLock()
        init(given: Catalog?) {
            if let given { loaded[given.id] = given; order.append(given.id) }
        }
        func catalog(for id: String) -> Catalog? {
            lock.lock(); defer { lock.unlock() }
            if let known = loaded[id] { return known }
            guard BuiltinCatalogs.ids.contains(id), let catalog = try? BuiltinCatalogs.load(id) else { return nil }
            loaded[id] = catalog
            order.append(id)
            return catalog
        }
        var all: [Catalog] { lock.lock(); defer { lock.unlock() }; return order.compactMap { loaded[$0] } }
    }
}
