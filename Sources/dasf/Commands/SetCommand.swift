import ArgumentParser
import DASFEngine
import DASFImport
import DASFStore

struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change an assessment: a control's status and details, a risk's decision, the scope or the title.",
        discussion: """
            The same edits the interactive map makes, for scripts. All edits of one call are checked \
            first and saved together, atomically; if one is refused nothing is saved.

              dasf set a.dasf.json control 31 --status implemented --owner Dana
              dasf set a.dasf.json control 31 --evidence https://wiki/x
              dasf set a.dasf.json control 54 60 --status planned
              dasf set a.dasf.json control 12 --not-applicable "no personal data kept"
              dasf set a.dasf.json risk 9.4 --treatment accept --rationale "batch only"
              dasf set a.dasf.json risk 1.8 --not-applicable "public data only"
              dasf set a.dasf.json scope rag external        (or: scope all)
              dasf set a.dasf.json title "Claims triage assistant"
              dasf set a.dasf.json usecase --owner Priya --stakeholders "CISO,Legal"
              dasf set a.dasf.json usecase --description "Drafts replies"
              dasf set a.dasf.json risk 9.1 --assessed         (looked at; it applies)
              dasf set a.dasf.json threat 9.1 --add "role-play jailbreak" --impact 5
              dasf set a.dasf.json threat 9.1 --rate t1 --likelihood 3 --impact 5
              dasf set a.dasf.json threat 9.1 --remove t1
              dasf set a.dasf.json control 54 --target-date 2026-12-31
              dasf set a.dasf.json control 54 --review-by 2027-06-30 --verified today
              dasf set a.dasf.json org-risk talent --rating 4 --notes "one ML engineer"
              dasf set a.dasf.json comment risk 9.1 --add "on the batch path too?"
              dasf set a.dasf.json comment --resolve c1        (or --reopen c1)

            Every change is appended to the file's journal with the time and --author (default: \
            $DASF_AUTHOR, else your login name).

            Control ids may be written "DASF 31", "dasf31" or "31". An empty value ("") clears \
            owner, evidence, note or rationale.
            """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case control, risk, scope, title, usecase, threat, comment
        case orgRisk = "org-risk"
    }

    @Argument(help: "The save file.", completion: .file(extensions: ["json"])) var file: String
    @Argument(help: "What to change: control, risk, scope, title, usecase, threat or org-risk.") var target: Target
    @Argument(help: "Control or risk ids; deployment models for scope; the text for title.") var values: [String] = []

    @Option(name: .long, help: ArgumentHelp("Control status (not applicable: --not-applicable REASON).", valueName: "status"))
    var status: StatusWord?
    @Option(name: .long, parsing: .unconditional, help: "Control owner, or the use case's business owner.") var owner: String?
    @Option(name: .long, parsing: .unconditional, help: "Control evidence: a link or reference.") var evidence: String?
    @Option(name: .long, parsing: .unconditional, help: "Control note.") var note: String?
    @Option(name: .long, help: ArgumentHelp("Risk treatment.", valueName: "treatment"))
    var treatment: TreatmentWord?
    @Option(name: .long, parsing: .unconditional, help: "Risk rationale for its treatment.") var rationale: String?
    // Free text takes the next argument whatever it starts with: --note -2+3 is a note.
    @Option(name: .customLong("not-applicable"), parsing: .unconditional,
            help: ArgumentHelp("Mark the control or risk not applicable, for this reason.", valueName: "reason"))
    var notApplicable: String?
    @Flag(name: .long, help: "Mark the risk applicable again.") var applicable = false
    @Flag(name: .long, help: "Record that the risk was looked at and applies.") var assessed = false
    @Option(name: .long, help: ArgumentHelp("Control target date.", valueName: "YYYY-MM-DD")) var targetDate: String?
    @Option(name: .long, help: ArgumentHelp("Control review-by date; past it the control is stale.", valueName: "YYYY-MM-DD")) var reviewBy: String?
    @Option(name: .long, help: ArgumentHelp("When the control was last verified (or: today).", valueName: "YYYY-MM-DD")) var verified: String?
    @Option(name: .long, parsing: .unconditional, help: "Use case description.") var description: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Use case stakeholders, comma-separated.", valueName: "names")) var stakeholders: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Add a threat to the risk.", valueName: "text")) var add: String?
    @Option(name: .long, help: ArgumentHelp("Remove a threat by id.", valueName: "id")) var remove: String?
    @Option(name: .long, help: ArgumentHelp("Re-rate a threat by id (with --likelihood, --impact).", valueName: "id")) var rate: String?
    @Option(name: .long, help: "The component a new threat targets (default: the risk's).") var component: Int?
    @Option(name: .long, help: "Threat likelihood, 1 (rare) to 5 (expected).") var likelihood: Int?
    @Option(name: .long, help: "Threat impact, 1 (minor) to 5 (severe).") var impact: Int?
    @Option(name: .long, help: "Organisational risk rating, 1 (low) to 5 (high).") var rating: Int?
    @Option(name: .long, parsing: .unconditional, help: "Organisational risk notes.") var notes: String?
    @Option(name: .long, help: "Who is making the change, for the journal.") var author: String?
    @Option(name: .long, help: ArgumentHelp("Resolve a review comment by id.", valueName: "id")) var resolve: String?
    @Option(name: .long, help: ArgumentHelp("Reopen a review comment by id.", valueName: "id")) var reopen: String?
    @Flag(name: .long, help: "Save even if the file changed on disk since it was read.") var force = false
    @OptionGroup var source: CatalogOption
    @Option(name: .long, help: "text or json.") var format: OutputFormat = .text

    func validate() throws {
        let controlOptions = status != nil || evidence != nil || note != nil || targetDate != nil || reviewBy != nil || verified != nil
        let riskOptions = treatment != nil || rationale != nil || applicable || assessed
        let threatOptions = add != nil || remove != nil || rate != nil || component != nil || likelihood != nil || impact != nil
        let useCaseOptions = description != nil || stakeholders != nil
        let orgOptions = rating != nil || notes != nil
        if target != .comment && (resolve != nil || reopen != nil) { throw ValidationError("--resolve and --reopen are for comments") }
        // Malformed values are usage errors (exit 64) like any other, caught before the file is read.
        for (flag, value) in [("--target-date", targetDate), ("--review-by", reviewBy), ("--verified", verified == "today" ? nil : verified)] {
            if let value, !value.trimmingCharacters(in: .whitespaces).isEmpty, !CalendarDate.isValid(value) {
                throw ValidationError("\(flag): \"\(value)\" is not a date; write it as YYYY-MM-DD")
            }
        }
        for (flag, value) in [("--likelihood", likelihood), ("--impact", impact), ("--rating", rating)] {
            if let value, !(1...5).contains(value) { throw ValidationError("\(flag): \(value) is not a rating; use 1 to 5") }
        }
        func only(_ allowed: Bool, _ what: String) throws {
            if !allowed { throw ValidationError("those options do not apply to \(what); see dasf set --help") }
        }
        switch target {
        case .control:
            if values.isEmpty { throw ValidationError("name at least one control id") }
            try only(!riskOptions && !threatOptions && !useCaseOptions && !orgOptions, "controls")
            if !controlOptions && notApplicable == nil && owner == nil { throw ValidationError("nothing to change: give --status, --owner, --evidence, --note, a date or --not-applicable") }
            if status != nil && notApplicable != nil { throw ValidationError("--status and --not-applicable contradict each other") }
        case .risk:
            if values.isEmpty { throw ValidationError("name at least one risk id") }
            try only(!controlOptions && owner == nil && !threatOptions && !useCaseOptions && !orgOptions, "risks")
            if !riskOptions && notApplicable == nil { throw ValidationError("nothing to change: give --treatment, --rationale, --assessed, --not-applicable or --applicable") }
            if applicable && notApplicable != nil { throw ValidationError("--applicable and --not-applicable contradict each other") }
        case .threat:
            if values.count != 1 { throw ValidationError("name one risk: dasf set FILE threat RISK --add TEXT") }
            try only(!controlOptions && owner == nil && !riskOptions && notApplicable == nil && !useCaseOptions && !orgOptions, "threats")
            if [add != nil, remove != nil, rate != nil].filter({ $0 }).count != 1 { throw ValidationError("give exactly one of --add, --remove, --rate") }
        case .usecase:
            try only(!controlOptions && !riskOptions && notApplicable == nil && !threatOptions && !orgOptions, "the use case")
            if owner == nil && !useCaseOptions { throw ValidationError("nothing to change: give --owner, --description or --stakeholders") }
            if !values.isEmpty { throw ValidationError("usecase takes options only") }
        case .comment:
            let commentOptions = [add != nil, resolve != nil, reopen != nil].filter { $0 }.count
            if commentOptions != 1 { throw ValidationError("give exactly one of --add, --resolve, --reopen") }
            if add != nil && (values.count != 2 || !["risk", "control"].contains(values[0])) {
                throw ValidationError("name what the comment is on: comment risk 9.1 --add TEXT, or comment control 54 --add TEXT")
            }
        case .orgRisk:
            if values.count != 1 || OrganisationalRisk(rawValue: values[0]) == nil {
                throw ValidationError("name one organisational risk: \(OrganisationalRisk.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try only(!controlOptions && owner == nil && !riskOptions && notApplicable == nil && !threatOptions && !useCaseOptions, "organisational risks")
            if !orgOptions { throw ValidationError("nothing to change: give --rating or --notes") }
        case .scope, .title:
            if controlOptions || riskOptions || notApplicable != nil || owner != nil || threatOptions || useCaseOptions || orgOptions {
                throw ValidationError("\(target.rawValue) takes no options, only values")
            }
            if values.isEmpty { throw ValidationError(target == .scope ? "name deployment models, or all" : "give the new title") }
        }
    }

    func run() throws {
        try reportingFailures {
            var document = try source.open(file)
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
                    if let status { edits.append(.setControlStatus(control: id, status: status.status)) }
                    if let notApplicable { edits.append(.markControlNotApplicable(control: id, reason: notApplicable)) }
                    if let owner { edits.append(.setControlOwner(control: id, owner: owner)) }
                    if let evidence { edits.append(.setControlEvidence(control: id, evidence: evidence)) }
                    if let note { edits.append(.setControlNote(control: id, note: note)) }
                    if let targetDate { edits.append(.setControlTargetDate(control: id, date: targetDate)) }
                    if let reviewBy { edits.append(.setControlReviewBy(control: id, date: reviewBy)) }
                    if let verified { edits.append(.setControlLastVerified(control: id, date: verified == "today" ? Author.today() : verified)) }
                }
            case .risk:
                for id in values {
                    guard catalog.risk(id) != nil else { throw EditError.unknownRisk(id) }
                    if let treatment {
                        edits.append(.setRiskTreatment(risk: id, treatment: treatment.treatment, rationale: rationale))
                    } else if rationale != nil {
                        edits.append(.setRiskRationale(risk: id, rationale: rationale))
                    }
                    if let notApplicable { edits.append(.markRiskNotApplicable(risk: id, reason: notApplicable)) }
                    if applicable { edits.append(.markRiskApplicable(risk: id)) }
                    if assessed { edits.append(.markRiskAssessed(risk: id)) }
                }
            case .threat:
                let id = values[0]
                guard catalog.risk(id) != nil else { throw EditError.unknownRisk(id) }
                if let add { edits.append(.addThreat(risk: id, text: add, component: component, likelihood: likelihood, impact: impact)) }
                if let remove { edits.append(.removeThreat(risk: id, threat: remove)) }
                if let rate { edits.append(.rateThreat(risk: id, threat: rate, likelihood: likelihood, impact: impact)) }
            case .usecase:
                if let owner { edits.append(.setUseCaseOwner(owner)) }
                if let description { edits.append(.setUseCaseDescription(description)) }
                if let stakeholders { edits.append(.setStakeholders(stakeholders.split(separator: ",").map(String.init))) }
            case .comment:
                if let add {
                    let target: Comment.Target
                    if values[0] == "risk" {
                        guard catalog.risk(values[1]) != nil else { throw EditError.unknownRisk(values[1]) }
                        target = .risk(values[1])
                    } else {
                        guard let id = catalog.controlID(matching: values[1]) else { throw EditError.unknownControl(values[1]) }
                        target = .control(id)
                    }
                    edits.append(.addComment(target, author: UserSettings.author(author), at: Author.timestamp(), text: add))
                }
                if let resolve { edits.append(.resolveComment(id: resolve, resolved: true)) }
                if let reopen { edits.append(.resolveComment(id: reopen, resolved: false)) }
            case .orgRisk:
                let risk = OrganisationalRisk(rawValue: values[0])!
                if let rating { edits.append(.rateOrganisationalRisk(risk, rating: rating)) }
                if let notes { edits.append(.setOrganisationalRiskNotes(risk, notes: notes)) }
            }
            let before = document.scorecard
            let outcome = try document.apply(edits, author: UserSettings.author(author), force: force)
            if format == .json {
                Console.json(try JSONText.encode(CommandResult.saved(file: file, outcome: outcome, before: before, after: document.scorecard, catalog: catalog)))
                return
            }
            var lines = ChangeSummary.lines(before: before, after: document.scorecard, catalog: catalog, file: file)
            if let merged = outcome.summary { lines[0] += " (\(merged))" }
            Console.out(lines.joined(separator: "\n"))
        }
    }
}

/// What an edit did to the counts, so a script's log says more than "ok".
enum ChangeSummary {
    static func lines(before: Scorecard, after: Scorecard, catalog: Catalog, file: String) -> [String] {
        var lines = ["saved \(file)"]
        for (old, new) in zip(before.risks, after.risks) where old.state != new.state {
            let title = catalog.risk(new.riskID)?.title ?? ""
            lines.append("  risk \(new.riskID) \(title): \(old.state.label) → \(new.state.label)")
        }
        let totals = after.overall
        lines.append("  \(totals.inScope) in scope: \(totals.open) open, \(totals.partial) partial, \(totals.mitigated) mitigated, \(totals.accepted + totals.transferred + totals.avoided) accepted/transferred/avoided")
        return lines
    }
}
