import Foundation

/// A JSON object from JSONSerialization, read field by field with the path in every error.
/// Faster than JSONDecoder for the catalog (1.6 ms against 3 ms), which every start pays for.
package struct JSONObject {
    package struct Problem: Error {
        package let text: String
        package init(text: String) { self.text = text }
    }

    package let values: [String: Any]
    /// Where this object sits, e.g. `risks[3]`.
    package let path: String

    package init(_ values: [String: Any], path: String = "") {
        self.values = values
        self.path = path
    }

    /// Whether the field is there and not null.
    package func has(_ key: String) -> Bool { values[key].map { !($0 is NSNull) } ?? false }

    private func place(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func missing(_ key: String) -> Problem { Problem(text: "missing field \"\(key)\"" + (path.isEmpty ? "" : " at \(path)")) }

    private func wrong(_ key: String, _ expected: String) -> Problem { Problem(text: "expected \(expected) at \(place(key))") }

    package func string(_ key: String) throws(Problem) -> String {
        guard let value = values[key] else { throw missing(key) }
        guard let text = value as? String else { throw wrong(key, "text") }
        return text
    }

    package func optionalString(_ key: String) throws(Problem) -> String? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw wrong(key, "text") }
        return text
    }

    package func int(_ key: String) throws(Problem) -> Int {
        guard let value = values[key] else { throw missing(key) }
        guard let number = value as? Int else { throw wrong(key, "a whole number") }
        return number
    }

    package func optionalBool(_ key: String) throws(Problem) -> Bool? {
        guard let value = values[key] else { return nil }
        guard let flag = value as? Bool else { throw wrong(key, "true or false") }
        return flag
    }

    package func strings(_ key: String) throws(Problem) -> [String] {
        guard let value = values[key] else { throw missing(key) }
        guard let list = value as? [Any] else { throw wrong(key, "a list") }
        var out: [String] = []
        out.reserveCapacity(list.count)
        for (n, item) in list.enumerated() {
            guard let text = item as? String else { throw Problem(text: "expected text at \(place(key))[\(n)]") }
            out.append(text)
        }
        return out
    }

    package func optionalStrings(_ key: String) throws(Problem) -> [String] {
        values[key] == nil ? [] : try strings(key)
    }

    package func objects(_ key: String) throws(Problem) -> [JSONObject] {
        guard let value = values[key] else { throw missing(key) }
        guard let list = value as? [Any] else { throw wrong(key, "a list") }
        var out: [JSONObject] = []
        out.reserveCapacity(list.count)
        for (n, item) in list.enumerated() {
            guard let object = item as? [String: Any] else { throw Problem(text: "expected an object at \(place(key))[\(n)]") }
            out.append(JSONObject(object, path: "\(place(key))[\(n)]"))
        }
        return out
    }

    package func optionalObjects(_ key: String) throws(Problem) -> [JSONObject] {
        values[key] == nil ? [] : try objects(key)
    }

    /// An object whose every value is a list of text (framework id to ids).
    package func stringLists(_ key: String) throws(Problem) -> [String: [String]] {
        guard let value = values[key] else { return [:] }
        guard let object = value as? [String: Any] else { throw wrong(key, "an object") }
        let inner = JSONObject(object, path: place(key))
        var out: [String: [String]] = [:]
        for name in object.keys { out[name] = try inner.strings(name) }
        return out
    }
}

