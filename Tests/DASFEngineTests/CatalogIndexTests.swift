@testable import DASFEngine
import Foundation
import XCTest

/// Issue 13: the catalog's per-component tables are arrays by position and built-in catalogs
/// are made once per process, possibly on another thread. Every answer must equal the plain
/// scan of the catalog it replaces.
final class CatalogIndexTests: XCTestCase {
    private func catalogs() throws -> [Catalog] {
        try BuiltinCatalogs.ids.map { try BuiltinCatalogs.load($0) } + [try TestCatalog.small()]
    }

    func testComponentLookupsEqualAScanOfTheCatalog() throws {
        for catalog in try catalogs() {
            for component in catalog.components {
                XCTAssertEqual(catalog.component(component.id)?.name, component.name, catalog.id)
                XCTAssertEqual(catalog.risks(inComponent: component.id).map(\.id),
                               catalog.risks.filter { $0.component == component.id }.map(\.id), "\(catalog.id) component \(component.id)")
            }
            XCTAssertNil(catalog.component(999))
            XCTAssertEqual(catalog.risks(inComponent: 999).count, 0)
            XCTAssertEqual(catalog.risks(inComponent: -1).count, 0)
        }
    }

    /// Each control's risks, and their count, equal a scan of the risks naming it; an id the
    /// catalog lacks has none.
    func testRisksOfAControlEqualAScanOfTheRisks() throws {
        for catalog in try catalogs() {
            for control in catalog.controls {
                let named = catalog.risks.filter { $0.controls.contains(control.id) }.map(\.id)
                XCTAssertEqual(catalog.risks(mitigatedBy: control.id).map(\.id), named, "\(catalog.id) \(control.id)")
                XCTAssertEqual(catalog.riskCount(mitigatedBy: control.id), named.count, "\(catalog.id) \(control.id)")
            }
            XCTAssertEqual(catalog.riskCount(mitigatedBy: "DASF 999"), 0)
            XCTAssertTrue(catalog.risks(mitigatedBy: "DASF 999").isEmpty)
        }
    }

    /// Control tallies per component and per stage count each distinct mapped control once,
    /// by its status: checked against sets built from the risks, with a status on every third.
    func testControlTalliesPerComponentAndStageEqualAScan() throws {
        for catalog in try catalogs() {
            var assessment = Assessment(title: "t", catalog: catalog)
            let statuses: [ControlStatus] = [.implemented, .planned, .inProgress]
            for (n, control) in catalog.controls.enumerated() where n % 3 == 0 {
                try assessment.apply(.setControlStatus(control: control.id, status: statuses[(n / 3) % 3]), in: catalog)
            }
            let card = Scorecard(catalog: catalog, assessment: assessment)
            func expected(_ risks: [Risk]) -> [ControlStatus: Int] {
                var counts: [ControlStatus: Int] = [:]
                for id in Set(risks.flatMap(\.controls)) where catalog.control(id) != nil { counts[assessment.status(of: id), default: 0] += 1 }
                return counts
            }
            func actual(_ totals: Totals) -> [ControlStatus: Int] {
                var counts: [ControlStatus: Int] = [:]
                for status in ControlStatus.allCases where totals.controls(status) > 0 { counts[status] = totals.controls(status) }
                return counts
            }
            for summary in card.components {
                let risks = catalog.risks.filter { $0.component == summary.component.id }
                XCTAssertEqual(actual(summary.totals), expected(risks), "\(catalog.id) component \(summary.component.id)")
                XCTAssertEqual(summary.totals.risks, risks.count)
            }
            for summary in card.stages {
                let ids = Set(catalog.components.filter { $0.stage == summary.stage.id }.map(\.id))
                XCTAssertEqual(actual(summary.totals), expected(catalog.risks.filter { ids.contains($0.component) }), "\(catalog.id) stage \(summary.stage.id)")
            }
        }
    }

    /// Many threads asking at once get one catalog, equal to one made afresh; a prefetch is the
    /// same catalog a later load returns; an unknown id is refused every time, never remembered.
    func testBuiltInCatalogsAreMadeOnceWhoeverAsks() throws {
        BuiltinCatalogs.prefetch("dasf-1.0")
        let counts = Counts()
        DispatchQueue.concurrentPerform(iterations: 8) { n in
            counts.set(n, (try? BuiltinCatalogs.load(n % 2 == 0 ? "dasf-2.0" : "dasf-1.0"))?.risks.count ?? -1)
        }
        let fresh2 = try BuiltinCatalogs.loadFromText("dasf-2.0"), fresh1 = try BuiltinCatalogs.loadFromText("dasf-1.0")
        XCTAssertEqual(counts.values, (0..<8).map { $0 % 2 == 0 ? fresh2.risks.count : fresh1.risks.count })
        XCTAssertTrue(CatalogMemo.shared.has("dasf-2.0"))
        XCTAssertEqual(try BuiltinCatalogs.load("dasf-1.0").digest, fresh1.digest)
        XCTAssertEqual(try BuiltinCatalogs.load("dasf-1.0").risks, fresh1.risks)
        for _ in 0..<2 {
            XCTAssertThrowsError(try BuiltinCatalogs.load("dasf-9.9"))
            XCTAssertFalse(CatalogMemo.shared.has("dasf-9.9"))
        }
        BuiltinCatalogs.prefetch("dasf-9.9")
        XCTAssertFalse(CatalogMemo.shared.has("dasf-9.9"))
    }

    /// A maker that fails lets the next asker try again, and waiting askers are not left hanging.
    func testAFailedMakeIsNotRemembered() {
        let memo = CatalogMemo()
        var calls = 0
        for _ in 0..<2 {
            XCTAssertThrowsError(try memo.catalog("x") { () throws(CatalogError) -> Catalog in
                calls += 1
                throw CatalogError(origin: "x", problems: ["no"])
            })
        }
        XCTAssertEqual(calls, 2)
        XCTAssertFalse(memo.has("x"))
    }
}

private final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = [Int](repeating: 0, count: 8)
    func set(_ n: Int, _ value: Int) { lock.lock(); stored[n] = value; lock.unlock() }
    var values: [Int] { lock.lock(); defer { lock.unlock() }; return stored }
}
