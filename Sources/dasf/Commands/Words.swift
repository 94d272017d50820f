import ArgumentParser
import DASFEngine
import DASFReport

// Closed sets of words on the command line, as enums: help lists them, shell completion offers
// them, and a wrong one is a usage error (exit 64) naming the right ones.

/// `--status`: not-applicable is not among them (`--not-applicable REASON` asks for the reason).
enum StatusWord: String, ExpressibleByArgument, CaseIterable {
    case notStarted = "not-started", planned, inProgress = "in-progress", implemented
    var status: ControlStatus { ControlStatus(rawValue: rawValue) ?? .notStarted }
}

enum TreatmentWord: String, ExpressibleByArgument, CaseIterable {
    case mitigate, accept, transfer, avoid
    var treatment: RiskTreatment { RiskTreatment(rawValue: rawValue) ?? .mitigate }
}

enum TableWord: String, ExpressibleByArgument, CaseIterable {
    case risks, controls
    var table: CSVReport.Table { self == .risks ? .risks : .controls }
}

enum AudienceWord: String, ExpressibleByArgument, CaseIterable {
    case executive, register, room
    var audience: ReportInput.Audience { ReportInput.Audience(rawValue: rawValue) ?? .register }
}

/// `--theme`: the themes by name, so help lists them and shells complete them.
enum ThemeWord: String, ExpressibleByArgument, CaseIterable {
    case dark, light
    case highContrast = "high-contrast"
    case colourBlind = "colour-blind"
    case monochrome
}
