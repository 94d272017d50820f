import Foundation

/// An organisation's additions to a catalog: its own controls mapped onto DASF risks, extra
/// risks, its own wording and talking points. Applied on top of a built-in or imported catalog,
/// never instead of it: an overlay adds and rewords, it cannot remove a risk, a control or a pair
/// (the framework's facts stay whole; an answer never loses its question).
///
/// Every entry is matched by id: an id the catalog has changes that item, a new id adds one.
public struct Overlay: Sendable, Hashable {
    static let format = "dasf-overlay"
    static let newestFormatVersion = 1

    public let id: String
    public let version: String
    public let title: String
    /// The catalog it was written for ("dasf-2.0"), if it says; another one gets a warning.
    public let base: String?
    /// "sha256:<hex>" of the file's bytes: a save file records it to notice a changed overlay.
    public let digest: String
    let stages: [StagePatch]
    let components: [ComponentPatch]
    let risks: [RiskPatch]
    let controls: [ControlPatch]

    /// Decodes an overlay (JSON; YAML is read into this by DASFImport). Every problem is named.
    public static func load(data: Data, origin: String, digestOf original: Data? = nil) throws(CatalogError) -> Overlay {
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw CatalogError(origin: origin, problems: [JSONProblem.describeUnparsable(data)])
        }
        guard let dictionary = object as? [String: Any], let format = dictionary["format"] as? String else {
            throw CatalogError(origin: origin, problems: ["not a dasf overlay (no \"format\": \"dasf-overlay\" field)"])
        }
        guard format == Self.format else {
            throw CatalogError(origin: origin, problems: ["not a dasf overlay (format is \"\(format)\")"])
        }
        let json = JSONObject(dictionary)
        do {
            let formatVersion = try json.int("formatVersion")
            if formatVersion > Self.newestFormatVersion {
                throw CatalogError(origin: origin, problems: ["overlay format \(formatVersion) is newer than this dasf reads (up to \(Self.newestFormatVersion)); update dasf"])
            }
            let id = try json.string("id")
            if id.allSatisfy(\.isWhitespace) { throw CatalogError(origin: origin, problems: ["the overlay id is empty"]) }
            return Overlay(id: id, version: try json.optionalString("version") ?? "", title: try json.optionalString("title") ?? id,
                           base: try json.optionalString("base"), digest: SHA256.prefixedHex(of: original ?? data),
                           stages: try json.optionalObjects("stages").map(StagePatch.init),
                           components: try json.optionalObjects("components").map(ComponentPatch.init),
                           risks: try json.optionalObjects("risks").map(RiskPatch.init),
                           controls: try json.optionalObjects("controls").map(ControlPatch.init))
        } catch let problem as JSONObject.Problem {
            throw CatalogError(origin: origin, problems: [problem.text])
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(origin: origin, problems: ["\(error)"])
        }
    }

    /// How a save file names it: what it was, and where to find it again.
    public func reference(path: String) -> OverlayReference {
        OverlayReference(id: id, version: version, digest: digest, path: path)
    }
}

/// An overlay as a save file records it, so the file says what it was assessed against.
public struct OverlayReference: Sendable, Hashable {
    public var id: String
    public var version: String
    public var digest: String
    /// Where it was read from: relative to the save file's folder when it lies beneath it.
    public var path: String
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(id: String, version: String, digest: String, path: String) {
        self.id = id
        self.version = version
        self.digest = digest
        self.path = path
    }
}

extension Overlay {
    /// The largest overlay file read: far beyond any real one, small enough that a path naming
    /// something huge costs nothing.
    static let largestFile = 16 << 20

    /// Reads an overlay file (JSON). Only a regular file is read: a path naming a FIFO or a
    /// device (a save file can name any path) gets an error, never a hang.
    public static func load(path: String) throws(CatalogError) -> Overlay {
        let data = try readRegularFile(path)
        return try load(data: data, origin: path)
    }

    /// The bytes of a regular file of reasonable size, or an error naming the problem.
    public static func readRegularFile(_ path: String) throws(CatalogError) -> Data {
        // Opened without blocking and checked after opening, so what is read is what was checked.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw CatalogError(origin: path, problems: [errno == ENOENT ? "no such file" : String(cString: strerror(errno))])
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            try? handle.close()
            throw CatalogError(origin: path, problems: ["not a regular file"])
        }
        guard info.st_size <= largestFile else {
            try? handle.close()
            throw CatalogError(origin: path, problems: ["larger than \(largestFile >> 20) MiB: not an overlay"])
        }
        defer { try? handle.close() }
        do {
            return try handle.read(upToCount: largestFile + 1) ?? Data()
        } catch {
            throw CatalogError(origin: path, problems: [FileProblem.describe(error)])
        }
    }
}
