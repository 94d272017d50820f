import XCTest

@testable import DASFUI

/// Issue 13: the shortcuts taken on every frame must give the answers of the long way round.
final class TextFastPathTests: XCTestCase {
    /// Every scalar the fast path takes as a whole one-column grapheme is one by the full rules.
    func testEveryScalarTakenAsSimpleIsOneColumnByTheFullRules() {
        var checked = 0
        for value in UInt32(0)...0x3FFFF {
            guard let scalar = Unicode.Scalar(value), TextWidth.isSimple(scalar) else { continue }
            XCTAssertEqual(TextWidth.of(Character(scalar)), 1, String(value, radix: 16))
            XCTAssertFalse(scalar.properties.isEmojiPresentation, String(value, radix: 16))
            checked += 1
        }
        XCTAssertGreaterThan(checked, 1_000)
        for symbol in ["✓", "✗", "✎"] { XCTAssertTrue(TextWidth.isSimple(symbol), symbol) }
    }

    /// Text of state symbols measures the same by the fast path and grapheme by grapheme, and a
    /// combining mark or a selector after one sends it the long way.
    func testMeasuringStateSymbolsAgreesWithGraphemes() {
        for text in ["✗ 3 Datasets", "✓12 ◐0 ✗4", "✎2 comments", "✗\u{301} x", "✓\u{FE0F}", "✅ done"] {
            XCTAssertEqual(TextWidth.of(text), text.reduce(0) { $0 + TextWidth.of($1) }, text)
        }
        XCTAssertFalse(TextWidth.isSimple("✗\u{301}"))
        XCTAssertEqual(TextWidth.of("✅"), 2)
    }

    /// A line is marked as cut exactly when it does not fit, however it ends.
    func testALineGetsAnEllipsisOnlyWhenItIsCut() {
        func drawn(_ spans: [Span], width: Int) -> String {
            var grid = Grid(width: width + 2, height: 1)
            _ = grid.draw(spans, in: Rect(x: 1, y: 0, width: width, height: 1), ellipsis: "…")
            return grid.text
        }
        XCTAssertEqual(drawn([Span("abc"), Span("de")], width: 5), " abcde")
        XCTAssertEqual(drawn([Span("abc"), Span("def")], width: 5), " abcd…")
        XCTAssertEqual(drawn([Span("ab")], width: 5), " ab")
        // A wide character that does not fit in the last column.
        XCTAssertEqual(drawn([Span("abcd日")], width: 5), " abcd…")
        XCTAssertEqual(drawn([Span("abc日")], width: 5), " abc日")
        XCTAssertEqual(drawn([Span("abc日x")], width: 5), " abc …")
    }
}
