import DASFConfig
import DASFEngine
import DASFUI
import XCTest

/// Issue 10.4: the config file. What it sets is used; every problem is one line naming the file,
/// the line and what is wrong, and dasf goes on with the defaults for what it could not read.
final class ConfigFileTests: XCTestCase {
    func testEverySettingIsRead() {
        let text = """
            # mine
            theme: light
            author: Dana Reyes
            catalog: dasf-1.0
            mouse: false
            private: [owners, notes]
            keys:
              cycle-status: z
              up: [up, i]
              controls: ctrl-o
            """
        let (settings, problems) = ConfigFile.parse(text, path: "c.yaml")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(settings.theme, .light)
        XCTAssertEqual(settings.author, "Dana Reyes")
        XCTAssertEqual(settings.catalog, "dasf-1.0")
        XCTAssertEqual(settings.mouse, false)
        XCTAssertEqual(settings.hiddenInRoom, [.owners, .notes])
        XCTAssertEqual(settings.keys.keys[.cycleStatus], [.character("z")])
        XCTAssertEqual(settings.keys.keys[.up], [.up, .character("i")])
        XCTAssertEqual(settings.keys.keys[.register], [.control("o")])
    }

    func testEachProblemIsOneLineWithFileAndLineAndTheRestStillApplies() {
        let text = """
            theme: solarised
            author: Dana
            colour: blue
            mouse: maybe
            private: [owners, secrets]
            keys:
              cycle-status: z
              note: z
              flyaway: q
              owner: ctrl-1
            """
        let (settings, problems) = ConfigFile.parse(text, path: "/h/.config/dasf/config.yaml")
        XCTAssertEqual(problems, [
            "/h/.config/dasf/config.yaml:1: theme: no such theme \"solarised\" (dark, light, high-contrast, colour-blind, monochrome); the default is used",
            "/h/.config/dasf/config.yaml:3: no setting \"colour\" (it is ignored)",
            "/h/.config/dasf/config.yaml:4: mouse: expected true or false",
            "/h/.config/dasf/config.yaml:5: private: \"secrets\" not known (owners, people, notes, evidence, comments, journal-authors); everything is hidden",
            "/h/.config/dasf/config.yaml:8: keys: z is given to both cycle-status and note; neither gets it",
            "/h/.config/dasf/config.yaml:9: keys: no command \"flyaway\" (docs/config.md lists them)",
            "/h/.config/dasf/config.yaml:10: keys: owner: not a key: ctrl-1 (a character, space, enter, tab, esc, up, pgdn, ctrl-x, …)",
        ])
        XCTAssertEqual(settings.author, "Dana", "what is right is used")
        XCTAssertNil(settings.theme)
        XCTAssertNil(settings.hiddenInRoom)
        XCTAssertTrue(settings.keys.isEmpty)
    }

    func testAFileThatIsNotYAMLGivesTheDefaults() {
        let (settings, problems) = ConfigFile.parse("theme: [light\nauthor: x", path: "c.yaml")
        XCTAssertEqual(settings, Settings())
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].hasPrefix("c.yaml:") && problems[0].hasSuffix("; using the defaults"), problems[0])
        XCTAssertEqual(ConfigFile.parse("- a\n- b", path: "c.yaml").problems, ["c.yaml:1: expected settings as \"name: value\" lines; using the defaults"])
        XCTAssertEqual(ConfigFile.parse("", path: "c.yaml").problems, [])
        XCTAssertEqual(ConfigFile.parse("thme: dark", path: "c.yaml").problems, ["c.yaml:1: no setting \"thme\"; did you mean \"theme\"? (it is ignored)"])
    }

    func testTheFileIsLookedForWhereXDGSays() {
        XCTAssertEqual(ConfigFile.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]), "/x/dasf/config.yaml")
        XCTAssertEqual(ConfigFile.path(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]), "/h/.config/dasf/config.yaml")
        XCTAssertNil(ConfigFile.path(environment: [:]))
    }
}

/// The documentation and the schema say what the code reads: the example parses cleanly and
/// every name in the schema is one the code knows, and the other way round.
final class ConfigDocumentationTests: XCTestCase {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs")

    func testTheExampleInTheDocsParsesWithoutProblems() throws {
        let text = try String(contentsOf: Self.docs.appendingPathComponent("config.md"), encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "```yaml\n")), end = try XCTUnwrap(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let (settings, problems) = ConfigFile.parse(String(text[start.upperBound..<end.lowerBound]), path: "docs/config.md")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(settings.theme, .light)
        XCTAssertEqual(settings.hiddenInRoom, Set(PrivateField.allCases))
    }

    func testTheSchemaNamesWhatTheCodeReads() throws {
        let data = try Data(contentsOf: Self.docs.appendingPathComponent("schemas/config.schema.json"))
        let schema = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let properties = try XCTUnwrap(schema["properties"] as? [String: Any])
        XCTAssertEqual(Set(properties.keys), ["theme", "author", "catalog", "mouse", "private", "keys"])
        let themes = try XCTUnwrap((properties["theme"] as? [String: Any])?["enum"] as? [String])
        XCTAssertEqual(Set(themes), Set(ThemeName.allCases.map(\.rawValue)))
        let fields = try XCTUnwrap(((properties["private"] as? [String: Any])?["items"] as? [String: Any])?["enum"] as? [String])
        XCTAssertEqual(Set(fields), Set(PrivateField.allCases.map(\.rawValue)))
        let commands = try XCTUnwrap(((properties["keys"] as? [String: Any])?["propertyNames"] as? [String: Any])?["enum"] as? [String])
        XCTAssertEqual(Set(commands), Set(KeyRemap.names.keys))
        let doc = try String(contentsOf: Self.docs.appendingPathComponent("config.md"), encoding: .utf8)
        for name in KeyRemap.names.keys { XCTAssertTrue(doc.contains("`\(name)`"), "docs/config.md lists \(name)") }
    }
}
