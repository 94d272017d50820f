import ArgumentParser
import DASFEngine
import DASFStore

struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change an assessment: a control's status and details, a risk's decision, the scope or the title.",
        discussion: """
            The same edits the interactive map makes, for scripts. All edits of one call are checked \
            first and saved together, atomically; if one is refused nothing is saved.

              dasf set a.dasf.json control "DASF 31" --status implemented --owner "Dana" --evidence https://wiki/x
              dasf set a.dasf.json control 54 60 --status planned
              dasf set a.dasf.json control "DASF 12" --not-applicable "no personal data is kept"
              dasf set a.dasf.json risk 9.4 --treatment accept --rationale "batch only, no loops"
              dasf set a.dasf.json risk 1.8 --not-applicable "public data only"
              dasf set a.dasf.json scope rag external        (or: scope all)
              dasf set a.dasf.json title "Claims triage assistant"

            Control ids may be written "DASF 31", "dasf31" or "31". An empty value ("") clears \
            owner, evidence, note or rationale.
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case control, risk, scope, title
    }

    @Argument(help: "The save file.") var file: String
    @Argument(help: "What to change: control, risk, scope or title.") var target: Target
    @Argument(help: "Control or risk ids; deployment models for scope; the text for title.") var values: [String] = []

    @Option(name: .long, help: ArgumentHelp("Control status: not-started, planned, in-progress, implemented.", valueName: "status"))
    var status: String?
    @Option(name: .long, help: "Control owner.") var owner: String?
    @Option(name: .long, help: "Control evidence: a link or reference.") var evidence: String?
    @Option(name: .long, help: "Control note.") var note: String?
    @Option(name: .long, help: ArgumentHelp("Risk treatment: mitigate, accept, transfer, avoid.", valueName: "treatment"))
    var treatment: String?
    @Option(name: .long, help: "Risk rationale for its treatment.") var rationale: String?
    @Option(name: .customLong("not-applicable"), help: ArgumentHelp("Mark the control or risk not applicable, for this reason.", valueName: "reason"))
    var notApplicable: String?
    @Flag(name: .long, help: "Mark the risk applicable again.") var applicable = false
    @Flag(name: .long, help: "Save even if the file changed on disk since it was read.") var force = false
    @OptionGroup var source: CatalogOption

    func validate() throws {
        let controlOptions = status != nil || owner != nil || evidence != nil || note != nil
        let riskOptions = treatment != nil || rationale != nil || applicable
        switch target {
        case .control:
            if values.isEmpty { throw ValidationError("name at least one control id") }
            if riskOptions { throw ValidationError("--treatment, --rationale and --applicable are for risks") }
            if !controlOptions && notApplicable == nil { throw ValidationError("nothing to change: give --status, --owner, --evidence, --note or --not-applicable") }
            if status == ControlStatus.notApplicable.rawValue { throw ValidationError("use --not-applicable REASON to mark a control not applicable") }
            if let status, ControlStatus(rawValue: status) == nil {
                throw ValidationError("unknown status \(status); use one of not-started, planned, in-progress, implemented")
            }
            if status != nil && notApplicable != nil { throw ValidationError("--status and --not-applicable contradict each other") }
        case .risk:
            if values.isEmpty { throw ValidationError("name at least one risk id") }
            if controlOptions { throw ValidationError("--status, --owner, --evidence and --note are for controls") }
            if !riskOptions && notApplicable == nil { throw ValidationError("nothing to change: give --treatment, --rationale, --not-applicable or --applicable") }
            if applicable && notApplicable != nil { throw ValidationError("--applicable and --not-applicable contradict each other") }
            if let treatment, RiskTreatment(rawValue: treatment) == nil {
                throw ValidationError("unknown treatment \(treatment); use one of mitigate, accept, transfer, avoid")
            }
        case .scope, .title:
            if controlOptions || riskOptions || notApplicable != nil {
                throw ValidationError("\(target.rawValue) takes no options, only values")
            }
            if values.isEmpty { throw ValidationError(target == .scope ? "name deployment models, or all" : "give the new title") }
        }
    }

    func run() throws {
        try reportingFailures {
            var document = try AssessmentDocument.open(file, catalog: source.catalog)
            document.warnings.forEach(Console.warn)
            let catalog = document.catalog
            var edits: [Edit] = []
            switch target {
            case .title:
                edits.append(.setTitle(values.joined(separator: " ")))
            case .scope:
                edits.append(.setScope(try ScopeWords.parse(values.joined(separator: ","), catalog: catalog)))
            case .control:
                for value in values {
                    guard let id = catalog.controlID(matching: value) else { throw EditError.unknownControl(value) }
                    if let status { edits.append(.setControlStatus(control: id, status: ControlStatus(rawValue: status)!)) }
                    if let notApplicable { edits.append(.markControlNotApplicable(control: id, reason: notApplicable)) }
                    if let owner { edits.append(.setControlOwner(control: id, owner: owner)) }
                    if let evidence { edits.append(.setControlEvidence(control: id, evidence: evidence)) }
                    if let note { edits.append(.setControlNote(control: id, note: note)) }
                }
            case .risk:
                for id in values {
                    guard catalog.risk(id) != nil else { throw EditError.unknownRisk(id) }
                    if let treatment {
                        edits.append(.setRiskTreatment(risk: id, treatment: RiskTreatment(rawValue: treatment)!, rationale: rationale))
                    } else if rationale != nil {
                        edits.append(.setRiskRationale(risk: id, rationale: rationale))
                    }
                    if let notApplicable { edits.append(.markRiskNotApplicable(risk: id, reason: notApplicable)) }
                    if applicable { edits.append(.markRiskApplicable(risk: id)) }
                }
            }
            let before = document.scorecard
            try document.apply(edits, force: force)
            Console.out(ChangeSummary.lines(before: before, after: document.scorecard, catalog: catalog, file: file).joined(separator: "\n"))
        }
    }
}

/// What an edit did to the counts, so a script's log says more than "ok".
enum ChangeSummary {
    static func lines(before: Scorecard, after: Scorecard, catalog: Catalog, file: String) -> [String] {
        var lines = ["saved \(file)"]
        for (old, new) in zip(before.risks, after.risks) where old.state != new.state {
            let title = catalog.risk(new.riskID)?.title ?? ""
            lines.append("  risk \(new.riskID) \(title): \(old.state.label) -> \(new.state.label)")
        }
        let totals = after.overall
        lines.append("  \(totals.inScope) in scope: \(totals.open) open, \(totals.partial) partial, \(totals.mitigated) mitigated, \(totals.accepted + totals.transferred + totals.avoided) accepted/transferred/avoided")
        return lines
    }
}
