import DASFEngine

/// The characters screens are drawn with: Unicode where the locale is UTF-8, plain ASCII
/// otherwise or with --ascii. Every state has a symbol, so nothing depends on colour.
public struct Glyphs: Sendable, Hashable {
    public let unicode: Bool

    public init(unicode: Bool) { self.unicode = unicode }

    public var horizontal: Character { unicode ? "─" : "-" }
    public var vertical: Character { unicode ? "│" : "|" }
    public var topLeft: Character { unicode ? "┌" : "+" }
    public var topRight: Character { unicode ? "┐" : "+" }
    public var bottomLeft: Character { unicode ? "└" : "+" }
    public var bottomRight: Character { unicode ? "┘" : "+" }
    public var heavyHorizontal: Character { unicode ? "━" : "=" }
    public var barFull: Character { unicode ? "█" : "#" }
    public var barEmpty: Character { unicode ? "░" : "." }
    public var ellipsis: String { unicode ? "…" : "~" }
    public var separator: String { unicode ? " · " : " | " }
    public var arrows: String { unicode ? "←↑↓→" : "arrows" }
    public var upDown: String { unicode ? "↑↓" : "Up/Down" }

    public func symbol(_ state: RiskState) -> String {
        switch state {
        case .open: unicode ? "✗" : "X"
        case .partial: unicode ? "◐" : "/"
        case .mitigated: unicode ? "✓" : "+"
        case .accepted: unicode ? "◇" : "A"
        case .transferred: unicode ? "⇄" : "T"
        case .avoided: unicode ? "⊘" : "V"
        case .notApplicable: "-"
        case .outOfScope: unicode ? "·" : "."
        }
    }

    public func symbol(_ status: ControlStatus) -> String {
        switch status {
        case .notStarted: unicode ? "○" : "o"
        case .planned: unicode ? "◔" : "p"
        case .inProgress: unicode ? "◑" : "i"
        case .implemented: unicode ? "●" : "*"
        case .notApplicable: "-"
        }
    }

    public func checkbox(_ on: Bool) -> String { on ? "[x]" : "[ ]" }

    /// A bar of `width` cells, `fraction` of it full.
    public func bar(_ fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let full = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
        return TextWidth.repeated(barFull, full) + TextWidth.repeated(barEmpty, width - full)
    }
}
