import DASFEngine
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that a crash, a full disk or a kill at any moment leaves either the old
/// version or the new one, never a mixture: a new temporary file in the same directory, fsync,
/// rename, fsync of the directory. Owner, group and mode of the file replaced are kept where the
/// process may; nothing at the name or beside it is followed if it is a symbolic link.
enum AtomicFile {
    /// Where a write can be made to fail on purpose, to test that nothing is lost.
    enum Interruption: Sendable {
        case afterPartialWrite
        case beforeRename
    }

    struct Failure: Error {
        let reason: String
        var alreadyExists = false
    }

    /// Replaces (or creates) `path` itself: a symbolic link at `path` is replaced by the file, not
    /// written through. For reports and merged files; save files go through `write(_:named:in:)`.
    static func write(_ data: Data, to path: String, exclusive: Bool = false) throws(Failure) {
        guard let parts = PathName(path) else { throw Failure(reason: "not a file name") }
        let directory = try Directory(parts.directory)
        try directory.lock()
        try write(data, named: parts.name, in: directory, exclusive: exclusive)
    }

    /// Replaces (or creates) `name` in an opened (and normally locked) directory. A new file gets
    /// mode 0600. With `backup`, the replaced version stays as `name.bak`. With `exclusive`, an
    /// existing name, even a dangling link, is never replaced (for creating new assessments).
    @discardableResult
    static func write(
        _ data: Data, named name: String, in directory: Directory, backup: Bool = false, exclusive: Bool = false,
        interruption: Interruption? = nil
    ) throws(Failure) -> stat {
        try write([.bytes(data)], named: name, in: directory, backup: backup, exclusive: exclusive, interruption: interruption)
    }

    /// A piece of a file being written: bytes, or a stretch of another open file, copied by the
    /// kernel (a save keeps a long journal's bytes this way, without reading them).
    enum Part {
        case bytes(Data)
        case copied(from: Int32, offset: Int, count: Int)

        var count: Int {
            switch self {
            case .bytes(let data): data.count
            case .copied(_, _, let count): count
            }
        }
    }

    /// As above, the file being `parts` one after another. Returns what the new file is (device,
    /// inode, size, time), as the next save expects to find it.
    @discardableResult
    static func write(
        _ parts: [Part], named name: String, in directory: Directory, backup: Bool = false, exclusive: Bool = false,
        interruption: Interruption? = nil
    ) throws(Failure) -> stat {
        let existing = directory.status(of: name)
        if existing != nil && exclusive { throw Failure(reason: "the file already exists", alreadyExists: true) }
        let regular = existing.map { ($0.st_mode & S_IFMT) == S_IFREG } ?? false
        if let existing, !regular && (existing.st_mode & S_IFMT) != S_IFLNK { throw Failure(reason: "not a regular file") }

        let (fd, temporary) = try directory.createTemporary(for: name)
        var open = true
        var placed = false
        defer {
            if open { close(fd) }
            if !placed { directory.remove(temporary) }
        }
        if let existing, regular {
            // Someone else's file stays theirs: owner and group first (that clears set-id bits),
            // then the mode. Refusals are expected for ordinary users and change nothing.
            if existing.st_uid != geteuid() || existing.st_gid != getegid() { _ = fchown(fd, existing.st_uid, existing.st_gid) }
        }
        let mode: mode_t = regular ? existing!.st_mode & 0o7777 : 0o600
        guard fchmod(fd, mode) == 0 else { throw Failure(reason: "cannot set permissions: \(FileProblem.describe(errno: errno))") }

        let total = parts.reduce(0) { $0 + $1.count }
        var left = interruption == .afterPartialWrite ? total / 2 : total
        for part in parts where left > 0 {
            let limit = min(part.count, left)
            switch part {
            case .bytes(let data):
                if let error = writeAll(data, limit: limit, to: fd) { throw Failure(reason: "write failed: \(FileProblem.describe(errno: error))") }
            case .copied(let source, let offset, _):
                try copy(from: source, offset: offset, count: limit, to: fd)
            }
            left -= limit
        }
        if interruption == .afterPartialWrite { throw Failure(reason: "write interrupted (test)") }
        guard fsync(fd) == 0 else { throw Failure(reason: "fsync failed: \(FileProblem.describe(errno: errno))") }
        var written = stat()
        guard fstat(fd, &written) == 0 else { throw Failure(reason: "cannot look at the new file: \(FileProblem.describe(errno: errno))") }
        open = false
        guard close(fd) == 0 else { throw Failure(reason: "close failed: \(FileProblem.describe(errno: errno))") }
        if interruption == .beforeRename { throw Failure(reason: "write interrupted before rename (test)") }

        if exclusive {
            // link() refuses to replace an existing name, so a file that appeared meanwhile survives.
            if let error = directory.link(temporary, to: name) {
                throw Failure(reason: error == EEXIST ? "the file already exists" : "cannot create: \(FileProblem.describe(errno: error))",
                              alreadyExists: error == EEXIST)
            }
        } else {
            // The backup is a convenience: something planted at FILE.bak (a directory, say)
            // must not stop the edit itself from being saved.
            if backup && regular { try? keepBackup(of: name, mode: mode, in: directory) }
            if let error = directory.rename(temporary, to: name) {
                throw Failure(reason: "cannot replace the file: \(FileProblem.describe(errno: error))")
            }
            placed = true
        }
        directory.sync()
        return written
    }

