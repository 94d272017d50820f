import DASFEngine
@testable import DASFImport
import Foundation
import XCTest
import ZIPFoundation

/// Issue 11.1: the compendium as Databricks publishes it. With ../shared present, the real 2.0
/// sheets must give the built-in 2.0's facts and a lint line for each quirk their README lists.
final class CompendiumImportTests: XCTestCase {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/reference/compendium-2.0")

    func sharedSheets() throws -> (Sheet, Sheet) {
        let risks = Self.shared.appendingPathComponent("risks.tsv"), controls = Self.shared.appendingPathComponent("controls.tsv")
        try XCTSkipUnless(FileManager.default.fileExists(atPath: risks.path), "../shared/reference/compendium-2.0 is not beside the repository")
        return (try Sheet.delimited(String(contentsOf: risks, encoding: .utf8), separator: "\t", name: "risks.tsv"),
                try Sheet.delimited(String(contentsOf: controls, encoding: .utf8), separator: "\t", name: "controls.tsv"))
    }

    func testThePublished20SheetsGiveTheBuiltIn20Facts() throws {
        let (risks, controls) = try sharedSheets()
        let result = try CompendiumImport.run(risks: risks, controls: controls, options: .init(id: "dasf-2.0-imported"))
        let imported = result.catalog, builtIn = try BuiltinCatalogs.load("dasf-2.0")
        XCTAssertEqual(imported.risks.map(\.id), builtIn.risks.map(\.id))
        XCTAssertEqual(imported.controls.map(\.id), builtIn.controls.map(\.id))
        XCTAssertEqual(imported.risks.map(\.title), builtIn.risks.map(\.title))
        XCTAssertEqual(imported.controls.map(\.title), builtIn.controls.map(\.title))
        XCTAssertEqual(imported.risks.map(\.component), builtIn.risks.map(\.component))
        XCTAssertEqual(imported.components.map(\.id), builtIn.components.map(\.id))
        XCTAssertEqual(imported.components.map(\.stage), builtIn.components.map(\.stage))
        func pairs(_ c: Catalog) -> Set<String> { Set(c.risks.flatMap { risk in risk.controls.map { "\(risk.id)|\($0)" } }) }
        XCTAssertEqual(pairs(imported).count, 362)
        XCTAssertEqual(pairs(imported), pairs(builtIn))
        XCTAssertEqual(imported.risks.map { Set($0.deploymentModels) }, builtIn.risks.map { Set($0.deploymentModels) })
        XCTAssertEqual(imported.deploymentModels.map(\.id), builtIn.deploymentModels.map(\.id))
        XCTAssertEqual(imported.risks.map(\.revision), builtIn.risks.map(\.revision), "12.2 and 12.7 corrected")
        XCTAssertEqual(imported.risk("1.1")?.frameworks["mitre-atlas"], builtIn.risk("1.1")?.frameworks["mitre-atlas"])

        let lint = result.lint.map(\.description)
        func has(_ pieces: String...) -> Bool { lint.contains { line in pieces.allSatisfy(line.contains) } }
        XCTAssertTrue(has("\"Platform 12.2 \" has spaces around it", "trimmed"), lint.joined(separator: "\n"))
        XCTAssertTrue(has("component 9's ids are written", "Model Serving - Inference requests", "Model Serving — Inference requests"), lint.joined(separator: "\n"))
        XCTAssertTrue(has("titles repeat their risk's id before a colon"))
        XCTAssertTrue(has("names risk 3.5, which the risks sheet does not have"))
        XCTAssertTrue(has("DASF 61 mitigates no risk"))
        XCTAssertTrue(has("risks 12.2 (2.0) and 12.7 (1.0)", "swapped"))
        XCTAssertTrue(has("header says 2025", "2023"))
        let asymmetric = lint.filter { $0.contains("does not list") || $0.contains("which the risks sheet does not have") }
        XCTAssertEqual(asymmetric.count, 9, "the 9 pairs the sheets disagree on:\n" + asymmetric.joined(separator: "\n"))
        XCTAssertTrue(has("controls.tsv row", "column \"Risk ID\""), "places are named by sheet, row and column:\n" + lint.joined(separator: "\n"))
    }

    func testStrictRefusesAtTheFirstQuirkAndPairsCanComeFromEitherSheet() throws {
        let (risks, controls) = try sharedSheets()
        XCTAssertThrowsError(try CompendiumImport.run(risks: risks, controls: controls, options: .init(strict: true))) { error in
            XCTAssertTrue("\(error)".hasPrefix("refused (--strict): risks.tsv"), "\(error)")
        }
        let fromControls = try CompendiumImport.run(risks: risks, controls: controls, options: .init(pairs: .controls)).catalog
        XCTAssertEqual(fromControls.risks.reduce(0) { $0 + $1.controls.count }, 360, "361 pairs on the controls sheet, less the one naming risk 3.5")
        let union = try CompendiumImport.run(risks: risks, controls: controls, options: .init(pairs: .union)).catalog
        XCTAssertEqual(union.risks.reduce(0) { $0 + $1.controls.count }, 365, "362, and the 3 pairs only the controls sheet gives")
    }
}

