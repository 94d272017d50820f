import Foundation

/// JSON for standard output: pretty, keys sorted, slashes left alone. Stable across runs.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Coverage and shares rounded to three places, so output does not churn in the last digit.
    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
