import Foundation

import DASFEngine

/// Case-insensitive search over risk and control ids, titles, descriptions and framework ids.
enum SearchIndex {
    static func hits(_ query: String, in catalog: Catalog) -> [Search.Hit] {
        let needle = query.lowercased()
        func matches(_ texts: [String]) -> Bool { texts.contains { $0.lowercased().contains(needle) } }
        var hits: [Search.Hit] = []
        for risk in catalog.risks where matches([risk.id, risk.title, risk.description] + risk.frameworks.values.flatMap { $0 }) {
            hits.append(.risk(risk.id))
        }
        for control in catalog.controls where matches([control.id, control.title, control.description] + control.frameworks.values.flatMap { $0 }) {
            hits.append(.control(control.id))
        }
        return hits
    }
}

/// The rating part of a threat, typed in a field of its own so free text can never trigger it:
/// "C10 L4 I5" (component, likelihood 1–5, impact 1–5), each optional, each at most once, in any
/// order. Anything else is refused with the reason, never dropped.
enum ThreatRating {
    struct Parsed: Equatable {
        var component: Int?
        var likelihood: Int?
        var impact: Int?
    }

    static func parse(_ text: String, allowComponent: Bool = true) -> Result<Parsed, ParseError> {
        var parsed = Parsed()
        for word in text.split(whereSeparator: \.isWhitespace) {
            guard let letter = word.first?.uppercased(), let value = Int(word.dropFirst()), word.dropFirst().allSatisfy(\.isASCII) else {
                return .failure(ParseError("\"\(word)\" is not C<component>, L1-5 or I1-5"))
            }
            switch letter {
            case "L":
                guard parsed.likelihood == nil else { return .failure(ParseError("L is given twice")) }
                guard (1...5).contains(value) else { return .failure(ParseError("likelihood \(value) is not 1-5")) }
                parsed.likelihood = value
            case "I":
                guard parsed.impact == nil else { return .failure(ParseError("I is given twice")) }
                guard (1...5).contains(value) else { return .failure(ParseError("impact \(value) is not 1-5")) }
                parsed.impact = value
            case "C" where allowComponent:
                guard parsed.component == nil else { return .failure(ParseError("C is given twice")) }
                guard value > 0 else { return .failure(ParseError("component \(value) does not exist")) }
                parsed.component = value
            default:
                return .failure(ParseError("\"\(word)\" is not \(allowComponent ? "C<component>, " : "")L1-5 or I1-5"))
            }
        }
        return .success(parsed)
    }

    struct ParseError: Error, Equatable {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
