import DASFEngine

/// Everything a report is made from, and how much of it to show.
public struct ReportInput: Sendable {
    public enum Audience: String, Sendable, CaseIterable {
        /// The CISO's summary: totals, what is open and why, decisions, organisational risks.
        case executive
        /// Everything, for the people who carry it out: full risk and control registers.
        case register
        /// The registers as a room may see them: the private fields left out (the room's handout,
        /// matching what presenter mode shows).
        case room
    }

    public struct Options: Sendable {
        /// Leave out risks that are not applicable or out of scope.
        public var hideNotApplicable: Bool
        /// Leave out sections with nothing in them.
        public var hideEmpty: Bool
        public var audience: Audience
        /// What `room` leaves out.
        public var hidden: Set<PrivateField>

        public init(hideNotApplicable: Bool = false, hideEmpty: Bool = false, audience: Audience = .register,
                    hidden: Set<PrivateField> = Set(PrivateField.allCases)) {
            self.hideNotApplicable = hideNotApplicable
            self.hideEmpty = hideEmpty
            self.audience = audience
            self.hidden = hidden
        }

        /// Whether the full registers are listed.
        var registers: Bool { audience != .executive }
    }

    public let catalog: Catalog
    public let assessment: Assessment
    public let scorecard: Scorecard
    public let journal: [JournalEntry]
    public let options: Options

    public init(catalog: Catalog, assessment: Assessment, journal: [JournalEntry] = [], today: String?, options: Options = Options()) {
        self.catalog = catalog
        // The room's copy is taken here, once, so no format can show what it should not.
        let room = options.audience == .room
        self.assessment = room ? assessment.forRoom(hiding: options.hidden) : assessment
        scorecard = Scorecard(catalog: catalog, assessment: self.assessment, today: today)
        self.journal = room ? JournalEntry.forRoom(journal, hiding: options.hidden) : journal
        self.options = options
    }

    /// The risks a report lists, in catalog order.
    var risks: [(risk: Risk, evaluation: RiskEvaluation)] {
        zip(catalog.risks, scorecard.risks).filter { !options.hideNotApplicable || $0.1.state.isInScope }.map { ($0, $1) }
    }

    /// Risks that need work: open or partial.
    var attention: [(risk: Risk, evaluation: RiskEvaluation)] {
        risks.filter { $0.evaluation.state == .open || $0.evaluation.state == .partial }
    }

    /// Risks with a treatment other than mitigate.
    var treated: [(risk: Risk, evaluation: RiskEvaluation)] {
        risks.filter { [.accepted, .transferred, .avoided].contains($0.evaluation.state) }
    }

    /// Controls someone has touched, grouped by owner ("(no owner)" last), each group by id.
    var controlsByOwner: [(owner: String, controls: [(Control, ControlRecord)])] {
        var groups: [String: [(Control, ControlRecord)]] = [:]
        for control in catalog.controls {
            guard let record = assessment.controls[control.id] else { continue }
            groups[record.owner ?? "", default: []].append((control, record))
        }
        return groups.keys.sorted { ($0.isEmpty ? 1 : 0, $0.lowercased()) < ($1.isEmpty ? 1 : 0, $1.lowercased()) }
            .map { ($0.isEmpty ? "(no owner)" : $0, groups[$0]!) }
    }

    var staleControls: [(Control, ControlRecord)] {
        scorecard.staleControls.compactMap { id in catalog.control(id).map { ($0, assessment.record(forControl: id)) } }
    }

    var openComments: [Comment] { assessment.comments.filter { !$0.resolved } }

    func openComments(on target: Comment.Target) -> [Comment] { assessment.openComments(on: target) }

    var scopeText: String {
        assessment.scope.isAll ? "all deployment models"
            : assessment.scope.deploymentModels.map { catalog.deploymentModel($0)?.name ?? $0 }.joined(separator: ", ")
    }
}