/// Our own fixtures (made-up titles, for tests only): the same quirks, a 13th component in a
/// fifth stage, a deployment model a later compendium might add, CSV with CRLF, a BOM and
/// quoted cells across lines.
final class FixtureImportTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func sheets() throws -> (Sheet, Sheet) {
        (try Sheet.delimited(String(contentsOf: Self.fixtures.appendingPathComponent("risks.csv"), encoding: .utf8), separator: ",", name: "risks.csv"),
         try Sheet.delimited(String(contentsOf: Self.fixtures.appendingPathComponent("controls.csv"), encoding: .utf8), separator: ",", name: "controls.csv"))
    }

    func testAnyStagesComponentsAndModelsComeThrough() throws {
        let (risks, controls) = try Self.sheets()
        let result = try CompendiumImport.run(risks: risks, controls: controls)
        let catalog = result.catalog
        XCTAssertEqual(catalog.risks.map(\.id), ["1.1", "1.2", "2.1", "13.1"])
        XCTAssertEqual(catalog.components.map(\.id), [1, 2, 13])
        XCTAssertEqual(catalog.stages.map(\.id), ["data-operations", "model-deployment-and-serving", "agentic-ai"])
        XCTAssertEqual(catalog.deploymentModels.map(\.id), ["predictive-ml", "rag", "agent-systems"])
        XCTAssertEqual(catalog.risk("13.1")?.deploymentModels, ["rag", "agent-systems"])
        XCTAssertEqual(catalog.risk("1.1")?.title, "Test risk alpha")
        XCTAssertEqual(catalog.risk("1.2")?.description, "A description\non two lines.")
        XCTAssertEqual(catalog.risk("2.1")?.controls, ["DASF 3", "DASF 4"])
        XCTAssertEqual(catalog.risk("1.1")?.impacts, ["Test impact one", "Test impact two"])
        XCTAssertEqual(catalog.risk("1.1")?.frameworks["mitre-atlas"], ["AML.T0020"])
        XCTAssertEqual(catalog.version, "3.0", "the highest revision tag")
        XCTAssertEqual(catalog.control("DASF 6")?.title, "Test control six")
        let lint = result.lint.map(\.description).joined(separator: "\n")
        for expected in ["\"Intake 1.2 \" has spaces around it", "DASF 3 names risk 9.9, which the risks sheet does not have", "DASF 6 mitigates no risk",
                         "component 2's ids are written 2 ways", "DASF 4's row on the controls sheet does not list 2.1"] {
            XCTAssertTrue(lint.contains(expected), "\(expected)\n\(lint)")
        }
    }

    /// A sub-component column (as DASF 3.0's agentic rows may carry) gives parts: numbered ones
    /// keep their letter, unnumbered ones get the next, and a part numbered for another
    /// component is said.
    func testSubComponentColumnGivesParts() throws {
        let (plain, controls) = try Self.sheets()
        let extra = ["13.1": "13B — Test MCP server", "1.1": "Test intake part", "1.2": "14A Test misnumbered part"]
        let risks = Sheet(name: plain.name, header: plain.header + ["Sub-component"], rows: plain.rows.map { row in
            row + [extra.first { row[0].trimmingCharacters(in: .whitespaces).hasSuffix(" " + $0.key) }?.value ?? ""]
        })
        let result = try CompendiumImport.run(risks: risks, controls: controls)
        XCTAssertEqual(result.catalog.component(13)?.parts.map(\.id), ["13B"])
        XCTAssertEqual(result.catalog.component(13)?.part("13B")?.name, "Test MCP server")
        XCTAssertEqual(result.catalog.risk("13.1")?.part, "13B")
        XCTAssertEqual(result.catalog.risk("1.1")?.part, "1A")
        XCTAssertEqual(result.catalog.component(1)?.part("1A")?.name, "Test intake part")
        XCTAssertEqual(result.catalog.risk("2.1")?.part, "")
        let lint = result.lint.map(\.description).joined(separator: "\n")
        XCTAssertTrue(lint.contains("sub-component \"14A Test misnumbered part\" is numbered for component 14, on a risk of component 1"), lint)
    }

    func testDelimitedTextIsReadStrictlyAndNeverTraps() throws {
        let sheet = try Sheet.delimited("a,b,c\r\n1,\"x, \"\"y\"\"\nz\",3\r\n4\n\n\n", separator: ",", name: "t.csv")
        XCTAssertEqual(sheet.header, ["a", "b", "c"])
        XCTAssertEqual(sheet.rows, [["1", "x, \"y\"\nz", "3"], ["4", "", ""]])
        XCTAssertThrowsError(try Sheet.delimited("a,b\n\"open", separator: ",", name: "cut.csv")) { error in
            XCTAssertEqual("\(error)", "cut.csv: a quoted field is never closed (the file is cut short?)")
        }
        XCTAssertThrowsError(try Sheet.delimited("", separator: ",", name: "empty.csv"))
        XCTAssertThrowsError(try CompendiumImport.run(risks: Sheet(name: "r", header: ["Risk"], rows: []), controls: sheet)) { error in
            XCTAssertTrue("\(error)".hasPrefix("r: no \"risk id\" column"), "\(error)")
        }
        // Any bytes at all: a sheet or an error, never a trap.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 0...80, using: &generator)).map { _ in "a,\"\n\r\t ”—9.1".randomElement(using: &generator)! })
            _ = try? CompendiumImport.run(risks: try Sheet.delimited(text, separator: ",", name: "x"), controls: sheet)
        }
    }
}

