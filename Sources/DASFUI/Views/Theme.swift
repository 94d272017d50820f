import DASFEngine

/// What a piece of the screen means. Views ask for roles; the theme decides how they look.
public enum Role: Sendable, Hashable, CaseIterable {
    case titleBar, keyBar, keyName, statusLine, statusError, statusGood
    case border, borderSelected, header, stageHeader, dim, selection, emphasis
    case open, partial, mitigated, treated, notApplicable, outOfScope
    case heatHigh, heatMedium, heatLow, heatNone
    case prompt

    /// Lines and bars (box borders, the heat of a box, progress bars) rather than words: they
    /// need less contrast to be seen (3:1 against 4.5:1 for text).
    public var isLine: Bool {
        switch self {
        case .border, .borderSelected, .heatHigh, .heatMedium, .heatLow, .heatNone: true
        default: false
        }
    }
}

/// The themes. Each is built from the eight ANSI colours with bold, reverse and underline, and
/// checked by a test against two common palettes (xterm's and Tango) for contrast: 4.5:1 for text,
/// 3:1 for lines, taking bold as the bright colour as xterm does. Text is never dim (terminals
/// dim by up to 60%, which no palette survives); only lines are. Meaning never rests on colour
/// alone: every state has its symbol.
public enum ThemeName: String, Sendable, CaseIterable, Hashable {
    /// Light text on a dark background (today's look).
    case dark
    /// Dark text on a light background (xterm's own default: black on white).
    case light
    /// No colour and nothing faint: bold, reverse and underline only, on any background.
    case highContrast = "high-contrast"
    /// For a dark background, with no red and green pair carrying a state: blue, orange-yellow
    /// and magenta instead.
    case colourBlind = "colour-blind"
    /// No colour (NO_COLOR, --no-color).
    case monochrome

    /// The backgrounds a theme is made for: dark, light, or both.
    public var backgrounds: [Background] {
        switch self {
        case .dark, .colourBlind: [.dark]
        case .light: [.light]
        case .highContrast, .monochrome: [.dark, .light]
        }
    }

    public enum Background: Sendable { case dark, light }

    /// The theme to use: `--theme` first, then `DASF_THEME`, then no colour when NO_COLOR is
    /// set, then light where the terminal says its background is light (COLORFGBG), else dark.
    /// An unknown name is returned as the problem to report (and the choice made without it).
    public static func choose(flag: String?, environment: [String: String], colorAllowed: Bool = true) -> (ThemeName, problem: String?) {
        var problem: String?
        for (source, value) in [("--theme", flag), ("DASF_THEME", environment["DASF_THEME"])] {
            guard let value, !value.isEmpty else { continue }
            if let theme = ThemeName(rawValue: value.lowercased()) ?? (value.lowercased() == "color-blind" ? .colourBlind : nil) {
                return (theme, problem)
            }
            problem = problem ?? "\(source) \(value): no such theme (\(allCases.map(\.rawValue).joined(separator: ", ")))"
        }
        if !colorAllowed || !(environment["NO_COLOR"] ?? "").isEmpty { return (.monochrome, problem) }
        return (lightBackground(environment["COLORFGBG"]) ? .light : .dark, problem)
    }

    /// COLORFGBG is "fg;bg" (or "fg;default;bg"), set by rxvt, Konsole and others: background 7
    /// or 15 is white.
    static func lightBackground(_ value: String?) -> Bool {
        guard let last = value?.split(separator: ";").last, let bg = Int(last) else { return false }
        return bg == 7 || bg == 15
    }
}

/// Styles per role, for one theme.
public struct Theme: Sendable, Hashable {
    public let name: ThemeName

    public init(_ name: ThemeName) { self.name = name }

    /// Colour on or off, as before themes: dark or monochrome.
    public init(color: Bool) { self.init(color ? .dark : .monochrome) }

    /// Whether the theme uses colour at all (the backend starts colours only then).
    public var color: Bool { name != .monochrome && name != .highContrast }

    public func style(_ role: Role) -> Style {
        switch name {
        case .dark: dark(role)
        case .light: light(role)
        case .colourBlind: colourBlind(role)
        case .highContrast: highContrast(role)
        case .monochrome: monochrome(role)
        }
    }

    private func dark(_ role: Role) -> Style {
        switch role {
        case .titleBar, .selection: Style(reverse: true)
        case .keyBar, .statusLine, .dim, .notApplicable, .outOfScope: Style()
        case .keyName, .stageHeader: Style(foreground: .cyan, bold: true)
        case .statusError, .open, .heatHigh: Style(foreground: .red, bold: true)
        case .statusGood: Style(foreground: .green)
        case .border, .heatNone: Style(dim: true)
        case .borderSelected, .header, .emphasis: Style(bold: true)
        case .partial, .heatMedium: Style(foreground: .yellow, bold: true)
        case .mitigated, .heatLow: Style(foreground: .green, bold: true)
        case .treated: Style(foreground: .magenta, bold: true)
        case .prompt: Style(underline: true)
        }
    }

    /// On white, yellow, green and cyan cannot be read and bold turns colours bright (paler): the
    /// light theme uses plain red, magenta and blue.
    private func light(_ role: Role) -> Style {
        switch role {
        case .titleBar, .selection: Style(reverse: true)
        case .keyBar, .statusLine, .dim, .notApplicable, .outOfScope, .statusGood: Style()
        case .keyName: Style(foreground: .blue)
        case .stageHeader, .borderSelected, .header, .emphasis, .treated: Style(bold: true)
        case .statusError, .open, .heatHigh: Style(foreground: .red)
        // Faint lines on white fall under 3:1 on Tango: lines are plain.
        case .border, .heatNone: Style()
        case .partial, .heatMedium: Style(foreground: .magenta)
        case .mitigated, .heatLow: Style(foreground: .blue)
        case .prompt: Style(underline: true)
        }
    }

    private func colourBlind(_ role: Role) -> Style {
        switch role {
        case .open, .heatHigh, .statusError: Style(foreground: .magenta, bold: true)
        case .partial, .heatMedium: Style(foreground: .yellow, bold: true)
        case .mitigated, .heatLow, .statusGood: Style(foreground: .cyan, bold: true)
        case .treated: Style(bold: true, underline: true)
        default: dark(role)
        }
    }

    private func highContrast(_ role: Role) -> Style {
        switch role {
        case .titleBar, .selection: Style(reverse: true)
        case .keyName, .borderSelected, .header, .stageHeader, .emphasis, .statusError, .open, .heatHigh: Style(bold: true)
        case .prompt, .partial: Style(underline: true)
        default: Style()
        }
    }

    private func monochrome(_ role: Role) -> Style {
        switch role {
        case .titleBar, .selection: Style(reverse: true)
        case .keyName, .borderSelected, .header, .stageHeader, .emphasis, .statusError, .open, .heatHigh: Style(bold: true)
        case .prompt: Style(underline: true)
        // Nothing faint: on a light background a dim line falls under 3:1.
        default: Style()
        }
    }

    public func style(for state: RiskState) -> Style {
        switch state {
        case .open: style(.open)
        case .partial: style(.partial)
        case .mitigated: style(.mitigated)
        case .accepted, .transferred, .avoided: style(.treated)
        case .notApplicable: style(.notApplicable)
        case .outOfScope: style(.outOfScope)
        }
    }

    public func style(for status: ControlStatus) -> Style {
        switch status {
        case .implemented: style(.mitigated)
        case .inProgress, .planned: style(.partial)
        case .notStarted: style(.open)
        case .notApplicable: style(.notApplicable)
        }
    }
}
