import Foundation

extension Catalog {
    /// Decodes and validates a catalog. Every problem found is reported, not only the first.
    public static func load(data: Data, origin: String) throws(CatalogError) -> Catalog {
        try load(data: data, origin: origin, digest: nil)
    }

    /// `digest`, when known already (built-in catalogs), saves hashing the bytes again.
    /// `data` (JSON) read from a file in another notation: the digest is of the file as written.
    public static func load(data: Data, origin: String, digestOf original: Data) throws(CatalogError) -> Catalog {
        try load(data: data, origin: origin, digest: SHA256.prefixedHex(of: original))
    }

    static func load(data: Data, origin: String, digest: String?) throws(CatalogError) -> Catalog {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw CatalogError(origin: origin, problems: ["the file is empty"])
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw CatalogError(origin: origin, problems: [JSONProblem.describeUnparsable(data)])
        }
        guard let dictionary = object as? [String: Any], let format = dictionary["format"] as? String else {
            throw CatalogError(origin: origin, problems: ["not a dasf catalog (no \"format\": \"dasf-catalog\" field)"])
        }
        if format != CatalogFile.format {
            throw CatalogError(origin: origin, problems: ["not a dasf catalog (format is \"\(format)\")"])
        }
        if let version = dictionary["formatVersion"] as? Int, version > CatalogFile.newestFormatVersion {
            throw CatalogError(origin: origin, problems: [
                "catalog format \(version) is newer than this dasf reads (up to \(CatalogFile.newestFormatVersion)); update dasf"
            ])
        }
        let file: CatalogFile
        do {
            file = try CatalogFile(json: JSONObject(dictionary))
        } catch {
            throw CatalogError(origin: origin, problems: [error.text])
        }
        if file.format != CatalogFile.format {
            throw CatalogError(origin: origin, problems: ["not a dasf catalog (format is \"\(file.format)\")"])
        }
        if file.formatVersion > CatalogFile.newestFormatVersion {
            throw CatalogError(origin: origin, problems: [
                "catalog format \(file.formatVersion) is newer than this dasf reads (up to \(CatalogFile.newestFormatVersion)); update dasf"
            ])
        }
        let problems = CatalogValidator(file: file).problems()
        if !problems.isEmpty {
            throw CatalogError(origin: origin, problems: problems)
        }
        return Catalog(file: file, digest: digest ?? SHA256.prefixedHex(of: data))
    }

    /// Loads a catalog file from disk.
    public static func load(contentsOf url: URL) throws(CatalogError) -> Catalog {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CatalogError(origin: url.path, problems: [FileProblem.describe(error)])
        }
        return try load(data: data, origin: url.path)
    }

    /// A built-in catalog id ("dasf-2.0") or a path to a catalog file.
    public static func resolve(_ idOrPath: String) throws(CatalogError) -> Catalog {
        if BuiltinCatalogs.ids.contains(idOrPath) {
            return try BuiltinCatalogs.load(idOrPath)
        }
        if !idOrPath.contains("/") && !idOrPath.hasSuffix(".json") && !FileManager.default.fileExists(atPath: idOrPath) {
            throw CatalogError(origin: idOrPath, problems: [
                "no built-in catalog has that id (built in: \(BuiltinCatalogs.ids.joined(separator: ", "))) and no such file exists"
            ])
        }
        return try load(contentsOf: URL(fileURLWithPath: idOrPath))
    }
}
