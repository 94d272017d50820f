import DASFEngine
import DASFReport
import DASFTestSupport
import Foundation
import XCTest

/// Issue 12.2: the portfolio as Markdown, HTML, CSV and JSON: the screen's numbers, unreadable
/// files listed, and a hostile system title inert in each format.
final class PortfolioReportTests: XCTestCase {
    func testEveryFormatHasTheNumbersAndEscapesTitles() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        var systems = PortfolioFixture.systems(4, catalog: catalog)
        var hostile = PortfolioFixture.assessment(9, catalog: catalog)
        hostile.title = "=HYPERLINK(\"http://evil\") <script>alert(1)</script> | \u{1B}[31m"
        systems.append(SystemSummary(path: "x/evil.dasf.json", catalog: catalog, assessment: hostile, lastChange: "", today: "2026-11-24"))
        let portfolio = Portfolio(systems: systems, failures: [.init(path: "x/broken.dasf.json", reason: "truncated")], catalogs: [catalog])
        let input = PortfolioReport.Input(portfolio: portfolio)
        let open = systems.reduce(0) { $0 + $1.overall.open }

        let md = PortfolioReport.markdown(input)
        XCTAssertTrue(md.contains("5 systems · \(open) risks open"), md)
        XCTAssertTrue(md.contains("`x/broken.dasf.json`: truncated"))
        XCTAssertFalse(md.contains("<script>") || md.contains("\u{1B}"), md)
        XCTAssertEqual(md.split(separator: "\n").filter { $0.hasPrefix("| ") }.count, 2 + 5 + 1, "header, rule, a row per system, totals")

        let html = PortfolioReport.html(input)
        XCTAssertTrue(html.contains("&lt;script&gt;") && !html.contains("<script>alert"), "escaped")
        XCTAssertTrue(html.contains("<td class=\"high\"") && html.contains("✗ most risks open"), "a legend with symbols, not colour alone")
        XCTAssertTrue(html.contains("x/broken.dasf.json</code>: truncated"))

        let csv = PortfolioReport.csv(input)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 1 + 5 + 1)
        XCTAssertTrue(lines.contains { $0.hasPrefix("\"'=HYPERLINK") }, "formula injection defused:\n\(csv)")
        XCTAssertTrue(lines.last?.hasSuffix(",truncated") ?? false)

        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try PortfolioReport.json(input).utf8)) as? [String: Any])
        let rows = try XCTUnwrap(json["systems"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 5)
        XCTAssertEqual(rows.reduce(0) { $0 + ($1["open"] as? Int ?? 0) }, open)
        XCTAssertEqual((json["unreadable"] as? [[String: Any]])?.first?["path"] as? String, "x/broken.dasf.json")
        XCTAssertEqual((json["columns"] as? [Any])?.count, 12)
    }
}
