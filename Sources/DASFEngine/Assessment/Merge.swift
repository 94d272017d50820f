/// One field two reviewers changed differently since their common version.
public struct MergeConflict: Sendable, Hashable {
    /// The field, as `AssessmentFields` names it ("control/DASF 54/owner").
    public let field: String
    public let base: String?
    public let mine: String?
    public let theirs: String?
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(field: String, base: String?, mine: String?, theirs: String?) {
        self.field = field
        self.base = base
        self.mine = mine
        self.theirs = theirs
    }

    /// "control DASF 54 owner".
    public var label: String { AssessmentFields.label(field) }
}

/// The result of a three-way merge: the merged assessment (holding mine where the two
/// conflict, with every conflict recorded in it) and what came from each side.
public struct MergeResult: Sendable {
    public let assessment: Assessment
    public let fromMine: Int
    public let fromTheirs: Int
    public var conflicts: [MergeConflict] { assessment.conflicts }
}

extension Assessment {
    /// Merges two versions edited apart from a common `base`, field by field: a field changed on
    /// one side only takes that change; changed alike on both, either; changed differently, a
    /// conflict keeps both values (mine in place, theirs in the record) so nothing is dropped.
    public static func merge(base: Assessment, mine: Assessment, theirs: Assessment) -> MergeResult {
        let b = AssessmentFields.flatten(base), m = AssessmentFields.flatten(mine), t = AssessmentFields.flatten(theirs)
        var merged: [String: String] = [:]
        var conflicts: [MergeConflict] = []
        var fromMine = 0, fromTheirs = 0
        for key in Set(b.keys).union(m.keys).union(t.keys).sorted(by: IDOrder.areInIncreasingOrder) {
            let x = b[key], y = m[key], z = t[key]
            let value: String?
            if y == z {
                value = y
                if y != x { fromMine += 1 }
            } else if y == x {
                value = z
                fromTheirs += 1
            } else if z == x {
                value = y
                fromMine += 1
            } else {
                value = y
                conflicts.append(MergeConflict(field: key, base: x, mine: y, theirs: z))
            }
            if let value { merged[key] = value }
        }
        var result = AssessmentFields.unflatten(merged, catalog: mine.catalog, order: [mine, theirs, base])
        let earlier = Set(mine.conflicts.map(\.field)).union(theirs.conflicts.map(\.field))
        result.conflicts = conflicts + (mine.conflicts + theirs.conflicts).filter { earlier.contains($0.field) && !conflicts.map(\.field).contains($0.field) }
        return MergeResult(assessment: result, fromMine: fromMine, fromTheirs: fromTheirs)
    }

    /// Journals merged by time: every entry of both, once, oldest first (mine first on a tie).
    public static func mergeJournals(_ mine: [JournalEntry], _ theirs: [JournalEntry]) -> [JournalEntry] {
        var seen = Set<JournalEntry>(), all: [(Int, JournalEntry)] = []
        for (n, entry) in (mine + theirs).enumerated() where seen.insert(entry).inserted { all.append((n, entry)) }
        return all.sorted { ($0.1.at, $0.0) < ($1.1.at, $1.0) }.map(\.1)
    }
}

/// An assessment as a flat map of field name to value, the unit of merging and conflicts.
public enum AssessmentFields {
    static let separator: Character = "\u{1F}"

    /// Unknown fields flatten to "unknown␟OWNER␟KEY" (OWNER as `Owner.key`), so they merge and
    /// conflict like any other field and survive "take theirs".
    static let unknownPrefix = "unknown\u{1F}"

    /// Which record an unknown field belongs to.
    enum Owner: Hashable {
        case top, useCase, catalog, scope
        case risk(String), control(String), organisational(String), comment(String)
        case threat(risk: String, id: String)

        var key: String {
            switch self {
            case .top: "top"
            case .useCase: "usecase"
            case .catalog: "catalog"
            case .scope: "scope"
            case .risk(let id): "risk\u{1E}\(id)"
            case .control(let id): "control\u{1E}\(id)"
            case .organisational(let id): "org\u{1E}\(id)"
            case .comment(let id): "comment\u{1E}\(id)"
            case .threat(let risk, let id): "threat\u{1E}\(risk)\u{1E}\(id)"
            }
        }

        init?(key: String) {
            let parts = key.split(separator: "\u{1E}", omittingEmptySubsequences: false).map(String.init)
            switch (parts[0], parts.count) {
            case ("top", 1): self = .top
            case ("usecase", 1): self = .useCase
            case ("catalog", 1): self = .catalog
            case ("scope", 1): self = .scope
            case ("risk", 2): self = .risk(parts[1])
            case ("control", 2): self = .control(parts[1])
            case ("org", 2): self = .organisational(parts[1])
            case ("comment", 2): self = .comment(parts[1])
            case ("threat", 3): self = .threat(risk: parts[1], id: parts[2])
            default: return nil
            }
        }
    }

