import DASFEngine
import Foundation

/// Builds a catalog in dasf's format from the DASF compendium as Databricks publishes it: the
/// risks sheet ("AI Lifecycle Risks") and the controls sheet ("… Mitigation Controls"), columns
/// found by their headers, not their places. Every inconsistency is a `LintItem` saying what was
/// done about it; with `strict`, the first one stops the import instead.
public enum CompendiumImport {
    /// Which sheet's risk-control pairs make the mapping when the two disagree.
    public enum PairSource: String, Sendable, CaseIterable {
        /// The risks sheet's "Mitigation Controls IDs" (the default: it is what each risk row says).
        case risks
        /// The controls sheet's "Risk ID".
        case controls
        /// Every pair either sheet gives.
        case union
    }

    public struct Options: Sendable {
        public var pairs: PairSource
        public var strict: Bool
        public var id: String
        public var title: String?

        public init(pairs: PairSource = .risks, strict: Bool = false, id: String = "dasf-imported", title: String? = nil) {
            self.pairs = pairs
            self.strict = strict
            self.id = id
            self.title = title
        }
    }

    public struct Result: Sendable {
        /// The catalog file, in dasf's format (docs/catalog-format.md).
        public let catalogJSON: Data
        public let catalog: Catalog
        public let lint: [LintItem]
    }

    /// Deployment-model columns dasf knows, by header, with the ids and names of the built-in catalogs.
    static let knownModels: [(header: String, id: String, name: String)] = [
        ("predictive ml models", "predictive-ml", "Predictive ML models"), ("rag - llms", "rag", "RAG LLMs"),
        ("fine-tuned llms", "fine-tuned", "Fine-tuned LLMs"), ("pre-trained llms", "pre-trained", "Pre-trained LLMs"),
        ("foundational llms", "foundation-api", "Foundation model APIs"), ("external models", "external", "External models"),
    ]

