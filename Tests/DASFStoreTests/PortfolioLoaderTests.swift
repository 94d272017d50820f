import DASFEngine
import DASFStore
import Foundation
import XCTest

/// Issue 12.2: finding and reading many save files: recursive, hidden folders and links left
/// alone, every unreadable file listed with its reason, both catalogs' components as columns.
final class PortfolioLoaderTests: XCTestCase {
    func testFilesAreFoundReadInParallelAndFailuresListed() throws {
        let root = NSTemporaryDirectory() + "dasf-portfolio-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        for folder in ["team-a/deep", "team-b", ".git/objects", "notes"] { try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true) }
        let two = try BuiltinCatalogs.load("dasf-2.0"), one = try BuiltinCatalogs.load("dasf-1.0")
        _ = try SaveFile.create(root + "/team-a/claims.dasf.json", assessment: Assessment(title: "Claims", catalog: two))
        _ = try SaveFile.create(root + "/team-a/deep/old.dasf.json", assessment: Assessment(title: "Old system", catalog: one))
        _ = try SaveFile.create(root + "/.git/objects/hidden.dasf.json", assessment: Assessment(title: "Hidden", catalog: two))
        try Data("{\"format\": \"dasf-assessment\", ".utf8).write(to: URL(fileURLWithPath: root + "/team-b/broken.dasf.json"))
        try Data("not mine".utf8).write(to: URL(fileURLWithPath: root + "/notes/readme.json"))
        try fm.createSymbolicLink(atPath: root + "/team-b/link.dasf.json", withDestinationPath: root + "/team-a/claims.dasf.json")

        let found = PortfolioLoader.find([root, root + "/missing"])
        XCTAssertEqual(found.files.map { String($0.dropFirst(root.count + 1)) }, ["team-a/claims.dasf.json", "team-a/deep/old.dasf.json", "team-b/broken.dasf.json"])
        XCTAssertEqual(found.failures.map(\.reason), ["a symbolic link: not followed", "no such file or folder"])

        let loaded = PortfolioLoader.load(found.files, today: "2026-11-24")
        XCTAssertEqual(loaded.systems.map(\.title).sorted(), ["Claims", "Old system"])
        XCTAssertEqual(loaded.failures.count, 1)
        XCTAssertTrue(loaded.failures[0].reason.hasPrefix("truncated"), "the path is not said twice: \(loaded.failures[0].reason)")
        let portfolio = Portfolio(systems: loaded.systems, failures: found.failures + loaded.failures, catalogs: loaded.catalogs)
        XCTAssertEqual(portfolio.failures.count, 3)
        XCTAssertEqual(portfolio.columns.count, 12)
        XCTAssertEqual(Set(loaded.catalogs.map(\.id)), ["dasf-1.0", "dasf-2.0"])
        XCTAssertEqual(portfolio.rows(.init(catalog: "dasf-1.0"), .name).map(\.title), ["Old system"])
    }
}
