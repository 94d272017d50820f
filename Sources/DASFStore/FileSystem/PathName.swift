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

    /// Split at the last slash, by hand: FilePath's first use costs a process about 0.6 M
    /// instructions of generic set-up, on the path of every command (a test holds the two to
    /// the same answers).
    public init?(_ path: String) {
        let bytes = Array(path.utf8)
        guard let last = bytes.last, last != 0x2F, !bytes.contains(0) else { return nil }
        let slash = bytes.lastIndex(of: 0x2F)
        let base = slash.map { bytes[($0 + 1)...] } ?? bytes[...]
        guard !base.elementsEqual([0x2E]), !base.elementsEqual([0x2E, 0x2E]) else { return nil }
        name = String(decoding: base, as: UTF8.self)
        guard var end = slash else {
            directory = "."
            return
        }
        while end > 0 && bytes[end - 1] == 0x2F { end -= 1 }
        // "a//b/./c" stays as written but for its repeated slashes, as FilePath gives it.
        var parent: [UInt8] = []
        for byte in bytes[..<end] where !(byte == 0x2F && parent.last == 0x2F) { parent.append(byte) }
        directory = parent.isEmpty ? "/" : String(decoding: parent, as: UTF8.self)
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
