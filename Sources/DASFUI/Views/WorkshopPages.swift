import DASFEngine
import Foundation

/// The workshop's screens: the six steps, the use case, the guided walk, progress, the journal
/// and the organisational risks.
extension Pages {
    /// The six steps and the screen each opens.
    static let workshopSteps: [(name: String, key: String, screen: Screen)] = [
        ("1  Use case", "U", .useCase),
        ("2  Deployment model", "s", .scope),
        ("3  Pertinent risks", "w", .walk(0)),
        ("4  Threats", "w", .walk(0)),
        ("5  Controls", "c", .register),
        ("6  Operationalise", "p", .progress),
    ]

    static func workshop(_ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, t = state.scorecard.overall, a = state.assessment
        var page = Page(header: [[Span("The DASF workshop, step by step", theme.style(.header)),
                                  Span("   Enter opens a step", theme.style(.dim))], []])
        let threats = a.risks.values.reduce(0) { $0 + $1.threats.count }
        let threatened = a.risks.values.filter { !$0.threats.isEmpty }.count
        let owners = Set(a.controls.values.compactMap(\.owner)).count
        let reviewed = a.controls.values.filter { $0.reviewBy != nil }.count
        let status: [String] = [
            a.useCase.isEmpty ? "not started" : "owner \(a.useCase.businessOwner ?? "-"), \(a.useCase.stakeholders.count) stakeholders",
            a.scope.isAll ? "all deployment models" : a.scope.deploymentModels.joined(separator: ", "),
            "\(t.assessed) of \(t.inScope) in-scope risks assessed",
            "\(threats) threat\(threats == 1 ? "" : "s") on \(threatened) risk\(threatened == 1 ? "" : "s")",
            "\(t.controls(.implemented)) implemented, \(t.controls(.inProgress) + t.controls(.planned)) under way, \(owners) owner\(owners == 1 ? "" : "s")",
            "\(reviewed) with a review date, \(t.stale) stale",
        ]
        page.header.insert([Span("What the room decides, in order; the status of each step is worked out from the assessment.", theme.style(.dim))], at: 1)
        if state.presenting != nil, workshopSteps.indices.contains(state.place.selected) {
            // As a slide: which step the room is on, large in words if not in type.
            let step = workshopSteps[state.place.selected]
            page.header.insert([Span("Step \(state.place.selected + 1) of \(workshopSteps.count): \(step.name)", theme.style(.stageHeader)),
                                Span("   PgDn next step, PgUp previous", theme.style(.dim))], at: 2)
        }
        page.setRows(Array(zip(workshopSteps, status))) { step, status in
            Columns.line([(step.key, 2, false, theme.style(.keyName)), (step.name, 20, false, theme.style(.emphasis)), (status, nil, false, .plain)],
                         width: width, ellipsis: state.glyphs.ellipsis)
        }
        return page
    }

    static let useCaseFields = ["Title", "Business owner", "Description", "Stakeholders"]

    static func useCase(_ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, a = state.assessment
        var page = Page(header: [[Span("Step 1: the use case", theme.style(.header)), Span("   Enter edits the selected field", theme.style(.dim))], []])
        let values = [a.title, a.useCase.businessOwner ?? "", a.useCase.description ?? "", a.useCase.stakeholders.joined(separator: ", ")]
        page.setRows(Array(zip(useCaseFields, values))) { field, value in
            Columns.line([(field, 16, false, theme.style(.dim)), (value.isEmpty ? "(empty)" : value, nil, false, value.isEmpty ? theme.style(.dim) : .plain)],
                         width: width, ellipsis: state.glyphs.ellipsis)
        }
        return page
    }

    static func walk(_ n: Int, _ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, risks = Focus.walkRisks(state), t = state.scorecard.overall
        guard risks.indices.contains(n) else { return Page(empty: "no risk is in scope: choose deployment models with s") }
        var page = risk(risks[n].id, state, width)
        let progress: Line = [
            Span("Guided walk: risk \(n + 1) of \(risks.count) for the models in scope", theme.style(.stageHeader)),
            Span("\(state.glyphs.separator)\(t.assessed) assessed\(state.glyphs.separator)", theme.style(.dim)),
            Span("a", theme.style(.keyName)), Span(" applies  "), Span("x", theme.style(.keyName)), Span(" does not  "),
            Span("t", theme.style(.keyName)), Span(" treatment  "), Span("+", theme.style(.keyName)), Span(" threat  "),
            Span(state.glyphs.unicode ? "←→" : "Left/Right", theme.style(.keyName)), Span(" previous/next"),
        ]
        page.header.insert(progress, at: 0)
        return page
    }

    static func progress(_ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, g = state.glyphs
        var page = Page(header: [[Span("Progress per stage", theme.style(.header)),
                                  Span("   assessed = decided about; done = mitigated or treated", theme.style(.dim))], []])
        let barWidth = width >= 120 ? 20 : 8, column = barWidth + 8
        page.listTitle = Columns.line([("stage", nil, false, theme.style(.dim)), ("assessed", column, false, theme.style(.dim)),
                                       ("done", column, false, theme.style(.dim)), ("open", 5, true, theme.style(.dim)), ("stale", 5, true, theme.style(.dim))],
                                      width: width, ellipsis: g.ellipsis)
        let rows: [(String, Totals)] = state.scorecard.stages.map { ($0.stage.name, $0.totals) } + [("All", state.scorecard.overall)]
        page.setRows(rows) { name, t in
            let done = t.mitigated + t.accepted + t.transferred + t.avoided
            func bar(_ count: Int) -> String {
                let share = t.inScope == 0 ? 0 : Double(count) / Double(t.inScope)
                return g.bar(share, width: barWidth) + " \(count)/\(t.inScope)"
            }
            return Columns.line([(name, nil, false, theme.style(.emphasis)), (bar(t.assessed), column, false, theme.style(.partial)),
                                 (bar(done), column, false, theme.style(.mitigated)), ("\(t.open + t.partial)", 5, true, theme.style(.open)),
                                 ("\(t.stale)", 5, true, t.stale > 0 ? theme.style(.open) : theme.style(.dim))],
                                width: width, ellipsis: g.ellipsis)
        }
        return page
    }

