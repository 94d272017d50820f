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

/// "role-play prompt C10 L4 I5": a threat's text with, at the end, an optional component it
/// targets (C), likelihood (L) and impact (I).
enum ThreatText {
    static func parse(_ text: String) -> (text: String, component: Int?, likelihood: Int?, impact: Int?) {
        var words = text.split(separator: " ").map(String.init)
        var component: Int?, likelihood: Int?, impact: Int?
        while let last = words.last, last.count >= 2, let value = Int(last.dropFirst()) {
            switch last.first {
            case "L", "l" where likelihood == nil: likelihood = value
            case "I", "i" where impact == nil: impact = value
            case "C", "c" where component == nil: component = value
            default: return (words.joined(separator: " "), component, likelihood, impact)
            }
            words.removeLast()
        }
        return (words.joined(separator: " "), component, likelihood, impact)
    }
}
