import DASFEngine
import Foundation

/// The portfolio as a report: Markdown and CSV tables, a JSON document, and an HTML heat map a
/// CISO can hand to a board. The same rows, columns and totals as the screen; unreadable files
/// listed, never left out. Every string from a save file is escaped for its format.
public enum PortfolioReport {
    public struct Input: Sendable {
        public let portfolio: Portfolio
        public let rows: [SystemSummary]
        public let columns: [Portfolio.Column]
        public let order: Portfolio.Order
        public let filter: Portfolio.Filter

        public init(portfolio: Portfolio, filter: Portfolio.Filter = Portfolio.Filter(), order: Portfolio.Order = .worst) {
            self.portfolio = portfolio
            self.filter = filter
            self.order = order
            rows = portfolio.rows(filter, order)
            columns = portfolio.columns(filter)
        }

        var summary: String { portfolio.summary(rows, columns) }
    }

    /// "✗3", "◐2", "✓", "·" or "" (no such component): the screen's cell, in text.
    static func cell(_ t: Totals?) -> String {
        guard let t else { return "" }
        if t.inScope == 0 { return "·" }
        if t.open > 0 { return "✗\(t.open)" }
        if t.partial > 0 { return "◐\(t.partial)" }
        return "✓"
    }

    public static func markdown(_ input: Input) -> String {
        let e = Escaping.markdown
        var lines = ["# AI systems portfolio", "", e(input.summary) + ".", ""]
        if !input.filter.isEmpty { lines += ["Filter: \(e(input.filter.label)).", ""] }
        lines += ["Each cell: ✗ open risks, ◐ partly mitigated, ✓ all dealt with, · none in scope. Sorted by \(input.order.rawValue).", ""]
        lines.append("| System | " + input.columns.map { "\($0.id)" }.joined(separator: " | ") + " | Open | Partial | Stale | Conflicts |")
        lines.append("| --- | " + input.columns.map { _ in "---:" }.joined(separator: " | ") + " | ---: | ---: | ---: | ---: |")
        for row in input.rows {
            let t = input.portfolio.total(row, input.columns)
            lines.append("| \(e(row.title)) | " + input.columns.map { cell(row.components[$0.id]) }.joined(separator: " | ")
                         + " | \(t.open) | \(t.partial) | \(row.staleControls) | \(row.conflicts) |")
        }
        let totals = input.columns.map { input.portfolio.total($0, input.rows) }
        lines.append("| **All (open)** | " + totals.map { "\($0.open)" }.joined(separator: " | ")
                     + " | \(totals.reduce(0) { $0 + $1.open }) | \(totals.reduce(0) { $0 + $1.partial }) | \(input.rows.reduce(0) { $0 + $1.staleControls }) | \(input.rows.reduce(0) { $0 + $1.conflicts }) |")
        lines += ["", "Components: " + input.columns.map { "\($0.id) \(e($0.name))" }.joined(separator: "; ") + "."]
        lines += ["", "Files: " + input.rows.map { "\(e($0.title)): `\(Escaping.withoutControls($0.path).replacingOccurrences(of: "`", with: "'"))`" }.joined(separator: "; ") + "."]
        if !input.portfolio.failures.isEmpty {
            lines += ["", "## Files that could not be read", ""]
            lines += input.portfolio.failures.map { "- `\(Escaping.withoutControls($0.path).replacingOccurrences(of: "`", with: "'"))`: \(e($0.reason))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func csv(_ input: Input) -> String {
        let c = Escaping.csv
        var lines = [(["system", "path", "catalog"] + input.columns.map { "component \($0.id) open" } + input.columns.map { "component \($0.id) partial" }
                      + ["open", "partial", "in scope", "stale controls", "conflicts", "last change", "error"]).map(c).joined(separator: ",")]
        for row in input.rows {
            let t = input.portfolio.total(row, input.columns)
            let cells = [row.title, row.path, row.catalogID] + input.columns.map { row.components[$0.id].map { "\($0.open)" } ?? "" }
                + input.columns.map { row.components[$0.id].map { "\($0.partial)" } ?? "" }
                + ["\(t.open)", "\(t.partial)", "\(t.inScope)", "\(row.staleControls)", "\(row.conflicts)", row.lastChange, ""]
            lines.append(cells.map(c).joined(separator: ","))
        }
        for failure in input.portfolio.failures {
            let blanks = Array(repeating: "", count: input.columns.count * 2 + 6)
            lines.append((["", failure.path, ""] + blanks + [failure.reason]).map(c).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    struct JSONDocument: Encodable {
        struct Column: Encodable { let id: Int; let name, stage: String }
        struct Cell: Encodable { let component, inScope, open, partial, mitigated, treated: Int }
        struct Row: Encodable {
            let title, path, catalog, catalogVersion, lastChange: String
            let deploymentModels: [String]
            let open, partial, inScope, staleControls, conflicts: Int
            let components: [Cell]
        }
        struct Failure: Encodable { let path, reason: String }
        let summary: String
        let order: String
        let filter: String?
        let columns: [Column]
        let systems: [Row]
        let unreadable: [Failure]
    }

    public static func json(_ input: Input) throws -> String {
        let document = JSONDocument(
            summary: input.summary, order: input.order.rawValue, filter: input.filter.isEmpty ? nil : input.filter.label,
            columns: input.columns.map { .init(id: $0.id, name: $0.name, stage: $0.stage) },
            systems: input.rows.map { row in
                let t = input.portfolio.total(row, input.columns)
                return .init(title: row.title, path: row.path, catalog: row.catalogID, catalogVersion: row.catalogVersion, lastChange: row.lastChange,
                             deploymentModels: row.deploymentModels, open: t.open, partial: t.partial, inScope: t.inScope,
                             staleControls: row.staleControls, conflicts: row.conflicts,
                             components: input.columns.compactMap { column in
                                 row.components[column.id].map { .init(component: column.id, inScope: $0.inScope, open: $0.open, partial: $0.partial,
                                                                      mitigated: $0.mitigated, treated: $0.accepted + $0.transferred + $0.avoided) }
                             })
            },
            unreadable: input.portfolio.failures.map { .init(path: $0.path, reason: $0.reason) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    /// A self-contained page: the heat map with a legend (symbols as well as colour), totals, and
    /// the unreadable files.
    public static func html(_ input: Input) -> String {
        let h = Escaping.html
        func heat(_ t: Totals?) -> String {
            guard let t else { return "absent" }
            if t.inScope == 0 { return "none" }
            if t.open * 2 >= t.inScope && t.open > 0 { return "high" }
            if t.open > 0 || t.partial > 0 { return "medium" }
            return "low"
        }
        var body = ["<h1>AI systems portfolio</h1>", "<p class=\"summary\">\(h(input.summary))</p>"]
        if !input.filter.isEmpty { body.append("<p>Filter: \(h(input.filter.label))</p>") }
        body.append("<p class=\"legend\"><span class=\"high\">✗ most risks open</span> <span class=\"medium\">✗/◐ some open or partial</span> <span class=\"low\">✓ all dealt with</span> <span class=\"none\">· none in scope</span></p>")
        body.append("<table><thead><tr><th scope=\"col\">System</th>" + input.columns.map { "<th scope=\"col\" title=\"\(h($0.name))\">\($0.id)<br><small>\(h($0.short))</small></th>" }.joined()
                    + "<th scope=\"col\">Open</th><th scope=\"col\">Partial</th><th scope=\"col\">Stale</th></tr></thead><tbody>")
        for row in input.rows {
            let t = input.portfolio.total(row, input.columns)
            body.append("<tr><th scope=\"row\">\(h(row.title))</th>" + input.columns.map { column in
                let c = row.components[column.id]
                let label = c.map { "\(column.name): \($0.open) open, \($0.partial) partial of \($0.inScope) in scope" } ?? "\(column.name): not in this system's catalog"
                return "<td class=\"\(heat(c))\" title=\"\(h(label))\">\(h(cell(c)))</td>"
            }.joined() + "<td>\(t.open)</td><td>\(t.partial)</td><td>\(row.staleControls)</td></tr>")
        }
        let totals = input.columns.map { input.portfolio.total($0, input.rows) }
        body.append("</tbody><tfoot><tr><th scope=\"row\">All (open)</th>" + totals.map { "<td>\($0.open)</td>" }.joined()
                    + "<td>\(totals.reduce(0) { $0 + $1.open })</td><td>\(totals.reduce(0) { $0 + $1.partial })</td><td>\(input.rows.reduce(0) { $0 + $1.staleControls })</td></tr></tfoot></table>")
        if !input.portfolio.failures.isEmpty {
            body.append("<h2>Files that could not be read</h2><ul>" + input.portfolio.failures.map { "<li><code>\(h($0.path))</code>: \(h($0.reason))</li>" }.joined() + "</ul>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>AI systems portfolio</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
            table { border-collapse: collapse; } th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: center; }
            th[scope=row] { text-align: left; } .high { background: #f4b6b6; } .medium { background: #fbe3a6; }
            .low { background: #bfe3c0; } .none, .absent { background: #eee; color: #555; } .legend span { padding: .1rem .4rem; }
            </style></head><body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }
}
