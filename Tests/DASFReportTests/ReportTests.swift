import DASFEngine
import DASFReport
import Foundation
import DASFTestSupport
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A fixed assessment part-way through a workshop, and the same with hostile text everywhere.
enum Fixture {
    static func input(hostile: Bool = false, options: ReportInput.Options = .init()) throws -> ReportInput {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        var a = Assessment(title: hostile ? "Claims <script>alert(1)</script> & [x](javascript:alert(1))" : "Claims triage assistant",
                           catalog: catalog, deploymentModels: ["rag", "external"])
        let evil = "=HYPERLINK(\"http://evil\",\"x\") | <img src=x onerror=alert(1)> **bold** \u{1B}[31m\u{9B}2J\nline"
        let edits: [Edit] = [
            .setUseCaseOwner(hostile ? "@SUM(A1:A9)" : "Priya"), .setUseCaseDescription("Drafts replies to claim emails."),
            .setStakeholders(["CISO", hostile ? "+cmd|' /C calc'!A0" : "Legal"]),
            .setControlStatus(control: "DASF 1", status: .implemented), .setControlOwner(control: "DASF 1", owner: "Sam"),
            .setControlStatus(control: "DASF 54", status: .implemented), .setControlOwner(control: "DASF 54", owner: hostile ? "-2+3" : "Dana"),
            .setControlEvidence(control: "DASF 54", evidence: hostile ? evil : "https://wiki.example/guardrails"),
            .setControlNote(control: "DASF 54", note: hostile ? evil : "Covers the claims endpoint."),
            .setControlReviewBy(control: "DASF 54", date: "2026-11-01"), .setControlTargetDate(control: "DASF 60", date: "2026-12-31"),
            .setControlStatus(control: "DASF 60", status: .planned),
            .markControlNotApplicable(control: "DASF 12", reason: "no personal data is stored"),
            .setRiskTreatment(risk: "9.13", treatment: .transfer, rationale: hostile ? evil : "the vendor runs the agent sandbox"),
            .markRiskNotApplicable(risk: "1.8", reason: "public documents only"),
            .markRiskAssessed(risk: "9.12"),
            .addThreat(risk: "9.12", text: hostile ? evil : "role-play prompt extracts policy exceptions", component: nil, likelihood: 4, impact: 4),
            .rateOrganisationalRisk(.talent, rating: 4), .setOrganisationalRiskNotes(.talent, notes: hostile ? evil : "one ML engineer"),
            .addComment(.risk("9.12"), author: "Rae (review)", at: "2026-11-23T09:00:00Z", text: hostile ? evil : "Is DASF 54 on the batch path too?"),
            .addComment(.control("DASF 54"), author: "Rae (review)", at: "2026-11-23T09:05:00Z", text: "Evidence link is internal only."),
            .resolveComment(id: "c2", resolved: true),
        ]
        for edit in edits { try a.apply(edit, in: catalog) }
        let journal = [JournalEntry(at: "2026-11-22T14:02:11Z", by: "Dana", change: Change(target: "control DASF 54", field: "status", from: "planned", to: "implemented"))]
        return ReportInput(catalog: catalog, assessment: a, journal: journal, today: "2026-11-22", options: options)
    }
}

func assertReport(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Reports__/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_SCREENS"] != nil {
        try? text.write(to: url, atomically: true, encoding: .utf8)
        XCTFail("recorded \(name)", file: file, line: line)
        return
    }
    // Read as bytes: String(contentsOf:) would drop a byte-order mark the report must keep.
    guard let expected = (try? Data(contentsOf: url)).map({ String(decoding: $0, as: UTF8.self) }) else {
        return XCTFail("no golden report \(name); record with RECORD_SCREENS=1", file: file, line: line)
    }
    if text != expected {
        let a = text.split(separator: "\n", omittingEmptySubsequences: false), b = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
        XCTFail("report \(name) differs at line \((first?.offset ?? min(a.count, b.count)) + 1): \(first.map { "\($0.element.0)\n  expected: \($0.element.1)" } ?? "length")", file: file, line: line)
    }
}

final class ReportGoldenTests: XCTestCase {
    func testMarkdown() throws { assertReport(MarkdownReport.render(try Fixture.input()), named: "report.md") }
    func testMarkdownExecutive() throws {
        assertReport(MarkdownReport.render(try Fixture.input(options: .init(hideNotApplicable: true, hideEmpty: true, audience: .executive))), named: "report-executive.md")
    }
    func testHTML() throws { assertReport(HTMLReport.render(try Fixture.input()), named: "report.html") }
    func testCSVRisks() throws { assertReport(CSVReport.render(try Fixture.input(), table: .risks), named: "risks.csv") }
    func testCSVControls() throws { assertReport(CSVReport.render(try Fixture.input(), table: .controls), named: "controls.csv") }
    func testJSON() throws { assertReport(try JSONReport.render(try Fixture.input()), named: "report.json") }

