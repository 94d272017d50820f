import DASFEngine
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that a crash, a full disk or a kill at any moment leaves either the old
/// version or the new one, never a mixture: temporary file in the same directory, fsync, rename,
/// fsync of the directory.
enum AtomicFile {
    /// Where a write can be made to fail on purpose, to test that nothing is lost.
    enum Interruption: Sendable {
        case afterPartialWrite
        case beforeRename
    }

    struct Failure: Error {
        let reason: String
    }

    /// Replaces (or creates) `path` with `data`. A new file gets mode 0600; an existing one keeps
    /// its mode. With `backup`, the replaced version stays as `path.bak`. With `exclusive`, an
    /// existing file is never replaced (for creating new assessments).
    static func write(
        _ data: Data, to path: String, backup: Bool = false, exclusive: Bool = false,
        interruption: Interruption? = nil
    ) throws(Failure) {
        let target = resolvedTarget(path)
        let directory = (target as NSString).deletingLastPathComponent.isEmpty
            ? "." : (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(reason: "cannot create a temporary file: \(FileProblem.describe(errno: errno))") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var closed = false
        var keepTemporary = false
        defer {
            if !closed { close(fd) }
            if !keepTemporary { unlink(temporary) }
        }

        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists && exclusive { throw Failure(reason: "the file already exists") }
        if exists && (existing.st_mode & S_IFMT) != S_IFREG { throw Failure(reason: "not a regular file") }
        let mode: mode_t = exists ? existing.st_mode & 0o7777 : 0o600
        guard fchmod(fd, mode) == 0 else { throw Failure(reason: "cannot set permissions: \(FileProblem.describe(errno: errno))") }

        let limit = interruption == .afterPartialWrite ? data.count / 2 : data.count
        let writeError: Int32? = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int32? in
            var offset = 0
            while offset < limit {
                let written = Glibc.write(fd, raw.baseAddress! + offset, limit - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let writeError { throw Failure(reason: "write failed: \(FileProblem.describe(errno: writeError))") }
        if interruption == .afterPartialWrite { throw Failure(reason: "write interrupted (test)") }
        guard fsync(fd) == 0 else { throw Failure(reason: "fsync failed: \(FileProblem.describe(errno: errno))") }
        closed = true
        guard close(fd) == 0 else { throw Failure(reason: "close failed: \(FileProblem.describe(errno: errno))") }
        if interruption == .beforeRename { throw Failure(reason: "write interrupted before rename (test)") }

        if exclusive {
            // link() refuses to replace an existing name, so a file that appeared meanwhile survives.
            guard link(temporary, target) == 0 else {
                throw Failure(reason: errno == EEXIST ? "the file already exists" : "cannot create: \(FileProblem.describe(errno: errno))")
            }
        } else {
            if backup && exists { try keepBackup(of: target, directory: directory, name: name) }
            guard rename(temporary, target) == 0 else {
                throw Failure(reason: "cannot replace the file: \(FileProblem.describe(errno: errno))")
            }
            keepTemporary = true
        }
        syncDirectory(directory)
    }

    /// Hard-links the current version to `name.bak` (atomically replacing an older backup), or
    /// copies it where links are not allowed.
    private static func keepBackup(of target: String, directory: String, name: String) throws(Failure) {
        let backup = target + ".bak"
        let staging = "\(directory)/.\(name).bak-tmp-\(getpid())"
        unlink(staging)
        if link(target, staging) == 0 {
            guard rename(staging, backup) == 0 else {
                unlink(staging)
                throw Failure(reason: "cannot keep the backup \(backup): \(FileProblem.describe(errno: errno))")
            }
            return
        }
        guard let old = FileManager.default.contents(atPath: target) else {
            throw Failure(reason: "cannot read the current version to back it up")
        }
        try write(old, to: backup)
    }

    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Follows a symlink so the link is kept and its target replaced.
    private static func resolvedTarget(_ path: String) -> String {
        guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return path }
        if destination.hasPrefix("/") { return destination }
        return ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
    }
}

/// Writes any file the way save files are written (temporary file, fsync, rename), for reports
/// and merged files. A new file gets mode 0600; an existing one keeps its mode.
public enum DurableWrite {
    public static func write(_ data: Data, to path: String) throws(StoreError) {
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw StoreError(path: path, kind: .writeFailed, reason: "not written: \(error.reason)")
        }
    }
}
