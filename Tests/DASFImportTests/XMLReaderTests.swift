@testable import DASFImport
import Foundation
import XCTest

/// The workbook's own XML reader: what a workbook part holds is read as XML says it must be,
/// and anything else is one line naming where it went wrong.
final class XMLReaderTests: XCTestCase {
    /// The events, as text: "<row r=2>", "'text'", "</row>".
    func events(_ xml: String) throws -> [String] {
        var out: [String] = []
        var reader = XMLReader()
        reader.start = { name, attributes in
            out.append("<" + ([name] + attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ") + ">")
        }
        reader.end = { out.append("</\($0)>") }
        reader.text = { text in
            if case let last? = out.last, last.hasPrefix("'") { out[out.count - 1] = String(last.dropLast()) + text + "'" } else { out.append("'\(text)'") }
        }
        try reader.read(Data(xml.utf8))
        return out
    }

    func problem(_ xml: String) -> String? {
        do {
            _ = try events(xml)
            return nil
        } catch let error as XMLReader.Malformed {
            return "line \(error.line): \(error.reason)"
        } catch {
            return "\(error)"
        }
    }

    func testElementsAttributesAndTextAsAWorkbookWritesThem() throws {
        let xml = """
            \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r
            <x:worksheet xmlns:x="urn:x" xmlns:r="urn:r"><sheetData><row r="2" spans='1:3'>\
            <c r="A2" t="s"><v>7</v></c><c r="B2"/><!-- a comment --><c r="C2"><is><t>a\r\nb</t></is></c></row></sheetData>\
            <sheet name="Risks &amp; controls" r:id="rId1"/></x:worksheet>
            """
        XCTAssertEqual(try events(xml), [
            "<worksheet xmlns:r=urn:r xmlns:x=urn:x>", "<sheetData>", "<row r=2 spans=1:3>", "<c r=A2 t=s>", "<v>", "'7'", "</v>", "</c>",
            "<c r=B2>", "</c>", "<c r=C2>", "<is>", "<t>", "'a\nb'", "</t>", "</is>", "</c>", "</row>", "</sheetData>",
            "<sheet name=Risks & controls r:id=rId1>", "</sheet>", "</worksheet>",
        ])
    }

    func testReferencesCDATAAndAttributeWhiteSpace() throws {
        XCTAssertEqual(try events("<t a=\"1\n2\tthree &quot;q&quot; &#x41;&#66;\">&lt;b&gt; &apos;&#233;&#x1F6E1;&amp;<![CDATA[<raw> & ]]>ok</t>"),
                       ["<t a=1 2 three \"q\" AB>", "'<b> 'é🛡&<raw> & ok'", "</t>"])
    }

    func testWhatIsNotWellFormedIsNamedWithItsLine() {
        XCTAssertEqual(problem("<a>\n<b></a>"), "line 2: </a> does not close the open element")
        XCTAssertEqual(problem("<a>\n<b>"), "line 2: <b> is never closed")
        XCTAssertEqual(problem("<a>&nbsp;</a>"), "line 1: an unknown entity (&nbsp;)")
        XCTAssertEqual(problem("<a>&#0;</a>"), "line 1: &#0; is no character XML allows")
        XCTAssertEqual(problem("<a>&#x110000;</a>"), "line 1: &#x110000; is no character XML allows")
        XCTAssertEqual(problem("<a>& b</a>"), "line 1: an & that starts no reference")
        XCTAssertEqual(problem("<a>&#+65;</a>"), "line 1: &#+65; is no character XML allows")
        XCTAssertEqual(problem("<a>&#x;</a>"), "line 1: &#x; is no character XML allows")
        XCTAssertEqual(problem("<a>&#99999999;</a>"), "line 1: &#99999999; is no character XML allows")
        XCTAssertEqual(problem("<a x=1/>"), "line 1: an attribute value without quotes")
        XCTAssertEqual(problem("<a x='1' x='2'/>"), "line 1: the attribute x twice")
        XCTAssertEqual(problem("<a x='1'y='2'/>"), "line 1: attributes run together")
        XCTAssertEqual(problem("<a x='<'/>"), "line 1: < inside an attribute value")
        XCTAssertEqual(problem("<a/><b/>"), "line 1: a second document element")
        XCTAssertEqual(problem("text<a/>"), "line 1: text outside the document's element")
        XCTAssertEqual(problem("<a><!-- open</a>"), "line 1: an unfinished comment")
        XCTAssertEqual(problem("<a><![CDATA[x</a>"), "line 1: an unfinished CDATA section")
        XCTAssertEqual(problem("<a><?pi x?></a>"), "line 1: a processing instruction or declaration, which no workbook part has")
        XCTAssertEqual(problem("<1a/>"), "line 1: a tag or attribute without a proper name")
        XCTAssertEqual(problem(""), "line 1: no document element")
        XCTAssertEqual(problem("<a x='1"), "line 1: an unfinished attribute value")
    }

    func testBytesThatAreNotUTF8AreRefused() {
        var reader = XMLReader()
        reader.text = { _ in }
        XCTAssertThrowsError(try reader.read(Data([0x3C, 0x61, 0x3E, 0xFF, 0xFE, 0x3C, 0x2F, 0x61, 0x3E]))) { error in
            XCTAssertEqual((error as? XMLReader.Malformed)?.reason, "text that is not UTF-8")
        }
    }

    /// Every prefix of a real part is refused or read, never a trap: the fuzzer's job in little.
    func testEveryPrefixOfAPartEndsInAnAnswer() {
        let xml = Array("<?xml version=\"1.0\"?><sst count=\"2\"><si><t xml:space=\"preserve\">a &amp; b</t></si><si><r><t>c</t></r><rPh><t>x</t></rPh></si></sst>".utf8)
        for n in 0...xml.count {
            let reader = XMLReader()
            let outcome = Result { try reader.read(Data(xml.prefix(n))) }
            if n == xml.count { XCTAssertNoThrow(try outcome.get()) } else if n > 0 { XCTAssertThrowsError(try outcome.get(), "prefix \(n)") }
        }
    }
}