    static func unknownFields(of a: Assessment) -> [(Owner, UnknownFields)] {
        var all: [(Owner, UnknownFields)] = [(.top, a.unknown), (.useCase, a.useCase.unknown), (.catalog, a.catalog.unknown), (.scope, a.scope.unknown)]
        for (id, r) in a.risks {
            all.append((.risk(id), r.unknown))
            for threat in r.threats { all.append((.threat(risk: id, id: threat.id), threat.unknown)) }
        }
        for (id, c) in a.controls { all.append((.control(id), c.unknown)) }
        for (risk, record) in a.organisationalRisks { all.append((.organisational(risk.rawValue), record.unknown)) }
        for comment in a.comments { all.append((.comment(comment.id), comment.unknown)) }
        return all.filter { !$0.1.isEmpty }
    }

    public static func flatten(_ a: Assessment) -> [String: String] {
        var out: [String: String] = ["title": a.title]
        func put(_ key: String, _ value: String?) { if let value { out[key] = value } }
        for (owner, fields) in unknownFields(of: a) {
            for field in fields.fields { out[unknownPrefix + owner.key + "\u{1F}" + field.key] = field.json }
        }
        put("usecase/businessOwner", a.useCase.businessOwner)
        put("usecase/description", a.useCase.description)
        if !a.useCase.stakeholders.isEmpty { out["usecase/stakeholders"] = a.useCase.stakeholders.joined(separator: String(separator)) }
        if !a.scope.isAll { out["scope"] = a.scope.deploymentModels.joined(separator: String(separator)) }
        for (id, r) in a.risks {
            if r.treatment != .mitigate { out["risk/\(id)/treatment"] = r.treatment.rawValue }
            put("risk/\(id)/rationale", r.rationale)
            put("risk/\(id)/notApplicableReason", r.notApplicableReason)
            if r.assessed { out["risk/\(id)/assessed"] = "yes" }
            for threat in r.threats {
                out["risk/\(id)/threat/\(threat.id)"] = [threat.text, threat.component.map(String.init) ?? "", threat.likelihood.map(String.init) ?? "",
                                                        threat.impact.map(String.init) ?? ""].joined(separator: String(separator))
            }
        }
        for (id, c) in a.controls {
            if c.status != .notStarted { out["control/\(id)/status"] = c.status.rawValue }
            put("control/\(id)/notApplicableReason", c.notApplicableReason)
            put("control/\(id)/owner", c.owner)
            put("control/\(id)/evidence", c.evidence)
            put("control/\(id)/note", c.note)
            put("control/\(id)/targetDate", c.targetDate)
            put("control/\(id)/reviewBy", c.reviewBy)
            put("control/\(id)/lastVerified", c.lastVerified)
        }
        for (risk, record) in a.organisationalRisks {
            put("org/\(risk.rawValue)/rating", record.rating.map(String.init))
            put("org/\(risk.rawValue)/notes", record.notes)
        }
        for comment in a.comments {
            let (kind, id): (String, String) = switch comment.target {
            case .risk(let id): ("risk", id)
            case .control(let id): ("control", id)
            }
            out["comment/\(comment.id)"] = [kind, id, comment.author, comment.at, comment.text].joined(separator: String(separator))
            if comment.resolved { out["comment/\(comment.id)/resolved"] = "yes" }
        }
        return out
    }

