import DASFEngine

/// The registers engineers load into a spreadsheet: one row per item, every field, each
/// framework in its own column. RFC 4180 (CRLF line ends, quoting), UTF-8, formulas made inert.
public enum CSVReport {
    public enum Table: String, Sendable, CaseIterable { case risks, controls }

    /// With `byteOrderMark` (the default) the file starts with U+FEFF, which Excel and
    /// LibreOffice take as "this is UTF-8"; without it they guess a legacy encoding.
    public static func render(_ input: ReportInput, table: Table, byteOrderMark: Bool = true) -> String {
        let body = switch table {
        case .risks: risks(input)
        case .controls: controls(input)
        }
        return byteOrderMark ? "\u{FEFF}" + body : body
    }

    static func line(_ fields: [String]) -> String {
        fields.map(Escaping.csv).joined(separator: ",") + "\r\n"
    }

    static func risks(_ input: ReportInput) -> String {
        let frameworks = input.catalog.frameworks
        var out = line(["id", "title", "component", "stage", "state", "assessed", "coverage", "treatment", "rationale",
                        "not applicable reason", "explanation", "controls", "missing controls", "deployment models",
                        "threats", "highest threat rating", "impacts"] + frameworks.map(\.name) + ["open comments"])
        for (risk, evaluation) in input.risks {
            let record = input.assessment.record(forRisk: risk.id)
            let stage: String = input.catalog.component(risk.component).flatMap { input.catalog.stage($0.stage)?.name } ?? ""
            let coverage: String = "\(Int((evaluation.coverage * 100).rounded()))%"
            let threats: [String] = record.threats.map { threat in
                let rating: String = threat.rating.map { " (\($0))" } ?? ""
                return "\(threat.id): \(threat.text)\(rating)"
            }
            var fields: [String] = [risk.id, risk.title, "\(risk.component)", stage, evaluation.state.rawValue]
            fields += [evaluation.assessed ? "yes" : "no", coverage, evaluation.treatment.rawValue, record.rationale ?? ""]
            fields += [record.notApplicableReason ?? "", evaluation.explanation, risk.controls.joined(separator: "; ")]
            fields += [evaluation.missingControls.joined(separator: "; "), risk.deploymentModels.joined(separator: "; ")]
            fields += [threats.joined(separator: "; "), evaluation.highestThreatRating.map(String.init) ?? "", risk.impacts.joined(separator: "; ")]
            fields += frameworks.map { (risk.frameworks[$0.id] ?? []).joined(separator: "; ") }
            fields.append(input.openComments(on: .risk(risk.id)).map { "\($0.author): \($0.text)" }.joined(separator: "; "))
            out += line(fields)
        }
        return out
    }

    static func controls(_ input: ReportInput) -> String {
        let frameworks = input.catalog.frameworks
        let stale = Set(input.scorecard.staleControls)
        var out = line(["id", "title", "status", "not applicable reason", "owner", "evidence", "note", "target date", "review by",
                        "last verified", "stale", "risks mitigated", "risks", "type", "responsibility"] + frameworks.map(\.name) + ["open comments"])
        for control in input.catalog.controls {
            let record = input.assessment.record(forControl: control.id)
            let risks: [String] = input.catalog.risks(mitigatedBy: control.id).map(\.id)
            var fields: [String] = [control.id, control.title, record.status.rawValue, record.notApplicableReason ?? "", record.owner ?? ""]
            fields += [record.evidence ?? "", record.note ?? "", record.targetDate ?? "", record.reviewBy ?? "", record.lastVerified ?? ""]
            fields += [stale.contains(control.id) ? "yes" : "no", "\(risks.count)", risks.joined(separator: "; "), control.type, control.responsibility]
            fields += frameworks.map { (control.frameworks[$0.id] ?? []).joined(separator: "; ") }
            fields.append(input.openComments(on: .control(control.id)).map { "\($0.author): \($0.text)" }.joined(separator: "; "))
            out += line(fields)
        }
        return out
    }
}
