import Foundation

/// A JSON Schema checker for the subset docs/schemas uses: type (one or several), const, enum,
/// properties, required, additionalProperties (false or a schema), items, minimum, maximum,
/// pattern. Returns every violation with its place, so a failing test says where.
struct SchemaValidator {
    let schema: [String: Any]

    init(file: URL) throws {
        schema = try XCTUnwrapJSON(Data(contentsOf: file))
    }

    func violations(of value: Any) -> [String] { check(value, against: schema, at: "$") }

    private func typeName(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case let number as NSNumber:
            if ["c", "B"].contains(String(cString: number.objCType)) { return "boolean" }
            return number.doubleValue == number.doubleValue.rounded() ? "integer" : "number"
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        default: return "unknown"
        }
    }

    private func check(_ value: Any, against schema: [String: Any], at place: String) -> [String] {
        var found: [String] = []
        let actual = typeName(value)
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [(type as? String) ?? ""]
            if !allowed.contains(actual) && !(actual == "integer" && allowed.contains("number")) {
                return ["\(place): \(actual), expected \(allowed.joined(separator: " or "))"]
            }
        }
        if let constant = schema["const"] as? String, value as? String != constant { found.append("\(place): not \(constant)") }
        if let options = schema["enum"] as? [String], let text = value as? String, !options.contains(text) { found.append("\(place): \(text) not in \(options)") }
        if let number = value as? NSNumber, actual != "boolean" {
            if let minimum = schema["minimum"] as? Double, number.doubleValue < minimum { found.append("\(place): below \(minimum)") }
            if let maximum = schema["maximum"] as? Double, number.doubleValue > maximum { found.append("\(place): above \(maximum)") }
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String, text.range(of: pattern, options: .regularExpression) == nil {
            found.append("\(place): \"\(text)\" does not match \(pattern)")
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(place): missing \(key)") }
            for (key, item) in object {
                if let property = properties[key] {
                    found += check(item, against: property, at: "\(place).\(key)")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    found += check(item, against: extra, at: "\(place).\(key)")
                } else if (schema["additionalProperties"] as? Bool) == false {
                    found.append("\(place): \(key) is not in the schema")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any], !items.isEmpty {
            for (n, item) in array.enumerated() { found += check(item, against: items, at: "\(place)[\(n)]") }
        }
        return found
    }
}

private func XCTUnwrapJSON(_ data: Data) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
    return object
}
