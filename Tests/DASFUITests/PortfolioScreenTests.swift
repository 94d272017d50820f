import DASFEngine
import DASFTestSupport
import XCTest

@testable import DASFUI

/// Issue 12.2: the portfolio screen as text, at 80×24 and 160×48, with 3 and 300 systems; its
/// keys (columns by number, the column view, order, filter, search, Enter and Esc).
final class PortfolioScreenTests: XCTestCase {
    func state(_ count: Int, size: Size, failures: [Portfolio.Failure] = []) throws -> PortfolioState {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        let portfolio = Portfolio(systems: PortfolioFixture.systems(count, catalog: catalog), failures: failures, catalogs: [catalog])
        var state = PortfolioState(portfolio: portfolio, size: size)
        _ = PortfolioController.reduce(&state, .resize(size))
        return state
    }

    func testGoldenScreens() throws {
        let broken = [Portfolio.Failure(path: "team-b/broken.dasf.json", reason: "truncated: the JSON ends before the document is complete (60 bytes)")]
        for size in [Size(width: 80, height: 24), Size(width: 160, height: 48)] {
            for count in [3, 300] {
                let s = try state(count, size: size, failures: count == 3 ? broken : [])
                let text = PortfolioView.render(s).grid.text
                XCTAssertTrue(text.contains("\(count) systems"), text)
                for row in s.rows.prefix(min(count, PortfolioView.listRect(s).height)) { XCTAssertTrue(text.contains(String(row.title.prefix(10))), "\(row.title)\n\(text)") }
                if count == 3 { XCTAssertTrue(text.contains("team-b/broken.dasf.json: truncated"), "failures are listed\n\(text)") }
                assertScreen(PortfolioView.render(s), named: "portfolio-\(count)-\(size.width)x\(size.height)")
            }
        }
    }

    func testColumnsByNumberTheColumnViewAndBack() throws {
        var s = try state(300, size: Size(width: 80, height: 24))
        XCTAssertEqual(PortfolioController.reduce(&s, .character("c")), [])
        XCTAssertEqual(s.message, "pick a component first: ← → or its number, then c")
        for key in [Key.down, .down, .down] { _ = PortfolioController.reduce(&s, key) }
        _ = PortfolioController.reduce(&s, .character("9"))
        XCTAssertEqual(s.columns[s.column].id, 9)
        _ = PortfolioController.reduce(&s, .character("1"))
        _ = PortfolioController.reduce(&s, .character("0"))
        XCTAssertEqual(s.columns[s.column].id, 10, "1 then 0 is component 10")
        _ = PortfolioController.reduce(&s, .character("9"))
        XCTAssertEqual(PortfolioController.reduce(&s, .enter), [.open(path: s.rows[3].path, component: 9, risk: nil)])
        // Two keys from the grid: which systems leave component 9's risks open.
        _ = PortfolioController.reduce(&s, .character("c"))
        XCTAssertEqual(s.view, .component(9))
        let lines = s.componentLines
        XCTAssertFalse(lines.isEmpty)
        XCTAssertEqual(Set(lines.map(\.risk)).isSubset(of: Set(s.portfolio.riskTitles.keys.filter { $0.hasPrefix("9.") })), true)
        assertScreen(PortfolioView.render(s), named: "portfolio-component-9-80x24")
        _ = PortfolioController.reduce(&s, .down)
        XCTAssertEqual(PortfolioController.reduce(&s, .enter), [.open(path: lines[1].system.path, component: 9, risk: lines[1].risk)])
        _ = PortfolioController.reduce(&s, .escape)
        XCTAssertEqual(s.view, .grid)
        XCTAssertEqual(s.row, 3, "back in the same place")
    }

    /// The totals are worked out with the rows (not per key), so a row read again after an edit
    /// must bring them along.
    func testTotalsFollowARowReadAgain() throws {
        var s = try state(30, size: Size(width: 100, height: 30))
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        let before = s.columnTotals[0].open
        let first = s.rows[0]
        var done = PortfolioFixture.assessment(Int(first.title.suffix(3)) ?? 1, catalog: catalog)
        for control in catalog.controls { try done.apply(.setControlStatus(control: control.id, status: .implemented), in: catalog) }
        s.replace(SystemSummary(path: first.path, catalog: catalog, assessment: done, lastChange: first.lastChange, today: "2026-11-24"))
        XCTAssertEqual(s.columnTotals[0].open, before - (first.components[1]?.open ?? 0))
        XCTAssertEqual(s.summary, s.portfolio.summary(s.rows, s.columns))
        XCTAssertTrue(PortfolioView.render(s).grid.text.contains(s.summary.prefix(30)))
    }

    func testOrderFilterAndSearch() throws {
        var s = try state(30, size: Size(width: 100, height: 30))
        let selected = s.rows[5].path
        s.row = 5
        _ = PortfolioController.reduce(&s, .character("o"))
        XCTAssertEqual(s.order, .name)
        XCTAssertEqual(s.rows.map(\.title), s.rows.map(\.title).sorted())
        XCTAssertEqual(s.rows[s.row].path, selected, "the same system stays selected")
        _ = PortfolioController.reduce(&s, .character("f"))
        for c in "owner:priya" { _ = PortfolioController.reduce(&s, .character(c)) }
        _ = PortfolioController.reduce(&s, .enter)
        XCTAssertEqual(s.rows.count, 7)
        XCTAssertTrue(s.message?.hasPrefix("filter: owner priya (7 of 30 systems") ?? false, s.message ?? "")
        _ = PortfolioController.reduce(&s, .character("f"))
        for c in " colour:red" { _ = PortfolioController.reduce(&s, .character(c)) }
        _ = PortfolioController.reduce(&s, .enter)
        XCTAssertNotNil(s.prompt, "a mistake keeps the prompt to correct")
        XCTAssertTrue(s.message?.contains("unknown filter colour") ?? false)
        _ = PortfolioController.reduce(&s, .escape)
        _ = PortfolioController.reduce(&s, .escape)
        XCTAssertEqual(s.rows.count, 30, "Esc clears the filter")
        _ = PortfolioController.reduce(&s, .character("/"))
        for c in "System 02" { _ = PortfolioController.reduce(&s, .character(c)) }
        _ = PortfolioController.reduce(&s, .enter)
        XCTAssertEqual(s.rows.map(\.title), (20...29).map { "System 0\($0)" })
        XCTAssertEqual(PortfolioController.reduce(&s, .character("q")), [.quit])
        // Tiny terminals: said, never a crash.
        for size in [Size(width: 10, height: 3), Size(width: 79, height: 23), Size(width: 0, height: 0)] {
            _ = PortfolioController.reduce(&s, .resize(size))
            _ = PortfolioView.render(s)
        }
    }
}
