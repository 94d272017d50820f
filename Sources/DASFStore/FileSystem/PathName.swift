import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's path split into the directory to open and the name inside it. Through FilePath:
/// Foundation's NSString path methods trap on one-character paths on Linux ("x", "-").
public struct PathName: Sendable, Equatable {
    /// The directory, "." for a bare name.
    public let directory: String
    /// The last component, never empty, never "." or "..".
    public let name: String

    public init?(_ path: String) {
        let file = FilePath(path)
        guard let last = file.lastComponent, last.kind == .regular, !path.hasSuffix("/") else { return nil }
        let parent = file.removingLastComponent().string
        directory = parent.isEmpty ? "." : parent
        name = last.string
    }

    /// `name` beside `path`, in the same directory ("a/b.json" and "c" give "a/c").
    public static func sibling(of path: String, named name: String) -> String {
        guard let parts = PathName(path), parts.directory != "." || path.hasPrefix("./") else { return name }
        return FilePath(parts.directory).appending(name).string
    }

    /// `path` with every symbolic link along it resolved, or nil when it leads nowhere (a
    /// dangling link, a loop, a missing file). Used on purpose, once, for the save file only.
    public static func resolved(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// Whether `path` itself (not what it points to) is a symbolic link.
    public static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}
