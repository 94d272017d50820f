import DASFEngine
import Foundation

/// The assessment as a MITRE ATLAS Navigator layer (layer format 4.5): each ATLAS technique the
/// in-scope risks cite, scored by how much of that is dealt with (100: every citing risk mitigated
/// or treated) and coloured by the worst state among them, with a comment naming the risks and a
/// legend. Tactic ids (AML.TA…) are not techniques: they are left out and reported, as are ids
/// ATLAS has retired.
public enum AtlasLayer {
    /// ATLAS ids MITRE has retired (still cited by the 2.0 compendium).
    public static let retired: Set<String> = ["AML.T0022"]

    public struct Result: Sendable {
        public let json: String
        /// What was left out or flagged, one line each.
        public let notes: [String]
        public let techniques: Int
    }

    static let colours = (open: "#e06666", partial: "#f6b26b", done: "#93c47d")

    /// What a layer left out or flagged, one line each.
    static func notes(tactics: Set<String>, retired: Set<String>) -> [String] {
        var notes: [String] = []
        if !tactics.isEmpty { notes.append("left out, tactics rather than techniques: \(tactics.sorted().joined(separator: ", "))") }
        if !retired.isEmpty { notes.append("kept but flagged, retired from ATLAS: \(retired.sorted().joined(separator: ", "))") }
        return notes
    }

    public static func render(_ input: ReportInput, domain: String = "atlas-atlas") throws -> Result {
        var cited: [String: [(Risk, RiskEvaluation)]] = [:], order: [String] = []
        var tactics = Set<String>(), retiredSeen = Set<String>()
        for (risk, evaluation) in input.risks where evaluation.state.isInScope {
            for id in risk.frameworks["mitre-atlas"] ?? [] {
                if id.hasPrefix("AML.TA") { tactics.insert(id); continue }
                if retired.contains(id) { retiredSeen.insert(id) }
                if cited[id] == nil { order.append(id) }
                cited[id, default: []].append((risk, evaluation))
            }
        }
        let techniques: [Navigator.Technique] = order.sorted().map { id in
            let risks = cited[id] ?? []
            let done = risks.filter { [.mitigated, .accepted, .transferred, .avoided].contains($0.1.state) }.count
            let worst: String = risks.contains { $0.1.state == .open } ? colours.open
                : risks.contains { $0.1.state == .partial } ? colours.partial : colours.done
            let names = risks.map { "\($0.0.id) \($0.0.title) (\($0.1.state.label))" }
            return Navigator.Technique(techniqueID: id, score: risks.isEmpty ? 0 : done * 100 / risks.count, color: worst,
                             comment: (retired.contains(id) ? "Retired from ATLAS; cited by the DASF compendium. " : "") + "Cited by " + names.joined(separator: "; "),
                             enabled: true, metadata: risks.map { Navigator.Meta(name: "DASF risk", value: "\($0.0.id) \($0.0.title): \($0.1.state.label)") },
                             showSubtechniques: false)
        }
        let layer = Navigator.Layer(
            name: "\(input.assessment.title): DASF risks on ATLAS",
            versions: Navigator.Versions(layer: "4.5"), domain: domain,
            description: "From dasf: the ATLAS techniques the in-scope risks of \(input.catalog.title) cite, scored by the share of those risks mitigated or treated (100 = all). Scope: \(input.scopeText).",
            sorting: 3, hideDisabled: false, techniques: techniques,
            gradient: Navigator.Gradient(colors: [colours.open, colours.partial, colours.done], minValue: 0, maxValue: 100),
            legendItems: [Navigator.Legend(label: "a citing risk is open", color: colours.open), Navigator.Legend(label: "citing risks partly mitigated", color: colours.partial),
                          Navigator.Legend(label: "every citing risk mitigated or treated", color: colours.done)])
        let json = try Navigator.encode(layer)
        return Result(json: Escaping.jsonInert(json), notes: notes(tactics: tactics, retired: retiredSeen), techniques: techniques.count)
    }
}

