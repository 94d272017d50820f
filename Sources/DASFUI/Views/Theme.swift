import DASFEngine

/// What a piece of the screen means. Views ask for roles; the theme decides how they look, so
/// NO_COLOR and monochrome are one switch.
public enum Role: Sendable, Hashable {
    case titleBar, keyBar, keyName, statusLine, statusError, statusGood
    case border, borderSelected, header, stageHeader, dim, selection, emphasis
    case open, partial, mitigated, treated, notApplicable, outOfScope
    case heatHigh, heatMedium, heatLow, heatNone
    case prompt
}

/// Styles per role. Colours are chosen from the eight ANSI ones, readable on dark and light
/// backgrounds; the monochrome theme keeps bold, reverse and dim only.
public struct Theme: Sendable, Hashable {
    public let color: Bool

    public init(color: Bool) { self.color = color }

    public func style(_ role: Role) -> Style {
        if !color { return monochrome(role) }
        switch role {
        case .titleBar: return Style(reverse: true)
        case .keyBar: return Style()
        case .keyName: return Style(foreground: .cyan, bold: true)
        case .statusLine: return Style(dim: true)
        case .statusError: return Style(foreground: .red, bold: true)
        case .statusGood: return Style(foreground: .green)
        case .border: return Style(dim: true)
        case .borderSelected: return Style(bold: true)
        case .header: return Style(bold: true)
        case .stageHeader: return Style(foreground: .cyan, bold: true)
        case .dim: return Style(dim: true)
        case .selection: return Style(reverse: true)
        case .emphasis: return Style(bold: true)
        case .open, .heatHigh: return Style(foreground: .red, bold: true)
        case .partial, .heatMedium: return Style(foreground: .yellow, bold: true)
        case .mitigated, .heatLow: return Style(foreground: .green, bold: true)
        case .treated: return Style(foreground: .blue, bold: true)
        case .notApplicable, .outOfScope, .heatNone: return Style(dim: true)
        case .prompt: return Style(underline: true)
        }
    }

    private func monochrome(_ role: Role) -> Style {
        switch role {
        case .titleBar, .selection: return Style(reverse: true)
        case .keyName, .borderSelected, .header, .stageHeader, .emphasis, .statusError, .open, .heatHigh: return Style(bold: true)
        case .statusLine, .border, .dim, .notApplicable, .outOfScope, .heatNone: return Style(dim: true)
        case .prompt: return Style(underline: true)
        default: return Style()
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
