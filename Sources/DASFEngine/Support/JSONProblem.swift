import Foundation

/// One-line explanations of JSON that could not be read, shared by catalogs and save files.
public enum JSONProblem {
    /// For bytes that are not JSON at all: empty, truncated, or something else entirely.
    /// `parserReason`, when the caller's parser already said where, is used instead of parsing
    /// the bytes a second time to find out.
    public static func describeUnparsable(_ data: Data, parserReason: String? = nil) -> String {
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
        if let parserReason { return "damaged: not valid JSON: \(parserReason)" }
        return "damaged: not valid JSON" + location(in: data)
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