/// The ATLAS Navigator's layer format (4.5), as far as dasf writes it: shared by the assessment's
/// layer and the portfolio's.
enum Navigator {
    struct Meta: Encodable { let name, value: String }
    struct Technique: Encodable {
        let techniqueID: String
        let score: Int
        let color: String
        let comment: String
        let enabled: Bool
        let metadata: [Meta]
        let showSubtechniques: Bool
    }
    struct Legend: Encodable { let label, color: String }
    struct Gradient: Encodable { let colors: [String]; let minValue: Int; let maxValue: Int }
    struct Versions: Encodable { let layer: String }
    struct Layer: Encodable {
        let name: String
        let versions: Versions
        let domain: String
        let description: String
        let sorting: Int
        let hideDisabled: Bool
        let techniques: [Technique]
        let gradient: Gradient
        let legendItems: [Legend]
    }

    static func encode(_ layer: Layer) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(layer), as: UTF8.self) + "\n"
    }
}

extension AtlasLayer {
    /// The portfolio on ATLAS: each technique scored by how many systems leave open a risk that
    /// cites it (partial ones said in the comment), so the techniques most of the estate is
    /// exposed to stand out. Tactics and retired ids are handled as in the assessment's layer.
    public static func render(portfolio input: PortfolioReport.Input, domain: String = "atlas-atlas") throws -> Result {
        var open: [String: Set<String>] = [:], partial: [String: Set<String>] = [:]
        var tactics = Set<String>(), retiredSeen = Set<String>(), seen = Set<String>()
        for system in input.rows {
            for column in input.columns {
                for risk in system.unsettledRisks[column.id] ?? [] {
                    for id in input.portfolio.atlas[risk.id] ?? [] {
                        if id.hasPrefix("AML.TA") { tactics.insert(id); continue }
                        if retired.contains(id) { retiredSeen.insert(id) }
                        seen.insert(id)
                        if risk.partial { partial[id, default: []].insert(system.path) } else { open[id, default: []].insert(system.path) }
                    }
                }
            }
        }
        let count = max(1, input.rows.count)
        let techniques = seen.sorted().map { id -> Navigator.Technique in
            let o = open[id]?.count ?? 0, p = partial[id]?.subtracting(open[id] ?? []).count ?? 0
            let colour = o * 2 >= count ? colours.open : o > 0 ? colours.partial : colours.done
            return Navigator.Technique(
                techniqueID: id, score: o, color: colour,
                comment: (retired.contains(id) ? "Retired from ATLAS; cited by the DASF compendium. " : "") + "Left open by \(o) of \(input.rows.count) systems; partly mitigated in \(p) more.",
                enabled: true, metadata: [Navigator.Meta(name: "systems open", value: "\(o)"), Navigator.Meta(name: "systems partial", value: "\(p)")],
                showSubtechniques: false)
        }
        let layer = Navigator.Layer(
            name: "Portfolio: DASF risks left open, on ATLAS", versions: Navigator.Versions(layer: "4.5"), domain: domain,
            description: "From dasf portfolio: for each ATLAS technique the systems' open risks cite, how many of the \(input.rows.count) systems leave such a risk open (\(input.summary)).",
            sorting: 3, hideDisabled: false, techniques: techniques,
            gradient: Navigator.Gradient(colors: [colours.done, colours.partial, colours.open], minValue: 0, maxValue: input.rows.count),
            legendItems: [Navigator.Legend(label: "half the systems or more leave it open", color: colours.open),
                          Navigator.Legend(label: "some systems leave it open", color: colours.partial),
                          Navigator.Legend(label: "only partly mitigated, none open", color: colours.done)])
        return Result(json: Escaping.jsonInert(try Navigator.encode(layer)), notes: notes(tactics: tactics, retired: retiredSeen), techniques: techniques.count)
    }
}
