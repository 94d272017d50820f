import ArgumentParser
import DASFEngine
import DASFReport
import DASFStore
import Foundation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two save files: counts per stage and component, risk states, and every field.",
        discussion: "Exit status, as diff(1): 0 when the assessments are the same, 1 when they differ, 2 when a file cannot be read. Journals are not compared."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, md }

    @Argument(help: "The earlier save file (- reads standard input).", completion: .file(extensions: ["json"])) var before: String
    @Argument(help: "The later save file (- reads standard input).", completion: .file(extensions: ["json"])) var after: String
    @Option(name: .long, help: "text, json or md.") var format: Format = .text
    @Option(name: .long, help: ArgumentHelp("Judge staleness on this day (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var today: String?

    struct DiffJSON: Encodable {
        struct Count: Encodable { let group, measure: String; let from, to: Int }
        struct Risk: Encodable { let id, title, fromState, toState, fromTreatment, toTreatment: String }
        struct Field: Encodable { let target, field: String; let from, to: String? }
        let equal: Bool
        let catalog: String?
        let counts: [Count]
        let risks: [Risk]
        let fields: [Field]
    }

    func run() throws {
        let diff: AssessmentDiff
        do {
            let a = try AssessmentDocument.open(before), b = try AssessmentDocument.open(after)
            (a.warnings + b.warnings).forEach(Console.warn)
            diff = AssessmentDiff(before: a.assessment, beforeCatalog: a.catalog, after: b.assessment, afterCatalog: b.catalog, today: today ?? Author.today())
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        switch format {
        case .json:
            let document = DiffJSON(
                equal: diff.isEmpty, catalog: diff.catalogNote,
                counts: diff.counts.map { .init(group: $0.group, measure: $0.measure, from: $0.from, to: $0.to) },
                risks: diff.risks.map { .init(id: $0.id, title: $0.title, fromState: $0.fromState, toState: $0.toState, fromTreatment: $0.fromTreatment, toTreatment: $0.toTreatment) },
                fields: diff.fields.map { .init(target: $0.target, field: $0.field, from: $0.from, to: $0.to) })
            Console.json(try JSONText.encode(document))
        case .text:
            Console.out(text(diff))
        case .md:
            FileHandle.standardOutput.write(Data(markdown(diff).utf8))
        }
        if !diff.isEmpty { throw ExitCode(1) }
    }

    func text(_ diff: AssessmentDiff) -> String { Self.text(diff, before: before, after: after) }

    /// The readable diff, for this command and for git's diff driver.
    static func text(_ diff: AssessmentDiff, before: String, after: String) -> String {
        if diff.isEmpty { return "\(before) and \(after): no difference" }
        var lines: [String] = []
        if let note = diff.catalogNote { lines.append("catalog: \(note)") }
        if !diff.counts.isEmpty {
            lines.append("counts:")
            lines += diff.counts.map { "  \(PlainText.clean($0.group)) \($0.measure): \($0.from) → \($0.to)" }
        }
        if !diff.risks.isEmpty {
            lines.append("risks:")
            lines += diff.risks.map { r in
                "  \(r.id) \(PlainText.clean(r.title)): \(r.fromState) → \(r.toState)" + (r.fromTreatment != r.toTreatment ? " (treatment \(r.fromTreatment) → \(r.toTreatment))" : "")
            }
        }
        if !diff.fields.isEmpty {
            lines.append("changes:")
            lines += diff.fields.map { "  " + PlainText.clean($0.description) }
        }
        return lines.joined(separator: "\n")
    }

    func markdown(_ diff: AssessmentDiff) -> String {
        let e = Escaping.markdown
        var lines = ["# Changes from \(e(before)) to \(e(after))", ""]
        if diff.isEmpty { return (lines + ["No difference."]).joined(separator: "\n") + "\n" }
        if let note = diff.catalogNote { lines += ["Catalog: \(e(note)).", ""] }
        if !diff.counts.isEmpty {
            lines += ["## Counts", "", "| Group | Measure | Before | After |", "| --- | --- | ---: | ---: |"]
            lines += diff.counts.map { "| \(e($0.group)) | \($0.measure) | \($0.from) | \($0.to) |" }
            lines.append("")
        }
        if !diff.risks.isEmpty {
            lines += ["## Risks", ""]
            lines += diff.risks.map { "- \(e($0.id)) \(e($0.title)): \($0.fromState) → \($0.toState)" + ($0.fromTreatment != $0.toTreatment ? " (treatment \($0.fromTreatment) → \($0.toTreatment))" : "") }
            lines.append("")
        }
        if !diff.fields.isEmpty {
            lines += ["## Changes", ""]
            lines += diff.fields.map { "- \(e($0.description))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