    /// The assessment a flat map describes. Unknown fields go back to their records in the order
    /// they had in the first of `order` that has them.
    public static func unflatten(_ fields: [String: String], catalog: CatalogReference, order: [Assessment] = []) -> Assessment {
        var a = Assessment(title: fields["title"] ?? "Untitled assessment", catalog: catalog)
        func parts(_ value: String) -> [String] { value.split(separator: separator, omittingEmptySubsequences: false).map(String.init) }
        a.useCase = UseCase(businessOwner: fields["usecase/businessOwner"], description: fields["usecase/description"],
                            stakeholders: fields["usecase/stakeholders"].map(parts) ?? [])
        a.scope = Scope(deploymentModels: fields["scope"].map(parts) ?? [])
        var comments: [String: Comment] = [:]
        var unknown: [Owner: [(String, String)]] = [:]
        for (key, value) in fields {
            if key.hasPrefix(unknownPrefix) {
                let rest = key.dropFirst(unknownPrefix.count)
                guard let split = rest.firstIndex(of: "\u{1F}"), let owner = Owner(key: String(rest[..<split])) else { continue }
                unknown[owner, default: []].append((String(rest[rest.index(after: split)...]), value))
                continue
            }
            let path = key.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard path.count >= 2 else { continue }
            switch (path[0], path.count) {
            case ("risk", 3):
                var r = a.risks[path[1]] ?? RiskRecord()
                switch path[2] {
                case "treatment": r.treatment = RiskTreatment(rawValue: value) ?? .mitigate
                case "rationale": r.rationale = value
                case "notApplicableReason": r.notApplicableReason = value
                case "assessed": r.assessed = true
                default: break
                }
                a.risks[path[1]] = r
            case ("risk", 4) where path[2] == "threat":
                var r = a.risks[path[1]] ?? RiskRecord()
                let p = parts(value)
                r.threats.append(Threat(id: path[3], text: p.first ?? "", component: p.count > 1 ? Int(p[1]) : nil,
                                        likelihood: p.count > 2 ? Int(p[2]) : nil, impact: p.count > 3 ? Int(p[3]) : nil))
                a.risks[path[1]] = r
            case ("control", 3):
                var c = a.controls[path[1]] ?? ControlRecord()
                switch path[2] {
                case "status": c.status = ControlStatus(rawValue: value) ?? .notStarted
                case "notApplicableReason": c.notApplicableReason = value
                case "owner": c.owner = value
                case "evidence": c.evidence = value
                case "note": c.note = value
                case "targetDate": c.targetDate = value
                case "reviewBy": c.reviewBy = value
                case "lastVerified": c.lastVerified = value
                default: break
                }
                a.controls[path[1]] = c
            case ("org", 3):
                guard let risk = OrganisationalRisk(rawValue: path[1]) else { continue }
                var record = a.organisationalRisks[risk] ?? OrganisationalRiskRecord()
                if path[2] == "rating" { record.rating = Int(value) } else if path[2] == "notes" { record.notes = value }
                a.organisationalRisks[risk] = record
            case ("comment", 2):
                let p = parts(value)
                guard p.count >= 5 else { continue }
                let target: Comment.Target = p[0] == "control" ? .control(p[1]) : .risk(p[1])
                comments[path[1]] = Comment(id: path[1], target: target, author: p[2], at: p[3], text: p[4...].joined(separator: String(separator)),
                                            resolved: fields["comment/\(path[1])/resolved"] != nil)
            default: break
            }
        }
        for id in a.risks.keys { a.risks[id]?.threats.sort { IDOrder.areInIncreasingOrder($0.id, $1.id) } }
        a.comments = comments.values.sorted { $0.at != $1.at ? $0.at < $1.at : IDOrder.areInIncreasingOrder($0.id, $1.id) }
        if !unknown.isEmpty { restore(unknown, into: &a, order: order) }
        return a
    }

    private static func restore(_ unknown: [Owner: [(String, String)]], into a: inout Assessment, order: [Assessment]) {
        let earlier = order.map { Dictionary(unknownFields(of: $0), uniquingKeysWith: { first, _ in first }) }
        for (owner, pairs) in unknown {
            // Keys in the order the first version that has them wrote them; new ones after.
            let known = earlier.compactMap { $0[owner]?.keys }.first ?? []
            let sorted = pairs.sorted { x, y in
                let i = known.firstIndex(of: x.0) ?? Int.max, j = known.firstIndex(of: y.0) ?? Int.max
                return i != j ? i < j : x.0 < y.0
            }
            let fields = UnknownFields(sorted.map { UnknownFields.Field(key: $0.0, json: $0.1) })
            switch owner {
            case .top: a.unknown = fields
            case .useCase: a.useCase.unknown = fields
            case .catalog: a.catalog.unknown = fields
            case .scope: a.scope.unknown = fields
            case .risk(let id): a.risks[id, default: RiskRecord()].unknown = fields
            case .control(let id): a.controls[id, default: ControlRecord()].unknown = fields
            case .organisational(let id):
                guard let risk = OrganisationalRisk(rawValue: id) else { continue }
                a.organisationalRisks[risk, default: OrganisationalRiskRecord()].unknown = fields
            case .comment(let id):
                guard let index = a.comments.firstIndex(where: { $0.id == id }) else { continue }
                a.comments[index].unknown = fields
            case .threat(let risk, let id):
                guard let index = a.risks[risk]?.threats.firstIndex(where: { $0.id == id }) else { continue }
                a.risks[risk]?.threats[index].unknown = fields
            }
        }
    }

    /// A field name for people: "control/DASF 54/owner" → "control DASF 54 owner".
    public static func label(_ field: String) -> String {
        if field.hasPrefix(unknownPrefix) {
            let parts = field.dropFirst(unknownPrefix.count).split(whereSeparator: { $0 == "\u{1E}" || $0 == "\u{1F}" })
            return (parts.first == "top" ? parts.dropFirst() : parts[...]).joined(separator: " ") + " (a field this dasf does not know)"
        }
        return field.split(separator: "/").joined(separator: " ")
    }

    /// A value for people: parts joined with ", ".
    public static func display(_ value: String?) -> String {
        guard let value else { return "(none)" }
        return value.split(separator: separator, omittingEmptySubsequences: false).joined(separator: ", ")
    }
}

extension MergeConflict {
    /// "control DASF 54 owner: mine Dana; theirs Sam (was Ana)", for every report and status.
    public var disputed: String {
        "\(label): mine \(AssessmentFields.display(mine)); theirs \(AssessmentFields.display(theirs)) (was \(AssessmentFields.display(base)))"
    }

    /// The line that heads a report or status while conflicts are unsettled.
    public static func warning(count: Int) -> String {
        "\(count) value\(count == 1 ? " is" : "s are") disputed by a merge and not yet settled: "
            + "what follows shows one side (mine) for \(count == 1 ? "it" : "them") until \(count == 1 ? "it is" : "they are") settled on the map (!)."
    }
}