    /// Framework columns by the start of their header: our id, name, and how an id looks in a cell.
    static let knownFrameworks: [(prefix: String, id: String, name: String, pattern: String)] = [
        ("mitre atlas", "mitre-atlas", "MITRE ATLAS", #"AML\.TA?\d{4}(?:\.\d{3})?"#),
        ("mitre attack", "mitre-attack", "MITRE ATT&CK", #"\b(?:TA|T|M)\d{4}(?:\.\d{3})?\b"#),
        ("owasp llm", "owasp-llm-2023", "OWASP Top 10 for LLM Applications (2023, v1.1 numbering)", #"LLM\d{2}"#),
        ("owasp ml", "owasp-ml-2023", "OWASP Machine Learning Security Top 10 (2023)", #"ML\d{2}:\d{4}"#),
        ("nist - 800- 53", "nist-800-53r5", "NIST SP 800-53 Rev. 5", #"\b[A-Z]{2}-\d+(?:\(\d+\))?"#),
        ("nist 800-53 - rev", "nist-800-53r5", "NIST SP 800-53 Rev. 5", #"\b[A-Z]{2}-\d+(?:\(\d+\))?"#),
        ("iso 42001", "iso-42001", "ISO/IEC 42001:2023", #"\bA\.\d+(?:\.\d+)+"#),
        ("iso 27001", "iso-27001-2022", "ISO/IEC 27001:2022", #"\bA\.\d+(?:\.\d+)+"#),
        ("eu ai act", "eu-ai-act", "EU AI Act", #"\bArt(?:icle)?\.?\s*\d+"#),
    ]

    static let stageIDs: [String: (id: String, name: String)] = [
        "data operations": ("data-operations", "Data operations"), "model operations": ("model-operations", "Model operations"),
        "model deployment and serving": ("model-deployment-and-serving", "Model deployment and serving"),
        "operations and platform": ("operations-and-platform", "Operations and platform"),
    ]

    /// Headers people read the same: case, runs of white space and the kind of dash do not matter.
    static func normal(_ header: String) -> String {
        header.replacingOccurrences(of: "—", with: "-").replacingOccurrences(of: "–", with: "-")
            .lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    public static func run(risks riskSheet: Sheet, controls controlSheet: Sheet, options: Options = Options()) throws(ImportError) -> Result {
        var lint: [LintItem] = []
        func note(_ sheet: Sheet, _ index: Int?, _ column: String?, _ problem: String, _ action: String) throws(ImportError) {
            let item = LintItem(sheet: sheet.name, row: index.map(Sheet.rowNumber), column: column, problem: problem, action: action)
            if options.strict { throw ImportError("refused (--strict): " + item.description) }
            lint.append(item)
        }
        let r = try Columns(riskSheet), c = try Columns(controlSheet)
        let riskID = try r.required("risk id"), riskTitle = try r.required("risk"), riskControls = try r.required("mitigation controls ids")
        let controlID = try c.required("control id"), controlTitle = try c.required("control")
        let riskStage = r.find("system component"), riskRevision = r.find("dasf revision"), description = r.find("risk description")
        let controlRisks = c.find("risk id"), controlDescription = c.find("description"), controlRevision = c.find("dasf revision")

        // Risks.
        let idPattern = try! NSRegularExpression(pattern: #"(\d+)\.(\d+)"#)
        func riskNumber(_ text: String) -> (id: String, component: Int, prefix: String)? {
            let ns = text as NSString
            guard let m = idPattern.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
            let prefix = ns.substring(to: m.range.location).trimmingCharacters(in: .whitespaces)
            return (ns.substring(with: m.range), Int(ns.substring(with: m.range(at: 1))) ?? 0, prefix)
        }
        var risks: [[String: Any]] = [], riskIndex: [String: Int] = [:], componentNames: [Int: [String: Int]] = [:]
        var spellings: [Int: [String]] = [:], titlesWithIDs = 0
        var componentStage: [Int: String] = [:], stagesSeen: [(id: String, name: String)] = []
        var riskPairs: [(risk: String, control: String)] = []
        // DASF 3.0 splits a component into sub-components (13A agent core, …); a column naming
        // them, where the sheet has one, gives each risk its part.
        let partColumn = r.find("sub-component") ?? r.find("subcomponent") ?? r.find("sub component") ?? r.find("system sub-component")
        var parts: [Int: [(id: String, name: String)]] = [:]
        let partPattern = try! NSRegularExpression(pattern: #"^\s*(\d+)([A-Za-z])\b[\s:.\-–—]*(.*)$"#)
        func part(_ text: String, of component: Int, row: Int) throws(ImportError) -> String? {
            let value = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !value.isEmpty else { return nil }
            let ns = value as NSString
            var id: String?, name = value
            if let m = partPattern.firstMatch(in: value, range: NSRange(location: 0, length: ns.length)) {
                let number = Int(ns.substring(with: m.range(at: 1))) ?? component, letter = ns.substring(with: m.range(at: 2)).uppercased()
                if number != component {
                    try note(riskSheet, row, partColumn.map { r.original[$0] }, "sub-component \"\(value)\" is numbered for component \(number), on a risk of component \(component)",
                             "read as \(component)\(letter)")
                }
                id = "\(component)\(letter)"
                let rest = ns.substring(with: m.range(at: 3)).trimmingCharacters(in: .whitespaces)
                name = rest.isEmpty ? id! : rest
            }
            var known = parts[component] ?? []
            if let existing = known.first(where: { $0.id == id || (id == nil && $0.name.lowercased() == name.lowercased()) }) { return existing.id }
            // Unnumbered names get the next letter, in the order the rows give them.
            let assigned = id ?? "\(component)\(Character(UnicodeScalar(UInt8(65 + min(known.count, 25)))))"
            known.append((assigned, name))
            parts[component] = known
            return assigned
        }
        let modelColumns = Self.modelColumns(r)
        let riskFrameworks = Self.frameworkColumns(r)
        for (index, row) in riskSheet.rows.enumerated() {
            let raw = row[riskID]
            guard let number = riskNumber(raw) else {
                try note(riskSheet, index, r.original[riskID], "no risk id (like 9.1) in \"\(raw)\"", "row left out")
                continue
            }
            if raw != raw.trimmingCharacters(in: .whitespaces) { try note(riskSheet, index, r.original[riskID], "\"\(raw)\" has spaces around it", "trimmed") }
            if riskIndex[number.id] != nil { try note(riskSheet, index, r.original[riskID], "risk \(number.id) appears twice", "the later row left out"); continue }
            if !number.prefix.isEmpty {
                if !(spellings[number.component] ?? []).contains(number.prefix) { spellings[number.component, default: []].append(number.prefix) }
                componentNames[number.component, default: [:]][normal(number.prefix).replacingOccurrences(of: " - ", with: ": "), default: 0] += 1
            }
            // "Raw Data 1.1: Insufficient access controls": the title is what follows the id.
            var title = row[riskTitle].trimmingCharacters(in: .whitespacesAndNewlines)
            if let range = title.range(of: number.id), let colon = title[range.upperBound...].firstIndex(of: ":"),
               title[range.upperBound..<colon].trimmingCharacters(in: .whitespaces).isEmpty {
                title = String(title[title.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                titlesWithIDs += 1
            }
            if let stageColumn = riskStage {
                let name = normal(row[stageColumn])
                if let stage = stageIDs[name] ?? (name.isEmpty ? nil : (slug(name), row[stageColumn].trimmingCharacters(in: .whitespaces))) {
                    componentStage[number.component] = componentStage[number.component] ?? stage.id
                    if !stagesSeen.contains(where: { $0.id == stage.id }) { stagesSeen.append((stage.id, stageIDs[name]?.name ?? stage.name)) }
                }
            }
            let controls = splitList(row[riskControls]).compactMap { controlIdentifier($0) }
            for control in controls { riskPairs.append((number.id, control)) }
            var models: [String] = []
            for (column, model) in modelColumns where isYes(row[column]) { models.append(model.id) }
            if models.isEmpty { try note(riskSheet, index, nil, "risk \(number.id) applies to no deployment model", "kept; it is never in scope") }
            let frameworks = Self.frameworkIDs(row, riskFrameworks)
            var risk: [String: Any] = ["id": number.id, "title": title, "component": number.component, "controls": controls, "deploymentModels": models]
            if let partColumn, let id = try part(row[partColumn], of: number.component, row: index) { risk["part"] = id }
            if let revisionColumn = riskRevision, let revision = revisionTag(row[revisionColumn]) { risk["revision"] = revision }
            if let description { risk["description"] = row[description].trimmingCharacters(in: .whitespacesAndNewlines) }
            if let column = r.find("initial ai risk impacts") { risk["impacts"] = splitList(row[column]) }
            if let column = r.find("business impacts") { risk["businessImpacts"] = splitList(row[column]) }
            if let column = r.find("ai novelty") { risk["category"] = row[column].trimmingCharacters(in: .whitespaces) }
            if !frameworks.isEmpty { risk["frameworks"] = frameworks }
            riskIndex[number.id] = risks.count
            risks.append(risk)
        }

        if titlesWithIDs > 0 {
            try note(riskSheet, nil, r.original[riskTitle], "\(titlesWithIDs) titles repeat their risk's id before a colon (\"Raw Data 1.1: …\")", "the text after the colon kept as the title")
        }
        if let llm = riskFrameworks.first(where: { $0.1.id == "owasp-llm-2023" }), r.original[llm.0].contains("2025"),
           Self.followsOWASP2023(riskSheet.rows.map { $0[llm.0] }) {
            try note(riskSheet, nil, r.original[llm.0], "the header says 2025 but the ids carry the 2023 (v1.1) names (LLM02 Insecure Output Handling, …)", "read as the 2023 numbering")
        }

        // Controls.
        var controls: [[String: Any]] = [], controlPairs: [(risk: String, control: String)] = [], controlIndex: [String: Int] = [:]
        let controlFrameworks = Self.frameworkColumns(c)
        for (index, row) in controlSheet.rows.enumerated() {
            guard let id = controlIdentifier(row[controlID]) else {
                try note(controlSheet, index, c.original[controlID], "no control id (like DASF 1) in \"\(row[controlID])\"", "row left out")
                continue
            }
            if controlIndex[id] != nil { try note(controlSheet, index, c.original[controlID], "\(id) appears twice", "the later row left out"); continue }
            var title = row[controlTitle].trimmingCharacters(in: .whitespacesAndNewlines)
            if let colon = title.firstIndex(of: ":"), controlIdentifier(String(title[..<colon])) == id {
                title = String(title[title.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            }
            if let column = controlRisks {
                for item in splitList(row[column]) {
                    guard let number = riskNumber(item) else { continue }
                    if !number.prefix.isEmpty, !(spellings[number.component] ?? []).contains(number.prefix) { spellings[number.component, default: []].append(number.prefix) }
                    if riskIndex[number.id] == nil {
                        try note(controlSheet, index, c.original[column], "\(id) names risk \(number.id), which the risks sheet does not have", "that pair left out")
                        continue
                    }
                    controlPairs.append((number.id, id))
                }
            }
            var control: [String: Any] = ["id": id, "title": title]
            if let column = controlDescription { control["description"] = row[column].trimmingCharacters(in: .whitespacesAndNewlines) }
            if let column = controlRevision, let revision = revisionTag(row[column]) { control["revision"] = revision }
            if let column = c.find("security control type") { control["type"] = row[column].trimmingCharacters(in: .whitespaces) }
            if let column = c.find("databricks shared responsibility") { control["responsibility"] = row[column].trimmingCharacters(in: .whitespaces) }
            if let column = c.find("feature / control") { control["kind"] = row[column].trimmingCharacters(in: .whitespaces) }
            if let column = c.find("ai system novelty") { control["novelty"] = row[column].trimmingCharacters(in: .whitespaces) }
            if let column = c.find("ai system component step") { control["appliesTo"] = row[column].trimmingCharacters(in: .whitespaces) }
            let frameworks = Self.frameworkIDs(row, controlFrameworks)
            if !frameworks.isEmpty { control["frameworks"] = frameworks }
            controlIndex[id] = controls.count
            controls.append(control)
        }

        // "Model Serving - Inference requests 9.1" and "Model Serving — Inference requests 9.11":
        // one component, however its ids are written on either sheet.
        for component in spellings.keys.sorted() where (spellings[component] ?? []).count > 1 {
            let ways = spellings[component] ?? []
            try note(controlSheet, nil, nil, "component \(component)'s ids are written \(ways.count) ways on the two sheets (\(ways.map { "\"\($0)\"" }.joined(separator: ", ")))",
                     "read as one component, named by the commonest spelling on the risks sheet")
        }

        // The two sheets' mappings: compared, then one chosen.
        let fromRisks = Set(riskPairs.map { "\($0.risk)|\($0.control)" }), fromControls = Set(controlPairs.map { "\($0.risk)|\($0.control)" })
        let sorted = { (set: Set<String>) in set.sorted { a, b in
            let x = a.split(separator: "|"), y = b.split(separator: "|")
            return x[0] != y[0] ? IDOrder.areInIncreasingOrder(String(x[0]), String(y[0])) : IDOrder.areInIncreasingOrder(String(x[1]), String(y[1]))
        } }
        let chosen: Set<String> = switch options.pairs {
        case .risks: fromRisks
        case .controls: fromControls
        case .union: fromRisks.union(fromControls)
        }
        if controlRisks != nil {
            for pair in sorted(fromRisks.subtracting(fromControls)) {
                let p = pair.split(separator: "|")
                try note(riskSheet, riskIndex[String(p[0])], r.original[riskControls], "risk \(p[0]) lists \(p[1]), but \(p[1])'s row on the controls sheet does not list \(p[0])",
                         chosen.contains(pair) ? "pair kept (--pairs \(options.pairs.rawValue))" : "pair left out (--pairs \(options.pairs.rawValue))")
            }
            for pair in sorted(fromControls.subtracting(fromRisks)) {
                let p = pair.split(separator: "|")
                try note(controlSheet, controlIndex[String(p[1])], c.original[controlRisks!], "\(p[1]) lists risk \(p[0]), but risk \(p[0])'s row on the risks sheet does not list \(p[1])",
                         chosen.contains(pair) ? "pair kept (--pairs \(options.pairs.rawValue))" : "pair left out (--pairs \(options.pairs.rawValue))")
            }
        }
        for index in risks.indices {
            let id = risks[index]["id"] as! String
            var mapped: [String] = []
            for control in (risks[index]["controls"] as? [String] ?? []) + controlPairs.filter({ $0.risk == id }).map(\.control)
            where chosen.contains("\(id)|\(control)") && !mapped.contains(control) {
                if controlIndex[control] == nil {
                    try note(riskSheet, index, r.original[riskControls], "risk \(id) names \(control), which the controls sheet does not have", "that pair left out")
                    continue
                }
                mapped.append(control)
            }
            risks[index]["controls"] = mapped
        }
        let mappedControls = Set(risks.flatMap { $0["controls"] as? [String] ?? [] })
        for (index, control) in controls.enumerated() where !mappedControls.contains(control["id"] as! String) {
            try note(controlSheet, index, nil, "\(control["id"]!) mitigates no risk", "kept, with no risk to show it on")
        }
        try checkRevisions(&risks, riskIndex: riskIndex, sheet: riskSheet, column: riskRevision.map { r.original[$0] }, note: note)
        let highest = (risks + controls).compactMap { $0["revision"] as? String }.max { IDOrder.areInIncreasingOrder($0, $1) } ?? "imported"

        // Components and stages, in the order their ids and rows give.
        let componentIDs = Set(risks.map { $0["component"] as! Int }).sorted()
        var stages = stagesSeen
        if stages.isEmpty { stages = [("all", "All components")] }
        let components: [[String: Any]] = componentIDs.map { id in
            let name = componentNames[id]?.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
            var component: [String: Any] = ["id": id, "name": name.map(displayName) ?? "Component \(id)", "stage": componentStage[id] ?? stages[0].id]
            if let list = parts[id] { component["parts"] = list.sorted { $0.id < $1.id }.map { ["id": $0.id, "name": $0.name] } }
            return component
        }
        var catalog: [String: Any] = [
            "format": "dasf-catalog", "formatVersion": 1, "id": options.id, "version": highest,
            "title": options.title ?? "DASF \(highest), imported from the compendium",
            "source": "Imported by dasf catalog import from \(riskSheet.name) and \(controlSheet.name).", "derived": false,
            "notes": ["Imported from the DASF compendium workbook; its texts are the publisher's, for the user's own use."],
            "frameworks": (riskFrameworks + controlFrameworks).map { ["id": $0.1.id, "name": $0.1.name] }.reduce(into: [[String: String]]()) { list, f in
                if !list.contains(where: { $0["id"] == f["id"] }) { list.append(f) }
            },
            "deploymentModels": modelColumns.map { ["id": $0.1.id, "name": $0.1.name] },
            "stages": stages.enumerated().map { n, stage in
                ["id": stage.id, "name": stage.name, "foundation": stage.id == "operations-and-platform" || (n == stages.count - 1 && stages.count > 3 && stage.name.lowercased().contains("platform"))]
            },
            "components": components, "risks": risks, "controls": controls,
        ]
        if modelColumns.isEmpty { throw ImportError("\(riskSheet.name): no deployment-model column (Yes/No per model, like \"RAG - LLMs\")") }
        catalog["licence"] = "CC BY-SA 4.0 (the DASF compendium, by Databricks)"
        let data: Data
        do { data = try JSONSerialization.data(withJSONObject: catalog, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) } catch {
            throw ImportError("the imported catalog could not be written: \(error)")
        }
        let loaded: Catalog
        do { loaded = try Catalog.load(data: data, origin: "the imported catalog") } catch {
            throw ImportError("the imported catalog fails dasf's own checks: \(error)")
        }
        return Result(catalogJSON: data + Data("\n".utf8), catalog: loaded, lint: lint)
    }

    /// OWASP's LLM Top 10 of 2023 (v1.1), by id: a column whose ids carry these names follows
    /// that numbering whatever its header says.
    static let owasp2023 = ["LLM01": "prompt injection", "LLM02": "insecure output handling", "LLM03": "training data poisoning",
                            "LLM04": "model denial of service", "LLM05": "supply chain vulnerabilities", "LLM06": "sensitive information disclosure",
                            "LLM07": "insecure plugin design", "LLM08": "excessive agency", "LLM09": "overreliance", "LLM10": "model theft"]

    static func followsOWASP2023(_ cells: [String]) -> Bool {
        cells.contains { cell in
            let lower = cell.lowercased()
            return owasp2023.contains { id, name in
                guard let at = lower.range(of: id.lowercased()) else { return false }
                return lower[at.upperBound...].prefix(name.count + 12).contains(name)
            }
        }
    }

    /// The compendium names revisions "DASF v 1.0", "DASF v2.0", "v 1.1": the number is kept.
    static func revisionTag(_ text: String) -> String? {
        matches(#"\d+\.\d+"#, in: text).first
    }

    /// Within a component, risks added later get later numbers. A single pair of tags against
    /// that order (the published 12.2 and 12.7) is taken for a swap and corrected, and said.
    static func checkRevisions(_ risks: inout [[String: Any]], riskIndex: [String: Int], sheet: Sheet, column: String?,
                               note: (Sheet, Int?, String?, String, String) throws(ImportError) -> Void) throws(ImportError) {
        let byComponent = Dictionary(grouping: risks.indices, by: { risks[$0]["component"] as! Int })
        for component in byComponent.keys.sorted() {
            let indices = byComponent[component]!.sorted { IDOrder.areInIncreasingOrder(risks[$0]["id"] as! String, risks[$1]["id"] as! String) }
            let tags = indices.map { risks[$0]["revision"] as? String ?? "" }
            let ordered = tags.sorted { IDOrder.areInIncreasingOrder($0, $1) }
            guard tags != ordered, !tags.contains("") else { continue }
            let wrong = tags.indices.filter { tags[$0] != ordered[$0] }
            if wrong.count == 2 {
                let a = indices[wrong[0]], b = indices[wrong[1]]
                let ida = risks[a]["id"] as! String, idb = risks[b]["id"] as! String
                try note(sheet, a, column, "risks \(ida) (\(tags[wrong[0]])) and \(idb) (\(tags[wrong[1]])) are tagged against the order of their numbers: a later risk cannot be older",
                         "the two tags swapped (\(ida) \(tags[wrong[1]]), \(idb) \(tags[wrong[0]]))")
                risks[a]["revision"] = tags[wrong[1]]
                risks[b]["revision"] = tags[wrong[0]]
            } else {
                try note(sheet, indices[wrong[0]], column, "component \(component)'s revision tags are not in the order of its risk numbers", "kept as published")
            }
        }
    }

    /// "DASF 5", "dasf5", "DASF 5: title", "DASF-5" → "DASF 5".
    static func controlIdentifier(_ text: String) -> String? {
        guard let n = matches(#"(?i)\bDASF\s*-?\s*(\d+)"#, in: text, group: 1).first else { return nil }
        return "DASF \(Int(n) ?? 0)"
    }

    /// Cells listing several values: commas, semicolons, new lines or bullets between them.
    static func splitList(_ text: String) -> [String] {
        text.replacingOccurrences(of: "•", with: "\n").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0.lowercased() != "no mapping" }
    }

    static func isYes(_ text: String) -> Bool {
        ["yes", "y", "x", "✓", "true", "1"].contains(text.trimmingCharacters(in: .whitespaces).lowercased())
    }

    static func matches(_ pattern: String, in text: String, group: Int = 0) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        var out: [String] = []
        for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) where m.range(at: group).location != NSNotFound {
            let value = ns.substring(with: m.range(at: group))
            if !out.contains(value) { out.append(value) }
        }
        return out
    }

    static func slug(_ text: String) -> String {
        normal(text).map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined().split(separator: "-").joined(separator: "-")
    }

    /// "model serving: inference requests" → "Model serving: inference requests".
    static func displayName(_ normalised: String) -> String {
        normalised.prefix(1).uppercased() + normalised.dropFirst()
    }

    /// Deployment-model columns: the known ones by header, and any other whose cells are only
    /// Yes/No/blank with at least one Yes (a model a later compendium adds).
    static func modelColumns(_ c: Columns) -> [(Int, (id: String, name: String))] {
        var out: [(Int, (id: String, name: String))] = []
        for (index, header) in c.header.enumerated() {
            if let known = knownModels.first(where: { $0.header == header }) {
                out.append((index, (known.id, known.name)))
            } else if c.isYesNo(index), !["ai novelty"].contains(header) {
                out.append((index, (slug(header), c.original[index].trimmingCharacters(in: .whitespaces))))
            }
        }
        return out
    }

    /// The framework ids a row's framework columns cite, each once, by framework.
    static func frameworkIDs(_ row: [String], _ columns: [(Int, (id: String, name: String, pattern: String))]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (column, framework) in columns {
            for id in matches(framework.pattern, in: row[column]) where !(out[framework.id] ?? []).contains(id) { out[framework.id, default: []].append(id) }
        }
        return out
    }

    static func frameworkColumns(_ c: Columns) -> [(Int, (id: String, name: String, pattern: String))] {
        c.header.enumerated().compactMap { index, header in
            knownFrameworks.first { header.hasPrefix($0.prefix) && !header.contains("rationale") }.map { (index, ($0.id, $0.name, $0.pattern)) }
        }
    }
}

/// A sheet's columns by normalised header.
struct Columns {
    let sheet: Sheet
    let original: [String]
    let header: [String]

    init(_ sheet: Sheet) throws(ImportError) {
        self.sheet = sheet
        original = sheet.header
        header = sheet.header.map(CompendiumImport.normal)
    }

    func find(_ name: String) -> Int? { header.firstIndex(of: name) }

    func required(_ name: String) throws(ImportError) -> Int {
        guard let index = find(name) else {
            throw ImportError("\(sheet.name): no \"\(name)\" column (its columns: \(original.prefix(8).joined(separator: ", "))\(original.count > 8 ? ", …" : ""))")
        }
        return index
    }

    func isYesNo(_ index: Int) -> Bool {
        var yes = false
        for row in sheet.rows {
            let value = row[index].trimmingCharacters(in: .whitespaces).lowercased()
            if value == "yes" { yes = true } else if !["", "no"].contains(value) { return false }
        }
        return yes
    }
}