    func testOptionsChangeWhatIsListed() throws {
        let full = MarkdownReport.render(try Fixture.input())
        let trimmed = MarkdownReport.render(try Fixture.input(options: .init(hideNotApplicable: true, hideEmpty: true, audience: .executive)))
        XCTAssertTrue(full.contains("## Risks marked not applicable"))
        XCTAssertFalse(trimmed.contains("## Risks marked not applicable"))
        XCTAssertTrue(full.contains("## Controls by owner"))
        XCTAssertFalse(trimmed.contains("## Controls by owner"), "the executive report has no registers")
        let csv = CSVReport.render(try Fixture.input(options: .init(hideNotApplicable: true)), table: .risks)
        XCTAssertEqual(csv.components(separatedBy: "\r\n").count - 2, 39, "only in-scope risks: 40 for RAG and external, less 1.8")
    }
}

final class ReportInjectionTests: XCTestCase {
    func testMarkdownKeepsHostileTextAsText() throws {
        let md = MarkdownReport.render(try Fixture.input(hostile: true))
        func unescaped(_ pattern: String) throws -> Int {
            let regex = try NSRegularExpression(pattern: "(?<!\\\\)" + pattern)
            return regex.numberOfMatches(in: md, range: NSRange(md.startIndex..., in: md))
        }
        XCTAssertEqual(try unescaped("<(script|img)"), 0, "every < of the user's text is escaped")
        XCTAssertEqual(try unescaped("\\]\\(javascript:"), 0, "no link can be formed")
        XCTAssertTrue(md.contains("\\<script\\>alert(1)\\</script\\>"))
        XCTAssertFalse(md.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) })
        for line in md.split(separator: "\n") where line.hasPrefix("| DASF 54") {
            XCTAssertEqual(line.filter { $0 == "|" }.count - line.components(separatedBy: "\\|").count + 1, 8, "an escaped | cannot add a table column")
        }
    }

    func testHTMLKeepsHostileTextAsTextAndHasNoScripts() throws {
        let html = HTMLReport.render(try Fixture.input(hostile: true))
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the would-be tag is text")
        XCTAssertFalse(html.contains("http://") && html.range(of: "src=\"http") != nil, "no external assets")
        XCTAssertFalse(html.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) })
    }

    func testCSVQuotesAndDisarmsFormulas() throws {
        let csv = CSVReport.render(try Fixture.input(hostile: true), table: .controls)
        let row = try XCTUnwrap(csv.components(separatedBy: "\r\n").first { $0.hasPrefix("DASF 54,") })
        XCTAssertTrue(row.contains(",'-2+3,"), "an owner starting with - is not a formula: \(row)")
        XCTAssertTrue(row.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\") | <img"), row)
        for cell in ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"] {
            XCTAssertTrue(Escaping.csv(cell).hasPrefix("'") || Escaping.csv(cell).hasPrefix("\"'"), cell)
        }
        XCTAssertEqual(Escaping.csv("plain"), "plain")
        XCTAssertEqual(Escaping.csv("a,b"), "\"a,b\"")
        XCTAssertEqual(Escaping.csv("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(Escaping.csv("two\nlines"), "\"two\nlines\"")
        let risks = CSVReport.render(try Fixture.input(hostile: true), table: .risks)
        XCTAssertTrue(risks.hasSuffix("\r\n"))
        XCTAssertFalse(risks.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) })
    }

    func testJSONCarriesTheExactTextEscaped() throws {
        let json = try JSONReport.render(try Fixture.input(hostile: true))
        XCTAssertFalse(json.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) })
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let control = (object["controls"] as? [[String: Any]])?.first { $0["id"] as? String == "DASF 54" }
        XCTAssertEqual(control?["note"] as? String, "=HYPERLINK(\"http://evil\",\"x\") | <img src=x onerror=alert(1)> **bold** \u{1B}[31m\u{9B}2J\nline")
    }
}

/// The HTML report parses cleanly: as XML always, and with a strict HTML5 parser where one is
/// installed (Python's html5lib).
final class HTMLValidityTests: XCTestCase {
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
        }
    }

    func testTheHTMLIsWellFormedAndDrawsTheMap() throws {
        for hostile in [false, true] {
            var html = HTMLReport.render(try Fixture.input(hostile: hostile))
            html = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
            let parser = XMLParser(data: Data(html.utf8))
            let collector = Collector()
            parser.delegate = collector
            XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
            XCTAssertEqual(collector.elements["rect"], 12, "one box per component")
            XCTAssertEqual(collector.elements["svg"], 1)
            XCTAssertNil(collector.elements["script"])
            XCTAssertGreaterThan(collector.elements["table"] ?? 0, 4)
        }
    }

    func testAStrictHTML5ParserAcceptsIt() throws {
        let check = "import sys, html5lib\np = html5lib.HTMLParser(strict=True)\np.parse(sys.stdin.buffer.read())\nprint('ok')"
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import html5lib"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        try XCTSkipIf(probe.terminationStatus != 0, "python3 with html5lib is not installed (pip install html5lib); the XML check still runs")
        for hostile in [false, true] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", check]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            try process.run()
            input.fileHandleForWriting.write(Data(HTMLReport.render(try Fixture.input(hostile: hostile)).utf8))
            try input.fileHandleForWriting.close()
            let result = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, result)
            XCTAssertEqual(result, "ok\n")
        }
    }
}

