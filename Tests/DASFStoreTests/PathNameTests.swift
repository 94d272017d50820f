@testable import DASFStore
import SystemPackage
import XCTest

/// PathName splits paths by hand; FilePath is the reference it must agree with.
final class PathNameTests: XCTestCase {
    func reference(_ path: String) -> (String, String)? {
        let file = FilePath(path)
        guard let last = file.lastComponent, last.kind == .regular, !path.hasSuffix("/") else { return nil }
        let parent = file.removingLastComponent().string
        return (parent.isEmpty ? "." : parent, last.string)
    }

    func testItSplitsEveryPathAsFilePathDoes() {
        let paths = ["a", "-", "x.dasf.json", "dir/a.json", "/a", "//a", "/dir//sub///f.json", "a/./b", "a/../b", "./a", "../a", ".", "..",
                     "a/.", "a/..", "/", "", "a/", "dir/", "a b/c d.json", "日本/語.json", ".hidden", "dir/.hidden", "...", "a/...",
                     "./", "///", "a//b//c"]
        for path in paths {
            let mine = PathName(path).map { ($0.directory, $0.name) }
            let theirs = reference(path)
            XCTAssertEqual(mine?.0, theirs?.0, "directory of \(path.debugDescription)")
            XCTAssertEqual(mine?.1, theirs?.1, "name of \(path.debugDescription)")
        }
    }

    /// Where the two differ on purpose: FilePath cuts a path at a NUL ("a\0b" is "a"), which
    /// would write another file than the one named; PathName says it is no file name.
    func testAPathWithANulIsNoFileName() {
        XCTAssertEqual(FilePath("a\u{0}b").string, "a")
        XCTAssertNil(PathName("a\u{0}b"))
        XCTAssertNil(PathName("dir/x\u{0}.json"))
    }
}