    /// Copies `count` bytes of `source` from `offset` to the end of `fd`: in the kernel where it
    /// can (sendfile), else through a buffer. Fails if `source` has fewer bytes than that.
    private static func copy(from source: Int32, offset: Int, count: Int, to fd: Int32) throws(Failure) {
        var position = off_t(offset), left = count
        while left > 0 {
            let sent = sendfile(fd, source, &position, min(left, 1 << 30))
            if sent > 0 {
                left -= sent
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            if sent == 0 { throw Failure(reason: "the file being copied became shorter") }
            guard errno == EINVAL || errno == ENOSYS else { throw Failure(reason: "copy failed: \(FileProblem.describe(errno: errno))") }
            // No sendfile between these two: a buffer at a time.
            while left > 0 {
                let chunk = try Directory.read(source, from: Int(position), count: min(left, 1 << 20))
                guard !chunk.isEmpty else { throw Failure(reason: "the file being copied became shorter") }
                if let error = writeAll(chunk, limit: chunk.count, to: fd) { throw Failure(reason: "write failed: \(FileProblem.describe(errno: error))") }
                position += off_t(chunk.count)
                left -= chunk.count
            }
        }
    }

    private static func writeAll(_ data: Data, limit: Int, to fd: Int32) -> Int32? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int32? in
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
    }

    /// Hard-links the current version to `name.bak` under a fresh name, then renames that over
    /// the old backup (replacing a link planted there, never following it); copies into a new
    /// temporary file where hard links are not allowed.
    private static func keepBackup(of name: String, mode: mode_t, in directory: Directory) throws(Failure) {
        let backup = name + ".bak"
        let staging = directory.temporaryName(for: name, kind: "bak-tmp")
        if directory.link(name, to: staging) == nil {
            if let error = directory.rename(staging, to: backup) {
                directory.remove(staging)
                throw Failure(reason: "cannot keep the backup \(backup): \(FileProblem.describe(errno: error))")
            }
            return
        }
        guard let old = try directory.read(name) else { throw Failure(reason: "cannot read the current version to back it up") }
        let (fd, temporary) = try directory.createTemporary(for: name, kind: "bak-tmp")
        var placed = false
        defer { if !placed { directory.remove(temporary) } }
        let error = fchmod(fd, mode) == 0 ? writeAll(old, limit: old.count, to: fd) : errno
        let synced = error == nil && fsync(fd) == 0
        close(fd)
        guard synced else { throw Failure(reason: "cannot keep the backup \(backup)") }
        if let error = directory.rename(temporary, to: backup) {
            throw Failure(reason: "cannot keep the backup \(backup): \(FileProblem.describe(errno: error))")
        }
        placed = true
    }
}

/// Writes any file the way save files are written (temporary file, fsync, rename), for reports
/// and merged files. A new file gets mode 0600; an existing one keeps its owner and mode; a
/// symbolic link at the name is replaced, never written through. `-` is standard output.
public enum DurableWrite {
    public static func write(_ data: Data, to path: String) throws(StoreError) {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw StoreError(path: path, kind: .writeFailed, reason: "not written: \(error.reason)")
        }
    }
}