/// Issue 8, items 12 and 13: guards that invisible characters could get past, and Markdown that
/// GitHub would turn into links by itself.
final class ExportGuardTests: XCTestCase {
    func testTheFormulaGuardLooksPastStrippedAndInvisibleCharacters() {
        let sneaky = ["\u{01}=HYPERLINK(\"http://evil\",\"x\")", "\u{7F}+cmd", "  =1+1", "\u{200B}=1", "\u{202E}@SUM(A1)",
                      "\u{FEFF}-2", "\u{00A0}+1", "\n=1", "\u{1B}=1", "\u{FF1D}1+1"]
        for cell in sneaky {
            let escaped = Escaping.csv(cell)
            let body = escaped.hasPrefix("\"") ? String(escaped.dropFirst()) : escaped
            XCTAssertTrue(body.hasPrefix("'"), "\(cell.debugDescription) became \(escaped.debugDescription)")
            XCTAssertFalse(escaped.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }, escaped.debugDescription)
        }
        XCTAssertEqual(Escaping.csv("plain"), "plain")
        XCTAssertEqual(Escaping.csv("a - b"), "a - b", "a dash inside is fine")
    }

    func testCSVStartsWithAByteOrderMarkUnlessAskedNot() throws {
        let input = try Fixture.input()
        XCTAssertTrue(CSVReport.render(input, table: .risks).unicodeScalars.first == "\u{FEFF}")
        XCTAssertTrue(CSVReport.render(input, table: .risks, byteOrderMark: false).hasPrefix("id,title,"))
    }

    func testMarkdownLinksOnlyWhatItMeansToAndKeepsAddressesWhole() {
        XCTAssertEqual(Escaping.markdown("see https://wiki.example/a?b=1&c=2_d."), "see <https://wiki.example/a?b=1&c=2_d>.")
        XCTAssertEqual(Escaping.markdown("https://x.example/a|b"), "<https://x.example/a%7Cb>", "a pipe would split a table cell")
        XCTAssertEqual(Escaping.markdown("www.evil.example"), "www\\.evil.example")
        XCTAssertEqual(Escaping.markdown("mail dana@corp.example"), "mail dana\\@corp.example")
        XCTAssertEqual(Escaping.markdown("ftp://evil.example"), "ftp\\://evil.example")
        XCTAssertEqual(Escaping.markdown("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))")
        XCTAssertEqual(Escaping.markdown("<img src=x onerror=alert(1)>"), "\\<img src=x onerror=alert(1)\\>")
        XCTAssertEqual(Escaping.markdown("https://evil.example/<script>"), "https\\://evil.example/\\<script\\>", "no autolink around markup")
        XCTAssertEqual(Escaping.markdown("- not a list"), "\\- not a list")
        XCTAssertEqual(Escaping.markdown("1. not a list"), "1\\. not a list")
        XCTAssertEqual(Escaping.markdown("version 2.0"), "version 2.0")
        XCTAssertEqual(Escaping.markdown("a\u{1B}]52;c;eA==\u{07}b"), "a\\]52;c;eA==b", "no OSC 52 sequence survives")
    }
}

/// Issue 10.5: the room's handout leaves out every private field, in every format, while the
/// register (for the team) keeps them.
final class RoomReportTests: XCTestCase {
    func testARoomReportHoldsNoPrivateTextInAnyFormat() throws {
        let catalog = try BuiltinCatalogs.load("dasf-2.0")
        let (full, journal) = PrivateFixture.fill(Assessment(title: "x", catalog: catalog, deploymentModels: ["rag"]))
        func reports(_ audience: ReportInput.Audience) throws -> [String: String] {
            let input = ReportInput(catalog: catalog, assessment: full, journal: journal, today: "2026-11-22", options: .init(audience: audience))
            return ["md": MarkdownReport.render(input), "html": HTMLReport.render(input), "json": try JSONReport.render(input),
                    "risks.csv": CSVReport.render(input, table: .risks), "controls.csv": CSVReport.render(input, table: .controls)]
        }
        for (format, text) in try reports(.room) {
            XCTAssertEqual(PrivateFixture.leaks(in: text), [], "room \(format)")
            XCTAssertTrue(text.contains("DASF 1"), "room \(format) still lists the controls")
        }
        let register = try reports(.register)
        XCTAssertFalse(PrivateFixture.leaks(in: register["md"]! + register["json"]!).isEmpty, "the register keeps them (the check can fail)")
    }
}

