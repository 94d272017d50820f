import DASFEngine

/// The report for the CISO, in Markdown: use case and scope, totals per stage, what is open and
/// why, decisions and their rationales, controls by owner with dates, stale controls,
/// organisational risks, and the catalog with its source.
public enum MarkdownReport {
    public static func render(_ input: ReportInput) -> String {
        let e = Escaping.markdown
        let a = input.assessment, t = input.scorecard.overall, options = input.options
        var out: [String] = []
        func section(_ title: String, _ lines: [String], empty: String) {
            if lines.isEmpty && options.hideEmpty { return }
            out += ["", "## \(title)", ""] + (lines.isEmpty ? [empty] : lines)
        }

        out.append("# \(e(a.title)): DASF assessment")
        out.append("")
        var facts = ["- Scope: \(e(input.scopeText))", "- Catalog: \(e(input.catalog.fullTitle)) (\(e(input.catalog.id)), version \(e(input.catalog.version)))"]
        if let owner = a.useCase.businessOwner { facts.append("- Business owner: \(e(owner))") }
        if !a.useCase.stakeholders.isEmpty { facts.append("- Stakeholders: \(e(a.useCase.stakeholders.joined(separator: ", ")))") }
        if let today = input.scorecard.today { facts.append("- As of: \(e(today))") }
        out += facts
        if let description = a.useCase.description { out += ["", e(description)] }
        if !a.conflicts.isEmpty {
            out += ["", "## Unsettled merge conflicts", "", "**\(e(MergeConflict.warning(count: a.conflicts.count)))**", ""]
            out += a.conflicts.map { "- \(e($0.disputed))" }
        }

        out += ["", "## Summary", "",
                "\(t.inScope) of \(t.risks) risks are in scope: \(t.open) open, \(t.partial) partial, \(t.mitigated) mitigated, "
                + "\(t.accepted) accepted, \(t.transferred) transferred, \(t.avoided) avoided; \(t.notApplicable) not applicable. "
                + "\(t.assessed) of \(t.inScope) have been assessed. \(t.controls(.implemented)) of \(input.catalog.controls.count) controls are implemented"
                + (t.stale > 0 ? "; \(t.stale) \(t.stale == 1 ? "is" : "are") past \(t.stale == 1 ? "its" : "their") review date." : "."),
                "", "| Stage | In scope | Open | Partial | Mitigated | Treated | Assessed | Stale |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for summary in input.scorecard.stages {
            let s = summary.totals
            out.append("| \(e(summary.stage.name)) | \(s.inScope) | \(s.open) | \(s.partial) | \(s.mitigated) | \(s.accepted + s.transferred + s.avoided) | \(s.assessed) | \(s.stale) |")
        }
        out.append("| **All** | \(t.inScope) | \(t.open) | \(t.partial) | \(t.mitigated) | \(t.accepted + t.transferred + t.avoided) | \(t.assessed) | \(t.stale) |")

        let pressing = input.scorecard.mostPressing(10)
        section("The \(pressing.count == 10 ? "ten" : "\(pressing.count)") most pressing risks", pressing.enumerated().map { n, risk in
            "\(n + 1). \(e(risk.riskID)) \(e(input.catalog.risk(risk.riskID)?.title ?? "")): \(risk.state.label), "
                + (risk.highestThreatRating.map { "highest threat \($0) of 25" } ?? "no threat rated") + ", \(Int((risk.coverage * 100).rounded()))% covered"
        }, empty: "None: every risk in scope is mitigated or has a decided treatment.")
        section("Due next", a.dueNext(today: input.scorecard.today, limit: 10).map { item in
            "- \(item.date): \(e(item.control)) \(e(input.catalog.control(item.control)?.title ?? "")), "
                + (item.kind == .target ? "in place by then" : "review by then") + (item.overdue ? " (**overdue**)" : "")
        }, empty: "No target or review date is set.")

        section("Open and partial risks", input.attention.map { risk, evaluation in
            var line = "- **\(e(risk.id)) \(e(risk.title))**: \(e(evaluation.explanation))."
            if let rating = evaluation.highestThreatRating { line += " Highest threat rating \(rating)/25." }
            let threats = a.record(forRisk: risk.id).threats
            for threat in threats { line += "\n  - Threat \(e(threat.id)): \(e(threat.text))" + (threat.rating.map { " (likelihood \(threat.likelihood ?? 0) × impact \(threat.impact ?? 0) = \($0))" } ?? "") }
            return line
        }, empty: "None: every risk in scope is mitigated or has a decided treatment.")

        section("Treatments and their rationales", input.treated.map { risk, evaluation in
            "- **\(e(risk.id)) \(e(risk.title))**: \(evaluation.state.label). \(e(a.record(forRisk: risk.id).rationale ?? "(no rationale given)"))"
        }, empty: "No risk is accepted, transferred or avoided.")

        if !options.hideNotApplicable {
            let notApplicable = input.risks.filter { $0.evaluation.state == .notApplicable }
            section("Risks marked not applicable", notApplicable.map { risk, _ in
                "- \(e(risk.id)) \(e(risk.title)): \(e(a.record(forRisk: risk.id).notApplicableReason ?? ""))"
            }, empty: "None.")
        }

        if options.registers {
            var lines: [String] = []
            for (owner, controls) in input.controlsByOwner {
                lines += ["", "### \(e(owner))", "", "| Control | Status | Target | Review by | Verified | Evidence | Note |", "| --- | --- | --- | --- | --- | --- | --- |"]
                for (control, record) in controls {
                    let status = record.status.label + (record.notApplicableReason.map { ": \($0)" } ?? "")
                    lines.append("| \(e(control.id)) \(e(control.title)) | \(e(status)) | \(e(record.targetDate ?? "")) | \(e(record.reviewBy ?? "")) | \(e(record.lastVerified ?? "")) | \(e(record.evidence ?? "")) | \(e(record.note ?? "")) |")
                }
            }
            section("Controls by owner", lines.isEmpty ? [] : Array(lines.dropFirst()), empty: "No control has been worked on yet.")
        }

        section("Stale controls", input.staleControls.map { control, record in
            "- \(e(control.id)) \(e(control.title)): review was due \(e(record.reviewBy ?? "?"))" + (record.owner.map { "; owner \(e($0))" } ?? "")
        }, empty: "None: no control is past its review date.")

        section("Open review comments", input.openComments.map { comment in
            "- \(e(comment.target.description)), \(e(comment.author)) (\(e(comment.at))): \(e(comment.text))"
        }, empty: "None.")

        section("Organisational risks", OrganisationalRisk.allCases.compactMap { risk in
            let record = a.organisationalRisks[risk]
            if options.hideEmpty && record == nil { return nil }
            return "- **\(e(risk.name))**: " + (record?.rating.map { "rated \($0) of 5" } ?? "not rated") + (record?.notes.map { ". \(e($0))" } ?? "")
        }, empty: "Not discussed.")

        out += ["", "---", "", "Catalog: \(e(input.catalog.title)), version \(e(input.catalog.version))."
                + (input.catalog.derived ? " Its mapping is derived, not published." : ""),
                "Source: \(e(input.catalog.source)) Licence: \(e(input.catalog.licence)).",
                "Written by dasf."]
        return out.joined(separator: "\n") + "\n"
    }
}
