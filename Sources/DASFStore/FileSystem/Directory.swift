import DASFEngine
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory opened once, in which a file's names are read, created, linked and replaced with
/// the `*at` calls. Every name is opened with `O_NOFOLLOW` and every new one with `O_EXCL` under
/// an unpredictable name, so a symbolic link planted beside a save file is never followed.
/// Closing it releases the lock.
final class Directory {
    let path: String
    let fd: Int32

    init(_ path: String) throws(AtomicFile.Failure) {
        self.path = path
        var opened = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        #if os(Linux)
        // A folder one may search but not list (a 0711 home): a path handle still serves the *at
        // calls; only the lock and the look for stale temporary files need more, and do without.
        if opened < 0 && errno == EACCES { opened = open(path, Self.pathOnly | O_DIRECTORY | O_CLOEXEC) }
        #endif
        fd = opened
        guard fd >= 0 else {
            let reason = switch errno {
            case ENOENT: "the folder \(path) does not exist"
            case ENOTDIR: "\(path) is not a folder"
            default: "cannot open the folder \(path): \(FileProblem.describe(errno: errno))"
            }
            throw AtomicFile.Failure(reason: reason)
        }
    }

    deinit { close(fd) }

    /// Linux's O_PATH (010000000 on x86_64 and arm64), which Swift's Glibc module leaves out.
    static let pathOnly: Int32 = 0o10000000

    /// Takes the lock that makes read, check and write one step for every dasf saving into this
    /// folder. It is an advisory `flock` on the directory itself: nothing is created beside the
    /// file, and a process that dies lets go of it. Where the file system has no such locks
    /// (some network mounts) saving goes on without one.
    func lock(timeout: Double = 10) throws(AtomicFile.Failure) {
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            switch errno {
            case EINTR: continue
            case EWOULDBLOCK:
                guard Date() < deadline else {
                    throw AtomicFile.Failure(reason: "another program has held the lock on \(path) for \(Int(timeout)) s; try again")
                }
                usleep(5_000)
            default:
                return
            }
        }
    }

    /// What stands at `name` itself (a link is not followed), or nil when nothing does.
    func status(of name: String) -> stat? {
        var info = stat()
        return fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? info : nil
    }

    /// The bytes of the regular file at `name`, or nil when there is none. A symbolic link at
    /// `name` is refused, not followed.
    func read(_ name: String) throws(AtomicFile.Failure) -> Data? {
        guard let (file, info) = try openRegular(name) else { return nil }
        defer { close(file) }
        return try Self.readAll(file, expected: Int(info.st_size))
    }

    /// The regular file at `name` opened for reading, with what it is; nil when there is none.
    /// A symbolic link is refused, not followed; the caller closes the descriptor.
    func openRegular(_ name: String) throws(AtomicFile.Failure) -> (Int32, stat)? {
        let file = openat(fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        if file < 0 {
            if errno == ENOENT { return nil }
            if errno == ELOOP { throw AtomicFile.Failure(reason: "\(name) is a symbolic link; not followed") }
            throw AtomicFile.Failure(reason: "cannot read \(name): \(FileProblem.describe(errno: errno))")
        }
        var info = stat()
        guard fstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(file)
            throw AtomicFile.Failure(reason: "\(name) is not a regular file")
        }
        return (file, info)
    }

    /// `count` bytes from `start` (fewer at the end of the file).
    static func read(_ file: Int32, from start: Int, count: Int) throws(AtomicFile.Failure) -> Data {
        var data = Data(count: count)
        var done = 0
        while done < count {
            let got = data.withUnsafeMutableBytes { pread(file, $0.baseAddress! + done, count - done, off_t(start + done)) }
            if got < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.Failure(reason: "read failed: \(FileProblem.describe(errno: errno))")
            }
            if got == 0 { break }
            done += got
        }
        data.count = done
        return data
    }

    static func readAll(_ file: Int32, expected: Int) throws(AtomicFile.Failure) -> Data {
        var data = Data(count: max(expected, 0) + 1)
        var length = 0
        while true {
            if length == data.count { data.count *= 2 }
            let room = data.count - length
            let got = data.withUnsafeMutableBytes { Glibc.read(file, $0.baseAddress! + length, room) }
            if got < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.Failure(reason: "read failed: \(FileProblem.describe(errno: errno))")
            }
            if got == 0 { break }
            length += got
        }
        data.count = length
        return data
    }

    /// A name nobody can guess for a temporary file of `name`, carrying our process id so a later
    /// save can tell whether its writer is still alive: `.NAME.tmp-PID-RANDOM`.
    func temporaryName(for name: String, kind: String) -> String {
        let random = String(UInt64.random(in: 0 ... .max), radix: 16)
        return ".\(name).\(kind)-\(getpid())-\(random)"
    }

    /// Creates a new, empty file under an unpredictable name; never opens anything that exists.
    func createTemporary(for name: String, kind: String = "tmp") throws(AtomicFile.Failure) -> (fd: Int32, name: String) {
        for _ in 0..<8 {
            let temporary = temporaryName(for: name, kind: kind)
            let file = openat(fd, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if file >= 0 { return (file, temporary) }
            if errno != EEXIST { throw AtomicFile.Failure(reason: "cannot create a temporary file in \(path): \(FileProblem.describe(errno: errno))") }
        }
        throw AtomicFile.Failure(reason: "cannot create a temporary file in \(path): every name tried exists")
    }

    func rename(_ from: String, to: String) -> Int32? {
        renameat(fd, from, fd, to) == 0 ? nil : errno
    }

    /// A second name for the file at `from`; a link at `from` is linked itself, never followed.
    func link(_ from: String, to: String) -> Int32? {
        linkat(fd, from, fd, to, 0) == 0 ? nil : errno
    }

    func remove(_ name: String) {
        unlinkat(fd, name, 0)
    }

    func sync() {
        fsync(fd)
    }

    /// Removes temporary files of `name` left by writers that died (a kill during a save): only
    /// names dasf makes for this file, only when the process id in the name is no longer alive
    /// (or, for the older names without one, when untouched for ten minutes), and only regular
    /// files or links, which unlinking removes without following. Call it under the lock.
    @discardableResult
    func removeStaleTemporaries(of name: String) -> [String] {
        let listing = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard listing >= 0, let stream = fdopendir(listing) else { return [] }
        defer { closedir(stream) }
        let prefixes = [".\(name).tmp-", ".\(name).bak-tmp-"]
        var removed: [String] = []
        while let entry = readdir(stream) {
            let entryName = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            guard let prefix = prefixes.first(where: entryName.hasPrefix) else { continue }
            let rest = entryName.dropFirst(prefix.count)
            guard let info = status(of: entryName), [S_IFREG, S_IFLNK].contains(info.st_mode & S_IFMT) else { continue }
            let stale: Bool
            if let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), rest[rest.index(after: dash)...].allSatisfy(\.isHexDigit) {
                stale = Self.isDead(pid)
            } else if let pid = Int32(rest) {
                stale = Self.isDead(pid)
            } else {
                stale = rest.count == 6 && time(nil) - info.st_mtim.tv_sec > 600
            }
            if stale {
                remove(entryName)
                removed.append(entryName)
            }
        }
        return removed
    }

    static func isDead(_ pid: Int32) -> Bool {
        guard pid > 0, pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
