import DASFEngine
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a presenter tells `dasf notes` in another terminal what the projector shows: one small
/// file per save file in the user's own runtime folder (`$XDG_RUNTIME_DIR/dasf`, else
/// `/tmp/dasf-UID`), replaced atomically on every change. No socket and no network: either side
/// may start first, quit and come back, and any number of notes windows may read it. The folder
/// must be the user's own, mode 0700 and not a link, or nothing is written or read there.
public struct PresenterChannel: Sendable {
    public let folder: String
    public let name: String

    public var path: String { folder + "/" + name }

    /// The channel for `saveFile` (its real path decides the name, so two spellings of one file
    /// meet); nil when no private folder can be had.
    public init?(saveFile: String, environment: [String: String] = ProcessEnvironment.values) {
        let runtime = environment["XDG_RUNTIME_DIR"].flatMap { $0.hasPrefix("/") ? $0 + "/dasf" : nil } ?? "/tmp/dasf-\(geteuid())"
        guard Self.privateFolder(runtime) else { return nil }
        let real = (try? FileManager.default.destinationOfSymbolicLink(atPath: saveFile)).map { _ in
            URL(fileURLWithPath: saveFile).resolvingSymlinksInPath().path
        } ?? URL(fileURLWithPath: saveFile).standardizedFileURL.path
        folder = runtime
        name = "presenter-" + String(SHA256.hex(of: Array(real.utf8)).prefix(16)) + ".json"
    }

    /// Makes the folder if needed and says whether it is safe: ours, a real folder, 0700.
    static func privateFolder(_ path: String) -> Bool {
        if mkdir(path, 0o700) != 0 && errno != EEXIST { return false }
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR && info.st_uid == geteuid() && (info.st_mode & 0o077) == 0
    }

    /// Replaces the message (temporary file, fsync, rename; no link followed).
    public func publish(_ data: Data) throws(StoreError) {
        do {
            let directory = try Directory(folder)
            try AtomicFile.write(data, named: name, in: directory)
        } catch {
            throw StoreError(path: path, kind: .writeFailed, reason: error.reason)
        }
    }

    /// Takes the message away (the presenter has stopped).
    public func withdraw() {
        guard let directory = try? Directory(folder) else { return }
        directory.remove(name)
    }

    /// The message, or nil when there is none (or it cannot be read safely).
    public func read() -> Data? {
        guard let directory = try? Directory(folder) else { return nil }
        return (try? directory.read(name)) ?? nil
    }

    /// Whether the process that wrote a message still runs (a presenter that crashed leaves one).
    public static func isRunning(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