/// Issue 10.5: the HTML report as a board pack.
final class BoardPackTests: XCTestCase {
    /// Printed across an A4 page between 14 mm margins (515 pt), every label on the map is at
    /// least 8 pt: the smallest font size times the page's scale of the drawing.
    func testMapLabelsAreAtLeastEightPointsOnA4() throws {
        let html = HTMLReport.render(try Fixture.input())
        let svg = try XCTUnwrap(html.range(of: "<svg").map { String(html[$0.lowerBound...]) })
        let viewBox = try XCTUnwrap(svg.firstMatch(of: /viewBox="0 0 (\d+) (\d+)"/))
        let width = try XCTUnwrap(Double(viewBox.1))
        let sizes = svg.matches(of: /font-size="(\d+(?:\.\d+)?)"/).compactMap { Double($0.1) }
        XCTAssertFalse(sizes.isEmpty)
        let printable = (210.0 - 2 * 14) / 25.4 * 72
        XCTAssertGreaterThanOrEqual(sizes.min()! * printable / width, 8.0, "smallest label \(sizes.min()!) units in a \(width)-unit drawing")
    }

    func testTheExecutivePageComesFirstAndStandsOnItsOwnSheet() throws {
        let html = HTMLReport.render(try Fixture.input())
        let executive = try XCTUnwrap(html.range(of: "<section class=\"executive\">"))
        let map = try XCTUnwrap(html.range(of: "<svg"))
        XCTAssertLessThan(executive.lowerBound, map.lowerBound)
        for heading in ["At a glance", "The ten most pressing risks", "Decisions taken", "Due next"] {
            let at = try XCTUnwrap(html.range(of: heading), heading)
            XCTAssertLessThan(at.lowerBound, map.lowerBound, heading)
        }
        for rule in [".executive { break-after: page;", "tr, li, dt, dd, p { break-inside: avoid-page; }", "h1, h2, h3 { break-after: avoid-page;",
                     "thead { display: table-header-group; }", "@page { size: A4;"] {
            XCTAssertTrue(html.contains(rule), rule)
        }
    }

    /// Evidence addresses are links in HTML (and autolinks in Markdown, `&` included), and only
    /// http and https ever become one.
    func testEvidenceAddressesAreLinksAndOnlyWebOnes() {
        XCTAssertEqual(Escaping.htmlLink("https://wiki.example/a?b=1&c=2."), "<a href=\"https://wiki.example/a?b=1&amp;c=2\">https://wiki.example/a?b=1&amp;c=2</a>.")
        XCTAssertEqual(Escaping.htmlLink("see https://x.example/p now"), "see <a href=\"https://x.example/p\">https://x.example/p</a> now")
        XCTAssertEqual(Escaping.htmlLink("javascript:alert(1)"), "javascript:alert(1)")
        XCTAssertEqual(Escaping.htmlLink("https://x.example/\"onmouseover=\"x"), "https://x.example/&quot;onmouseover=&quot;x")
        XCTAssertEqual(Escaping.markdown("https://wiki.example/a?b=1&c=2"), "<https://wiki.example/a?b=1&c=2>")
    }
}

/// Issue 11.2: a catalog of 13 components in 5 stages reports like the built-in ones: every box
/// on the map, labels still 8 pt on A4.
final class LargerCatalogReportTests: XCTestCase {
    func testThirteenComponentsAreDrawnAndReadableOnPaper() throws {
        let catalog = try V3ShapedCatalog.make()
        let input = ReportInput(catalog: catalog, assessment: Assessment(title: "Agentic pilot", catalog: catalog), today: "2026-11-22")
        let html = HTMLReport.render(input)
        XCTAssertEqual(html.components(separatedBy: "<rect ").count - 1, 13)
        let svg = try XCTUnwrap(html.range(of: "<svg").map { String(html[$0.lowerBound...]) })
        let width = try XCTUnwrap(Double(try XCTUnwrap(svg.firstMatch(of: /viewBox="0 0 (\d+)/)).1))
        let smallest = try XCTUnwrap(svg.matches(of: /font-size="(\d+)"/).compactMap { Double($0.1) }.min())
        XCTAssertGreaterThanOrEqual(smallest * ((210.0 - 28) / 25.4 * 72) / width, 8.0)
        for stage in catalog.stages { XCTAssertTrue(html.contains(stage.name) || html.contains(stage.short), stage.id) }
        XCTAssertTrue(MarkdownReport.render(input).contains("Test agent stage"))
    }
}
