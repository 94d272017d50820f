import DASFEngine

/// The portfolio screen in one value: assessments as rows, components as columns, and where the
/// person is. Rows and columns are worked out when the filter or order changes, never per key.
public struct PortfolioState: Sendable {
    public enum View: Sendable, Hashable {
        case grid
        /// A component column opened: every system's open or partial risks there.
        case component(Int)
    }

    public private(set) var portfolio: Portfolio
    public var size: Size
    public private(set) var filter = Portfolio.Filter()
    public private(set) var order = Portfolio.Order.worst
    public private(set) var rows: [SystemSummary] = []
    public private(set) var columns: [Portfolio.Column] = []
    /// The selected row of the grid (or of the component view), and the first row shown.
    public var row = 0
    public var top = 0
    /// The selected column; -1 is the system's name.
    public var column = -1
    public var view = View.grid {
        didSet { if view != oldValue { componentLines = Self.lines(of: view, portfolio, rows) } }
    }
    /// What the title bar and the totals row show, worked out with the rows, not per key (a key
    /// at 10,000 systems cost 17–25 ms when they were added up in every frame).
    public private(set) var summary = ""
    public private(set) var columnTotals: [Totals] = []
    /// The component view's lines: one per (risk, system); empty on the grid.
    public private(set) var componentLines: [(risk: String, system: SystemSummary, partial: Bool)] = []
    /// Where the grid was when a component was opened, to come back to.
    var gridPlace = (row: 0, top: 0)
    /// Digits typed to pick a column ("1", "10").
    var number = ""
    public var prompt: Prompt?
    public var message: String?
    public let glyphs: Glyphs
    public let theme: Theme

    public init(portfolio: Portfolio, size: Size, unicode: Bool = true, themeName: ThemeName? = nil, color: Bool = true) {
        self.portfolio = portfolio
        self.size = size
        glyphs = Glyphs(unicode: unicode)
        theme = themeName.map(Theme.init) ?? Theme(color: color)
        recompute()
    }

    mutating func recompute() {
        let path = rows.indices.contains(row) ? rows[row].path : nil
        rows = portfolio.rows(filter, order)
        columns = portfolio.columns(filter)
        summary = portfolio.summary(rows, columns)
        columnTotals = columns.map { portfolio.total($0, rows) }
        componentLines = Self.lines(of: view, portfolio, rows)
        // The same system stays selected when the order or filter changes, if it is still there.
        row = path.flatMap { p in rows.firstIndex { $0.path == p } } ?? min(row, max(0, rows.count - 1))
        column = min(column, columns.count - 1)
    }

    public mutating func set(filter: Portfolio.Filter) { self.filter = filter; recompute() }
    public mutating func set(order: Portfolio.Order) { self.order = order; recompute() }

    /// After a system was opened and edited: its row read again from the file.
    public mutating func replace(_ summary: SystemSummary) {
        var systems = portfolio.systems
        if let n = systems.firstIndex(where: { $0.path == summary.path }) { systems[n] = summary } else { systems.append(summary) }
        portfolio = Portfolio(systems: systems, failures: portfolio.failures.filter { $0.path != summary.path }, columns: portfolio.columns,
                              riskTitles: portfolio.riskTitles, atlas: portfolio.atlas)
        recompute()
    }

    static func lines(of view: View, _ portfolio: Portfolio, _ rows: [SystemSummary]) -> [(risk: String, system: SystemSummary, partial: Bool)] {
        guard case .component(let id) = view else { return [] }
        return portfolio.unsettled(inComponent: id, rows).flatMap { entry in entry.systems.map { (entry.risk, $0.system, $0.partial) } }
    }
}