/// Issue 11.1: the workbook itself (.xlsx), made by scripts/make-xlsx-fixture from the CSV
/// fixtures: the same catalog comes out of either.
final class WorkbookTests: XCTestCase {
    func workbook() throws -> Data { try Data(contentsOf: FixtureImportTests.fixtures.appendingPathComponent("compendium.xlsx")) }

    func testTheWorkbookGivesTheSameCatalogAsTheCSVSheets() throws {
        let sheets = try Workbook.sheets(try workbook(), name: "compendium.xlsx")
        XCTAssertEqual(sheets.map(\.name), ["compendium.xlsx, sheet \"Read me\"", "compendium.xlsx, sheet \"AI Lifecycle Risks\"",
                                            "compendium.xlsx, sheet \"Databricks AI Mitigation Controls\""])
        let (risks, controls) = try Workbook.compendium(sheets, name: "compendium.xlsx")
        let fromWorkbook = try CompendiumImport.run(risks: risks, controls: controls).catalog
        let (csvRisks, csvControls) = try FixtureImportTests.sheets()
        let fromCSV = try CompendiumImport.run(risks: csvRisks, controls: csvControls).catalog
        XCTAssertEqual(fromWorkbook.risks, fromCSV.risks, "shared, inline and rich-text strings, the merged stage, the column past Z, line breaks")
        XCTAssertEqual(fromWorkbook.controls, fromCSV.controls)
        XCTAssertEqual(fromWorkbook.components, fromCSV.components)
        XCTAssertEqual(fromWorkbook.risk("1.2")?.description, "A description\non two lines.")
        XCTAssertEqual(fromWorkbook.risk("13.1")?.frameworks["mitre-atlas"], ["AML.T0051"], "read from column AC")
    }

    func testCellReferencesPastZ() {
        XCTAssertEqual(XMLParts.position("A1")?.column, 0)
        XCTAssertEqual(XMLParts.position("Z9")?.column, 25)
        XCTAssertEqual(XMLParts.position("AA1")?.column, 26)
        XCTAssertEqual(XMLParts.position("AC12")?.row, 11)
        XCTAssertEqual(XMLParts.position("XFD1")?.column, 16383)
        XCTAssertNil(XMLParts.position("ABCD1"))
        XCTAssertNil(XMLParts.position("A0"))
        XCTAssertNil(XMLParts.position("1A"))
    }

    /// A damaged or foreign file is one line, never a crash: not a zip, a zip cut short, a zip
    /// that is no workbook, and every prefix of the real one.
    func testDamagedAndForeignWorkbooksAreOneLine() throws {
        func message(_ data: Data) -> String? {
            do { _ = try Workbook.sheets(data, name: "w.xlsx"); return nil } catch { return error.description }
        }
        XCTAssertEqual(message(Data("hello".utf8)), "w.xlsx: not an .xlsx workbook (it is not a zip file)")
        let full = try workbook()
        for length in stride(from: 0, to: full.count, by: 97) {
            if let text = message(full.prefix(length)) {
                XCTAssertTrue(text.hasPrefix("w.xlsx"), text)
                XCTAssertFalse(text.contains("\n"), text)
            }
        }
        var flipped = full
        for index in stride(from: 40, to: flipped.count, by: 131) { flipped[index] ^= 0x5A }
        _ = message(flipped)
        let notWorkbook = try Archive(accessMode: .create)
        try notWorkbook.addEntry(with: "readme.txt", type: .file, uncompressedSize: Int64(2), provider: { _, _ in Data("hi".utf8) })
        XCTAssertEqual(message(try XCTUnwrap(notWorkbook.data)), "w.xlsx: a zip file, but not an .xlsx workbook (no xl/workbook.xml)")
    }
}

final class HostileWorksheetTests: XCTestCase {
    /// Numbers in a worksheet come from the file: none may trap (the row number that was
    /// Int.min, minus one, did).
    func testRowAndCellNumbersFromTheFileNeverTrap() throws {
        let xml = """
            <worksheet><sheetData>
            <row r="-9223372036854775808"><c r="A1" t="s"><v>99999999999999999999</v></c><c t="inlineStr"><is><t>x</t></is></c></row>
            <row r="9223372036854775807"><c r="ZZZZ99999999" t="b"><v>1</v></c><c r="A-1"><v>y</v></c></row>
            <row><c r="B2"><v>z</v></c></row>
            </sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/><mergeCell ref="B2"/></mergeCells></worksheet>
            """
        let cells = try XMLParts.cells(Data(xml.utf8), shared: ["only"], name: "hostile")
        XCTAssertFalse(cells.isEmpty)
        XCTAssertTrue(cells.joined().contains("z"))
    }
}
