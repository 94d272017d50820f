import Foundation

/// One-line explanations of JSON that could not be read, shared by catalogs and save files.
public enum JSONProblem {
    /// For bytes that are not JSON at all: empty, truncated, or something else entirely.
    public static func describeUnparsable(_ data: Data) -> String {
        let trimmed = data.reversed().drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if trimmed.isEmpty { return "the file is empty" }
        guard let first = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            return "the file is empty"
        }
        if first != UInt8(ascii: "{") {
            if String(data: data, encoding: .utf8) == nil { return "not a text file (not valid UTF-8)" }
            return "not JSON (it does not start with \"{\")"
        }
        if trimmed.first != UInt8(ascii: "}") {
            return "truncated: the JSON ends before the document is complete (\(data.count) bytes)"
        }
        if String(data: data, encoding: .utf8) == nil { return "damaged: not valid UTF-8" }
        return "damaged: not valid JSON" + location(in: data)
    }

    /// For JSON that parsed but does not have the expected shape.
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \"\(key.stringValue)\"" + at(context.codingPath)
        case .typeMismatch(let type, let context):
            return "expected \(name(of: type))" + at(context.codingPath)
        case .valueNotFound(let type, let context):
            return "expected \(name(of: type)), found null" + at(context.codingPath)
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "damaged: not valid JSON" }
            return context.debugDescription + at(context.codingPath)
        @unknown default:
            return "\(error)"
        }
    }

    /// A dotted path such as `risks[3].controls`.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    private static func at(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "" : " at \(path(codingPath))"
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let described = "\(type)"
            if described.hasPrefix("Array") { return "a list" }
            if described.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }

    /// " (line L, column C)" of the first byte JSONSerialization refuses, when it says.
    private static func location(in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return ""
        } catch {
            let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            return message.isEmpty ? "" : " (\(message))"
        }
    }
}
