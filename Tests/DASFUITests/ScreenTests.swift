import DASFEngine
import XCTest

@testable import DASFUI

/// Every screen at 80×24 and at 160×48.
final class ScreenTests: XCTestCase {
    static let sizes = [("80x24", Size(width: 80, height: 24)), ("160x48", Size(width: 160, height: 48))]

    func check(_ name: String, _ setUp: (inout AppState) -> Void, file: StaticString = #filePath, line: UInt = #line) throws {
        for (label, size) in Self.sizes {
            var state = try sampleState(size: size)
            setUp(&state)
            assertScreen(Renderer.render(state), named: "\(name)-\(label)", file: file, line: line)
        }
    }

    func testMap() throws { try check("map") { _ in } }
    func testComponent() throws { try check("component") { press(&$0, .right, .right, .right, .right, .enter) } }
    func testRisk() throws { try check("risk") { press(&$0, .right, .right, .right, .right, .enter, .down, .down, .down, .enter) } }
    func testControl() throws { try check("control") { press(&$0, .character("c")); for _ in 0..<53 { press(&$0, .down) }; press(&$0, .enter) } }
    func testRegister() throws { try check("register") { press(&$0, .character("c")) } }
    func testScope() throws { try check("scope") { press(&$0, .character("s")) } }
    func testHelp() throws { try check("help") { press(&$0, .right, .enter, .enter, .character("?")) } }
    func testPrompt() throws { try check("prompt") { press(&$0, .character("c"), .down, .down, .character("N")); for key in Key.text("only batch jobs, no 日本語 users") { press(&$0, key) } } }

    func testTooSmallAndAscii() throws {
        var state = try sampleState(size: Size(width: 60, height: 20))
        assertScreen(Renderer.render(state), named: "too-small-60x20")
        state = try sampleState(unicode: false)
        assertScreen(Renderer.render(state), named: "map-ascii-80x24")
    }
}
