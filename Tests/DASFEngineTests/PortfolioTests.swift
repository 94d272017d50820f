import DASFEngine
import DASFTestSupport
import XCTest

/// Issue 12.2: many assessments as one table, sorted and filtered in the engine, so the screen,
/// the reports and a script all see the same thing.
final class PortfolioTests: XCTestCase {
    func testSortsFiltersTotalsAndTheColumnView() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        let systems = PortfolioFixture.systems(12, catalog: catalog)
        let portfolio = Portfolio(systems: systems, failures: [.init(path: "b.dasf.json", reason: "truncated")], catalogs: [catalog])
        XCTAssertEqual(portfolio.columns.map(\.id), Array(1...12))

        let worst = portfolio.rows(.init(), .worst)
        XCTAssertEqual(worst.count, 12)
        for (a, b) in zip(worst, worst.dropFirst()) { XCTAssertTrue(a.severity >= b.severity, "\(a.title) before \(b.title)") }
        XCTAssertEqual(portfolio.rows(.init(), .name).map(\.title), systems.map(\.title).sorted())
        let byChange = portfolio.rows(.init(), .lastChange)
        for (a, b) in zip(byChange, byChange.dropFirst()) { XCTAssertGreaterThanOrEqual(a.lastChange, b.lastChange) }
        let byStale = portfolio.rows(.init(), .stale)
        XCTAssertTrue(byStale.first.map { $0.staleControls > 0 } ?? false, "a stale system first")

        // Filters: every one narrows, and the row totals follow a stage filter.
        let rag = portfolio.rows(.init(deploymentModel: "rag"), .name)
        XCTAssertTrue(!rag.isEmpty && rag.count < 12 && rag.allSatisfy { $0.deploymentModels.contains("rag") })
        XCTAssertEqual(Set(portfolio.rows(.init(owner: "priya"), .name).map(\.title)), ["System 004", "System 008", "System 012"])
        XCTAssertEqual(portfolio.rows(.init(catalog: "dasf-1.0"), .name).count, 0)
        XCTAssertEqual(portfolio.rows(.init(search: "system 00"), .name).count, 9)
        let stage = catalog.stages[0].id
        let columns = portfolio.columns(.init(stage: stage))
        XCTAssertEqual(columns.map(\.id), catalog.components(inStage: stage).map(\.id))
        let one = systems[0]
        XCTAssertEqual(portfolio.total(one, columns).open, columns.reduce(0) { $0 + (one.components[$1.id]?.open ?? 0) })
        XCTAssertEqual(portfolio.total(portfolio.columns[8], systems).open, systems.reduce(0) { $0 + ($1.components[9]?.open ?? 0) })

        let open = systems.reduce(0) { $0 + $1.overall.open }, stale = systems.reduce(0) { $0 + $1.staleControls }
        XCTAssertEqual(portfolio.summary(worst, portfolio.columns), "12 systems · \(open) risks open · \(stale) stale controls · 0 unsettled conflicts · 1 unreadable")

        // Which systems leave 9.1 open or partial: exactly those whose summary says so.
        let nine = portfolio.unsettled(inComponent: 9, worst)
        let expected = worst.filter { ($0.unsettledRisks[9] ?? []).contains { $0.id == "9.1" } }.map(\.path)
        XCTAssertEqual(nine.first { $0.risk == "9.1" }?.systems.map(\.system.path), expected)
        XCTAssertEqual(portfolio.riskTitles["9.1"], catalog.risk("9.1")?.title)

        XCTAssertEqual(try Portfolio.Filter.parse("model:rag owner:Dana claims bot"), .init(deploymentModel: "rag", owner: "Dana", search: "claims bot"))
        XCTAssertThrowsError(try Portfolio.Filter.parse("colour:red")) { XCTAssertTrue("\($0)".contains("unknown filter colour")) }
    }
}
