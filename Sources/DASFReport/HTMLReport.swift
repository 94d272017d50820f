import DASFEngine

/// The report as one self-contained HTML file: no external assets, no scripts, readable printed.
/// The 12-component map is drawn as inline SVG coloured by state, with the counts written in
/// every box, then the same content as the Markdown report, as tables. The markup is also
/// well-formed XML, so strict parsers accept it.
public enum HTMLReport {
    public static func render(_ input: ReportInput) -> String {
        let h = Escaping.html
        let a = input.assessment, t = input.scorecard.overall, options = input.options
        var body: [String] = []
        /// `links`: columns whose web addresses become links (evidence).
        func table(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = [], links: Set<Int> = []) -> String {
            var out = "<table>\n<thead><tr>" + headers.map { "<th>\(h($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in rows {
                out += "<tr>" + row.enumerated().map { n, cell in
                    numeric.contains(n) ? "<td class=\"n\">\(h(cell))</td>" : links.contains(n) ? "<td>\(Escaping.htmlLink(cell))</td>" : "<td>\(h(cell))</td>"
                }.joined() + "</tr>\n"
            }
            return out + "</tbody>\n</table>"
        }
        func section(_ title: String, _ content: String?, empty: String) {
            if content == nil && options.hideEmpty { return }
            body.append("<section>\n<h2>\(h(title))</h2>\n\(content ?? "<p>\(h(empty))</p>")\n</section>")
        }

        var facts = [("Scope", input.scopeText), ("Catalog", "\(input.catalog.fullTitle) (\(input.catalog.id), version \(input.catalog.version))")]
        if let owner = a.useCase.businessOwner { facts.append(("Business owner", owner)) }
        if !a.useCase.stakeholders.isEmpty { facts.append(("Stakeholders", a.useCase.stakeholders.joined(separator: ", "))) }
        if let today = input.scorecard.today { facts.append(("As of", today)) }
        body.append("<h1>\(h(a.title)): DASF assessment</h1>")
        body.append("<dl>" + facts.map { "<dt>\(h($0.0))</dt><dd>\(h($0.1))</dd>" }.joined() + "</dl>")
        if let description = a.useCase.description { body.append("<p>\(h(description))</p>") }
        if !a.conflicts.isEmpty {
            body.append("<section class=\"disputed\">\n<h2>Unsettled merge conflicts</h2>\n<p><strong>\(h(MergeConflict.warning(count: a.conflicts.count)))</strong></p>\n<ul>"
                + a.conflicts.map { "<li>\(h($0.disputed))</li>" }.joined() + "</ul>\n</section>")
        }
        // The executive page: everything a board needs on one sheet, the detail after it.
        var executive = ["<h2>At a glance</h2>"]
        let summary = "\(t.inScope) of \(t.risks) risks are in scope: \(t.open) open, \(t.partial) partial, \(t.mitigated) mitigated, "
            + "\(t.accepted) accepted, \(t.transferred) transferred, \(t.avoided) avoided; \(t.notApplicable) not applicable. "
            + "\(t.assessed) of \(t.inScope) assessed; \(t.controls(.implemented)) of \(input.catalog.controls.count) controls implemented; \(t.stale) stale."
        executive.append("<p>\(h(summary))</p>")
        let stageRows = input.scorecard.stages.map { s in
            [s.stage.name, "\(s.totals.inScope)", "\(s.totals.open)", "\(s.totals.partial)", "\(s.totals.mitigated)",
             "\(s.totals.accepted + s.totals.transferred + s.totals.avoided)", "\(s.totals.assessed)", "\(s.totals.stale)"]
        } + [["All", "\(t.inScope)", "\(t.open)", "\(t.partial)", "\(t.mitigated)", "\(t.accepted + t.transferred + t.avoided)", "\(t.assessed)", "\(t.stale)"]]
        executive.append(table(["Stage", "In scope", "Open", "Partial", "Mitigated", "Treated", "Assessed", "Stale"], stageRows, numeric: Set(1...7)))
        let pressing = input.scorecard.mostPressing(10)
        executive.append("<h3>The \(pressing.count == 10 ? "ten" : "\(pressing.count)") most pressing risks</h3>")
        executive.append(pressing.isEmpty ? "<p>None: every risk in scope is mitigated or has a decided treatment.</p>"
            : table(["Risk", "State", "Highest threat", "Coverage"], pressing.map { e in
                ["\(e.riskID) \(input.catalog.risk(e.riskID)?.title ?? "")", e.state.label, e.highestThreatRating.map { "\($0) of 25" } ?? "not rated",
                 "\(Int((e.coverage * 100).rounded()))%"]
            }, numeric: [3]))
        // The page must stay one page: the first decisions, their rationales shortened; all of
        // them, in full, follow the map.
        let decided = input.treated
        let shown = decided.prefix(3)
        executive.append("<h3>Decisions taken</h3>")
        executive.append(decided.isEmpty ? "<p>No risk is accepted, transferred or avoided.</p>"
            : table(["Risk", "Decision", "Rationale"], shown.map { risk, evaluation in
                ["\(risk.id) \(risk.title)", evaluation.state.label, TextCut.words(a.record(forRisk: risk.id).rationale ?? "(no rationale given)", to: 110)]
            }) + (decided.count > shown.count ? "<p>\(h("and \(decided.count - shown.count) more; all \(decided.count), with their rationales in full, under Decisions and their rationales."))</p>" : ""))
        let due = a.dueNext(today: input.scorecard.today, limit: 6)
        executive.append("<h3>Due next</h3>")
        executive.append(due.isEmpty ? "<p>No target or review date is set.</p>"
            : table(["Date", "Control", "What"], due.map { item in
                [item.date, "\(item.control) \(input.catalog.control(item.control)?.title ?? "")",
                 (item.kind == .target ? "in place by" : "review by") + (item.overdue ? " (overdue)" : "")]
            }))
        body.append("<section class=\"executive\">\n" + executive.joined(separator: "\n") + "\n</section>")
        body.append("<section class=\"map\">\n<h2>The map</h2>\n" + MapSVG.render(input) + "\n</section>")

        let attention = input.attention
        section("Open and partial risks", attention.isEmpty ? nil : table(["Risk", "State", "Coverage", "Why", "Threats"], attention.map { risk, evaluation in
            let threats = a.record(forRisk: risk.id).threats.map { "\($0.id): \($0.text)" + ($0.rating.map { " (\($0))" } ?? "") }.joined(separator: "; ")
            return ["\(risk.id) \(risk.title)", evaluation.state.label, "\(Int((evaluation.coverage * 100).rounded()))%", evaluation.explanation, threats]
        }), empty: "None: every risk in scope is mitigated or has a decided treatment.")
        section("Decisions and their rationales", decided.isEmpty ? nil : table(["Risk", "Decision", "Rationale"], decided.map { risk, evaluation in
            ["\(risk.id) \(risk.title)", evaluation.state.label, a.record(forRisk: risk.id).rationale ?? "(no rationale given)"]
        }), empty: "No risk is accepted, transferred or avoided.")
        if !options.hideNotApplicable {
            let notApplicable = input.risks.filter { $0.evaluation.state == .notApplicable }
            section("Risks marked not applicable", notApplicable.isEmpty ? nil : table(["Risk", "Reason"], notApplicable.map { risk, _ in
                ["\(risk.id) \(risk.title)", a.record(forRisk: risk.id).notApplicableReason ?? ""]
            }), empty: "None.")
        }
        if options.registers {
            let groups = input.controlsByOwner
            section("Controls by owner", groups.isEmpty ? nil : groups.map { owner, controls in
                "<h3>\(h(owner))</h3>\n" + table(["Control", "Status", "Target", "Review by", "Verified", "Evidence", "Note"], controls.map { control, record in
                    ["\(control.id) \(control.title)", record.status.label + (record.notApplicableReason.map { ": \($0)" } ?? ""),
                     record.targetDate ?? "", record.reviewBy ?? "", record.lastVerified ?? "", record.evidence ?? "", record.note ?? ""]
                }, links: [5])
            }.joined(separator: "\n"), empty: "No control has been worked on yet.")
        }
        let stale = input.staleControls
        section("Stale controls", stale.isEmpty ? nil : table(["Control", "Review was due", "Owner"], stale.map { control, record in
            ["\(control.id) \(control.title)", record.reviewBy ?? "", record.owner ?? ""]
        }), empty: "None: no control is past its review date.")
        let comments = input.openComments
        section("Open review comments", comments.isEmpty ? nil : table(["On", "By", "When", "Comment"], comments.map {
            [$0.target.description, $0.author, $0.at, $0.text]
        }), empty: "None.")
        section("Organisational risks", table(["Risk", "Rating", "Notes"], OrganisationalRisk.allCases.map { risk in
            let record = a.organisationalRisks[risk]
            return [risk.name, record?.rating.map { "\($0) of 5" } ?? "not rated", record?.notes ?? ""]
        }), empty: "")
        body.append("<footer><p>Catalog: \(h(input.catalog.title)), version \(h(input.catalog.version))."
                    + (input.catalog.derived ? " Its mapping is derived, not published." : "")
                    + "</p><p>Source: \(h(input.catalog.source)) Licence: \(h(input.catalog.licence)).</p><p>Written by dasf.</p></footer>")

        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <title>\(h(a.title)): DASF assessment</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 64em; color: #111; background: #fff; line-height: 1.4; }
            table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.9em; }
            th, td { border: 1px solid #999; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
            td.n { text-align: right; }
            th { background: #eee; }
            dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
            dt { font-weight: bold; }
            dd { margin: 0; }
            svg { width: 100%; height: auto; }
            a { color: #0645ad; overflow-wrap: anywhere; }
            /* The board pack: A4, the executive page on a sheet of its own, no row cut in two, no
               heading left alone at the foot of a page, table headings repeated on each page. */
            @page { size: A4; margin: 16mm 14mm 18mm; @bottom-right { content: "page " counter(page) " of " counter(pages); font: 9pt system-ui, sans-serif; } }
            @media print {
              body { margin: 0; max-width: none; font-size: 10pt; }
              .executive { break-after: page; font-size: 9pt; }
              .executive h2, .executive h3 { margin: 0.6em 0 0.2em; }
              .executive table { margin: 0.2em 0 0.4em; }
              .executive td, .executive th { padding: 0.1em 0.4em; }
              .map { break-inside: avoid-page; }
              h1, h2, h3 { break-after: avoid-page; break-inside: avoid-page; }
              tr, li, dt, dd, p { break-inside: avoid-page; }
              thead { display: table-header-group; }
              a { color: inherit; text-decoration: underline; }
            }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }
}

/// The architecture map as SVG: stage columns side by side, the foundation beneath, each box
/// filled by heat and labelled with its counts (symbols and numbers, never colour alone).
enum MapSVG {
    static func render(_ input: ReportInput) -> String {
        let h = Escaping.html, catalog = input.catalog
        let upper = catalog.stages.filter { !$0.foundation }, lower = catalog.stages.filter(\.foundation)
        // Sized for paper: printed across an A4 page (515 pt between margins), 13-unit text is at least
        // 8 pt (a test checks) while the drawing is at most 820 units wide; with more columns (a
        // catalog of 13 or more components) the boxes narrow rather than the text shrinking.
        let columnsOf: (Stage) -> Int = { catalog.components(inStage: $0.id).count >= 3 ? 2 : 1 }
        let upperColumns = upper.reduce(0) { $0 + columnsOf($1) }
        let gap = 10, boxHeight = 96, header = 26
        let boxWidth = min(150, max(90, (820 - gap) / max(1, upperColumns) - gap))
        let upperRows = upper.map { (catalog.components(inStage: $0.id).count + columnsOf($0) - 1) / columnsOf($0) }.max() ?? 0
        let width = max(1, upperColumns) * (boxWidth + gap) + gap
        let lowerTop = header + upperRows * (boxHeight + gap) + gap
        let height = lowerTop + lower.count * (header + boxHeight + gap) + gap
        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"The AI system's components by stage, with risk counts\">"]
        func box(_ component: Component, x: Int, y: Int, w: Int) {
            let totals = input.scorecard.totals(ofComponent: component.id) ?? Totals()
            let (fill, word): (String, String) = totals.inScope == 0 ? ("#e5e5e5", "out of scope")
                : totals.open * 2 >= totals.inScope && totals.open > 0 ? ("#f4b6b6", "mostly open")
                : totals.open + totals.partial > 0 ? ("#f7e3a1", "under way") : ("#bfe5bf", "done")
            let treated = totals.accepted + totals.transferred + totals.avoided
            out.append("<g><title>\(h("\(component.id) \(component.name): \(word)"))</title>")
            out.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(boxHeight)\" rx=\"6\" fill=\"\(fill)\" stroke=\"#333\"/>")
            // Names wrap onto two lines so they stay inside the box (about 7.8 units a character);
            // a name that needs more gives way to its short label rather than being cut.
            let limit = max(10, (w - 16) * 10 / 78)
            let full = wrap("\(component.id) \(component.name)", limit: limit)
            let name = full.count <= 2 ? full : wrap("\(component.id) \(component.short)", limit: limit)
            for (n, line) in name.prefix(2).enumerated() {
                out.append("<text x=\"\(x + 8)\" y=\"\(y + 18 + n * 16)\" font-size=\"13\" font-weight=\"bold\">\(h(line))</text>")
            }
            let counts = "✗\(totals.open) ◐\(totals.partial) ✓\(totals.mitigated)" + (treated > 0 ? " ◇\(treated)" : "")
            let inScope = "\(totals.inScope) of \(totals.risks) in scope".count * 78 / 10 <= w - 16 ? "\(totals.inScope) of \(totals.risks) in scope" : "\(totals.inScope)/\(totals.risks) in scope"
            out.append("<text x=\"\(x + 8)\" y=\"\(y + 54)\" font-size=\"13\">\(h(inScope))</text>")
            out.append("<text x=\"\(x + 8)\" y=\"\(y + 72)\" font-size=\"13\">\(h(counts))</text>")
            out.append("<text x=\"\(x + 8)\" y=\"\(y + 90)\" font-size=\"13\">\(h(word))</text>")
            out.append("</g>")
        }
        var x = gap
        for stage in upper {
            let columns = columnsOf(stage), stageWidth = columns * (boxWidth + gap) - gap
            let totals = input.scorecard.totals(ofStage: stage.id) ?? Totals()
            let full = "\(stage.name) \(totals.inScope)/\(totals.risks)"
            let label = full.count * 78 / 10 <= stageWidth ? full : "\(stage.short) \(totals.inScope)/\(totals.risks)"
            out.append("<text x=\"\(x)\" y=\"18\" font-size=\"13\" font-weight=\"bold\">\(h(label))</text>")
            for (n, component) in catalog.components(inStage: stage.id).enumerated() {
                let bw = columns == 1 ? stageWidth : boxWidth
                box(component, x: x + (n % columns) * (boxWidth + gap), y: header + (n / columns) * (boxHeight + gap), w: bw)
            }
            x += stageWidth + gap
        }
        var y = lowerTop
        for stage in lower {
            let totals = input.scorecard.totals(ofStage: stage.id) ?? Totals()
            out.append("<text x=\"\(gap)\" y=\"\(y + 18)\" font-size=\"13\" font-weight=\"bold\">\(h("\(stage.name) \(totals.inScope)/\(totals.risks)"))</text>")
            let members = catalog.components(inStage: stage.id)
            let count = max(1, members.count), w = (width - gap * (count + 1)) / count
            for (n, component) in members.enumerated() { box(component, x: gap + n * (w + gap), y: y + header, w: w) }
            y += header + boxHeight + gap
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// Words joined into lines of at most `limit` characters (a long word gets a line of its own).
    static func wrap(_ text: String, limit: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty { line = String(word) } else if line.count + 1 + word.count <= limit { line += " " + word } else { lines.append(line); line = String(word) }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
