import XCTest

@testable import DASFUI

/// Issue 10.4: every role of every theme is readable: at least 4.5:1 for text and 3:1 for lines
/// (WCAG's contrast ratio), on xterm's default palette and on Tango's, with bold shown as the
/// bright colour (xterm's default) and dim as halfway to the background.
final class ThemeContrastTests: XCTestCase {
    struct RGB { let r, g, b: Double }

    struct Palette {
        let name: String
        /// ANSI 0-7, then their bright versions 8-15.
        let colours: [RGB]
        /// The terminal's own foreground and background, per background kind.
        let dark: (fg: RGB, bg: RGB)
        let light: (fg: RGB, bg: RGB)
    }

    static func hex(_ value: UInt32) -> RGB { RGB(r: Double(value >> 16 & 0xFF), g: Double(value >> 8 & 0xFF), b: Double(value & 0xFF)) }

    static let xterm = Palette(
        name: "xterm",
        colours: [0x000000, 0xCD0000, 0x00CD00, 0xCDCD00, 0x0000EE, 0xCD00CD, 0x00CDCD, 0xE5E5E5,
                  0x7F7F7F, 0xFF0000, 0x00FF00, 0xFFFF00, 0x5C5CFF, 0xFF00FF, 0x00FFFF, 0xFFFFFF].map(hex),
        dark: (hex(0xE5E5E5), hex(0x000000)), light: (hex(0x000000), hex(0xFFFFFF)))
    static let tango = Palette(
        name: "Tango",
        colours: [0x2E3436, 0xCC0000, 0x4E9A06, 0xC4A000, 0x3465A4, 0x75507B, 0x06989A, 0xD3D7CF,
                  0x555753, 0xEF2929, 0x8AE234, 0xFCE94F, 0x729FCF, 0xAD7FA8, 0x34E2E2, 0xEEEEEC].map(hex),
        dark: (hex(0xD3D7CF), hex(0x000000)), light: (hex(0x2E3436), hex(0xFFFFFF)))

    static func luminance(_ c: RGB) -> Double {
        func channel(_ v: Double) -> Double { let s = v / 255; return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4) }
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    }

    static func ratio(_ a: RGB, _ b: RGB) -> Double {
        let x = luminance(a), y = luminance(b)
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// The colours a style is drawn in on `palette` with the given default colours.
    static func drawn(_ style: Style, palette: Palette, defaults: (fg: RGB, bg: RGB)) -> (fg: RGB, bg: RGB) {
        func colour(_ c: DASFUI.Color, bold: Bool, fallback: RGB) -> RGB {
            guard c != .default else { return fallback }
            let index = Int(c.rawValue) - 1
            return palette.colours[bold ? index + 8 : index]
        }
        var fg = colour(style.foreground, bold: style.bold, fallback: defaults.fg)
        var bg = colour(style.background, bold: false, fallback: defaults.bg)
        if style.reverse { swap(&fg, &bg) }
        if style.dim { fg = RGB(r: (fg.r + bg.r) / 2, g: (fg.g + bg.g) / 2, b: (fg.b + bg.b) / 2) }
        return (fg, bg)
    }

    func testEveryRoleOfEveryThemeHasEnoughContrast() {
        var checked = 0
        for name in ThemeName.allCases {
            let theme = Theme(name)
            for palette in [Self.xterm, Self.tango] {
                for background in name.backgrounds {
                    let defaults = background == .dark ? palette.dark : palette.light
                    for role in Role.allCases {
                        let (fg, bg) = Self.drawn(theme.style(role), palette: palette, defaults: defaults)
                        let needed = role.isLine ? 3.0 : 4.5
                        let measured = Self.ratio(fg, bg)
                        XCTAssertGreaterThanOrEqual(measured, needed, "\(name.rawValue) on \(palette.name) \(background): \(role) is \(String(format: "%.2f", measured)):1")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertEqual(checked, Role.allCases.count * 2 * 7, "dark, light and colour-blind on one background each, the other two on both")
    }

    /// The check can fail: yellow on white (the light-terminal problem the issue saw) does.
    func testTheMeasureCatchesYellowOnWhite() {
        let (fg, bg) = Self.drawn(Style(foreground: .yellow, bold: true), palette: Self.xterm, defaults: Self.xterm.light)
        XCTAssertLessThan(Self.ratio(fg, bg), 1.5)
    }

    /// No state is told from another by a red and green pair in the colour-blind theme.
    func testTheColourBlindThemeUsesNoRedOrGreenForStates() {
        let theme = Theme(.colourBlind)
        for role in [Role.open, .partial, .mitigated, .treated, .heatHigh, .heatMedium, .heatLow, .statusError, .statusGood] {
            XCTAssertFalse([DASFUI.Color.red, .green].contains(theme.style(role).foreground), "\(role)")
        }
    }

    func testTheThemeIsChosenFromTheFlagTheEnvironmentAndTheBackground() {
        XCTAssertEqual(ThemeName.choose(flag: "light", environment: ["NO_COLOR": "1"]).0, .light, "the flag wins")
        XCTAssertEqual(ThemeName.choose(flag: nil, environment: ["DASF_THEME": "high-contrast"]).0, .highContrast)
        XCTAssertEqual(ThemeName.choose(flag: nil, environment: ["NO_COLOR": "1", "COLORFGBG": "0;15"]).0, .monochrome)
        XCTAssertEqual(ThemeName.choose(flag: nil, environment: ["COLORFGBG": "0;15"]).0, .light)
        XCTAssertEqual(ThemeName.choose(flag: nil, environment: ["COLORFGBG": "15;default;0"]).0, .dark)
        XCTAssertEqual(ThemeName.choose(flag: nil, environment: [:]).0, .dark)
        let bad = ThemeName.choose(flag: "solarized", environment: [:])
        XCTAssertEqual(bad.0, .dark)
        XCTAssertEqual(bad.problem, "--theme solarized: no such theme (dark, light, high-contrast, colour-blind, monochrome)")
    }
}
