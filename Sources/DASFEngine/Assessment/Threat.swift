/// A specific way a risk could play out in this system, as the room names it (step 4).
public struct Threat: Sendable, Hashable {
    /// Stable within its risk ("t1", "t2", ...), so edits and undo can name it.
    public var id: String
    public var text: String
    /// The component it targets; the risk's own when not said.
    public var component: Int?
    /// 1 (rare) ... 5 (expected).
    public var likelihood: Int?
    /// 1 (minor) ... 5 (severe).
    public var impact: Int?
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(id: String, text: String, component: Int? = nil, likelihood: Int? = nil, impact: Int? = nil) {
        self.id = id
        self.text = text
        self.component = component
        self.likelihood = likelihood
        self.impact = impact
    }

    /// Likelihood × impact (1...25) when both are rated. Files are checked for 1–5 on load;
    /// the product still cannot trap on numbers that got past that.
    public var rating: Int? {
        guard let likelihood, let impact else { return nil }
        let (product, overflow) = likelihood.multipliedReportingOverflow(by: impact)
        return overflow ? Int.max : product
    }
}