    static func journal(_ state: AppState, _ width: Int) -> Page {
        let theme = state.theme
        // Read from the file the first time this screen shows (then remembered).
        // Read from the file by the runtime when this screen opens (`Effect.readJournal`).
        var rows: (count: Int, entry: (Int) -> JournalEntry) = (0, { _ in JournalEntry(at: "", by: "", change: Change(target: "", field: "", from: nil, to: nil)) })
        var problem: String? = "reading the journal…"
        switch state.journal.readRows {
        case .success(let read)?: (rows, problem) = (read, nil)
        case .failure(let error)?: problem = "the journal cannot be read: \(error.reason)"
        case nil: break
        }
        var page = Page(header: [[Span("Journal: \(rows.count) change\(rows.count == 1 ? "" : "s")", theme.style(.header)),
                                  Span("   dasf journal FILE --format md writes the minutes", theme.style(.dim))], []],
                        empty: problem ?? "no change recorded yet")
        page.setRows(count: rows.count, item: rows.entry) { entry in
            // "2026-11-22T14:02:11Z" shows as "11-22 14:02".
            let time = entry.at.utf8.count >= 16 ? String(entry.at.dropFirst(5).prefix(5)) + " " + String(entry.at.dropFirst(11).prefix(5)) : entry.at
            return Columns.line([(time, 11, false, theme.style(.dim)), (entry.by, 12, false, theme.style(.emphasis)),
                                 (entry.change.description + (entry.undo ? " (undo)" : ""), nil, false, .plain)],
                                width: width, ellipsis: state.glyphs.ellipsis)
        }
        return page
    }

    static func conflicts(_ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, conflicts = state.assessment.conflicts
        var page = Page(header: [[Span("Merge conflicts: \(conflicts.count)", theme.style(.header)),
                                  Span("   mine is in place; M keeps it, T takes theirs", theme.style(.dim))], []],
                        empty: "no conflict left to settle")
        // The selected conflict in full, wrapped: a value cut short cannot be judged.
        if conflicts.indices.contains(state.place.selected) {
            let conflict = conflicts[state.place.selected]
            for (name, value, role) in [("mine", conflict.mine, Role.emphasis), ("theirs", conflict.theirs, .emphasis), ("base", conflict.base, .dim)] {
                let text = AssessmentFields.display(value)
                for (n, line) in TextWidth.wrap(text, width: max(10, width - 8)).enumerated() {
                    page.header.append([Span(n == 0 ? " " + name.padding(toLength: 7, withPad: " ", startingAt: 0) : String(repeating: " ", count: 8), theme.style(.dim)),
                                        Span(line, role == .dim ? theme.style(.dim) : .plain)])
                }
            }
            page.header.append([])
        }
        let widths = ConflictColumns(conflicts, width: width)
        page.listTitle = Columns.line([("field", widths.field, false, theme.style(.dim)), ("mine", widths.mine, false, theme.style(.dim)),
                                       ("theirs", widths.theirs, false, theme.style(.dim)), ("base", nil, false, theme.style(.dim))],
                                      width: width, ellipsis: state.glyphs.ellipsis)
        page.setRows(conflicts) { conflict in
            Columns.line([(conflict.label, widths.field, false, theme.style(.emphasis)), (AssessmentFields.display(conflict.mine), widths.mine, false, .plain),
                          (AssessmentFields.display(conflict.theirs), widths.theirs, false, .plain), (AssessmentFields.display(conflict.base), nil, false, theme.style(.dim))],
                         width: width, ellipsis: state.glyphs.ellipsis)
        }
        return page
    }

    static func organisational(_ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, g = state.glyphs
        var page = Page(header: [[Span("Organisational risks", theme.style(.header)),
                                  Span("   1-5 rates the selected one, 0 clears, Enter edits its notes", theme.style(.dim))], []])
        page.setRows(OrganisationalRisk.allCases) { risk in
            let record = state.assessment.organisationalRisks[risk] ?? OrganisationalRiskRecord()
            let rating = record.rating.map { String(repeating: g.unicode ? "■" : "#", count: min(max($0, 0), 5)) + String(repeating: g.unicode ? "□" : ".", count: 5 - min(max($0, 0), 5)) + " \($0)" } ?? "not rated"
            let role: Role = (record.rating ?? 0) >= 4 ? .open : (record.rating ?? 0) >= 3 ? .partial : .dim
            return Columns.line([(risk.name, 18, false, theme.style(.emphasis)), (rating, 11, false, theme.style(role)),
                                 (record.notes ?? risk.summary, nil, false, record.notes == nil ? theme.style(.dim) : .plain)],
                                width: width, ellipsis: g.ellipsis)
        }
        return page
    }
}
