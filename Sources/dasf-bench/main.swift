// Timings behind docs/performance.md. Run: swift build -c release && swift run -c release dasf-bench
// Not a test: the machine's load moves the figures, so targets are read by people, not asserted.
import DASFEngine
import DASFReport
import DASFStore
import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Median and best of `runs` timings of `body`, in microseconds.
func measure(_ runs: Int, _ body: () throws -> Void) rethrows -> (median: Double, best: Double) {
    let clock = ContinuousClock()
    var samples: [Double] = []
    for _ in 0..<runs {
        let elapsed = try clock.measure(body)
        samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
    }
    samples.sort()
    return (samples[samples.count / 2], samples[0])
}

func row(_ name: String, _ result: (median: Double, best: Double), target: String) {
    let median = String(format: "%10.1f", result.median), best = String(format: "%10.1f", result.best)
    print("\(name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(median) µs  \(best) µs   \(target)")
}

/// Deterministic assessments with a realistic spread of answers.
struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state ^ (state >> 29)
    }
}

func assessments(_ count: Int, catalog: Catalog) -> [Assessment] {
    var random = Generator(state: 42)
    return (0..<count).map { n in
        var a = Assessment(title: "Assessment \(n)", catalog: catalog)
        try? a.apply(.setScope(catalog.deploymentModels.map(\.id).filter { _ in Bool.random(using: &random) }), in: catalog)
        for control in catalog.controls {
            let status = ControlStatus.allCases.randomElement(using: &random)!
            try? a.apply(status == .notApplicable
                ? .markControlNotApplicable(control: control.id, reason: "not used here")
                : .setControlStatus(control: control.id, status: status), in: catalog)
            try? a.apply(.setControlOwner(control: control.id, owner: "owner \(n % 7)"), in: catalog)
        }
        for risk in catalog.risks where Int.random(in: 0..<5, using: &random) == 0 {
            try? a.apply(.setRiskTreatment(risk: risk.id, treatment: .accept, rationale: "residual risk is low"), in: catalog)
        }
        return a
    }
}

// `dasf-bench portfolio` runs that section alone (it writes 11,100 files and takes a while).
if CommandLine.arguments.dropFirst().first == "portfolio" {
    try PortfolioBench.run(catalog: try BuiltinCatalogs.load(BuiltinCatalogs.defaultID),
                           binary: URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dasf").path)
    exit(0)
}

// `dasf-bench journal` runs the long-journal section alone.
if CommandLine.arguments.dropFirst().first == "journal" {
    let catalog = try BuiltinCatalogs.load(BuiltinCatalogs.defaultID)
    try JournalBench.run(catalog: catalog, assessment: assessments(1, catalog: catalog)[0])
    exit(0)
}

print("dasf-bench: median and best of repeated runs (release build expected)")
print("\("measure".padding(toLength: 44, withPad: " ", startingAt: 0))     median        best   target")

let catalogText = Data(BuiltinCatalogs.text(BuiltinCatalogs.defaultID)!.utf8)
row("built-in dasf-2.0: decode + validate + index", try measure(50) {
    _ = try BuiltinCatalogs.load(BuiltinCatalogs.defaultID)
}, target: "< 5000 µs")
row("same bytes as a user catalog (+ SHA-256)", try measure(50) {
    _ = try Catalog.load(data: catalogText, origin: "bench")
}, target: "")

let catalog = try BuiltinCatalogs.load(BuiltinCatalogs.defaultID)
let one = assessments(1, catalog: catalog)[0]
row("status of one assessment (Scorecard)", measure(2000) { _ = Scorecard(catalog: catalog, assessment: one) }, target: "< 1000 µs")

for count in [100, 1000, 10000] {
    let batch = assessments(count, catalog: catalog)
    let result = measure(count >= 10000 ? 3 : 10) { for a in batch { _ = Scorecard(catalog: catalog, assessment: a) } }
    row("status of \(count) assessments", result, target: count == 1000 ? "linear" : "")
    let perOne = (median: result.median / Double(count), best: result.best / Double(count))
    row("  per assessment", perOne, target: "")
}

let bytes = SaveFileFormat.encode(one)
row("save file encode (\(bytes.count) bytes)", measure(500) { _ = SaveFileFormat.encode(one) }, target: "")
row("save file decode", try measure(500) { _ = try SaveFileFormat.decode(bytes, path: "bench") }, target: "")

let directory = NSTemporaryDirectory() + "dasf-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }
var file = try SaveFile.create(directory + "/bench.dasf.json", assessment: one)
var flip = false
row("atomic save (write, fsync, rename, fsync dir)", try measure(50) {
    flip.toggle()
    try file.save(try one.applying(.setTitle(flip ? "A" : "B"), in: catalog))
}, target: "")

print("")
print("reports of a 62-risk assessment (every control touched)")
let reportInput = ReportInput(catalog: catalog, assessment: one, today: "2026-11-22")
row("Markdown", measure(50) { _ = MarkdownReport.render(reportInput) }, target: "< 50000 µs")
row("HTML with the SVG map", measure(50) { _ = HTMLReport.render(reportInput) }, target: "< 50000 µs")
row("CSV risks + controls", measure(50) { _ = CSVReport.render(reportInput, table: .risks); _ = CSVReport.render(reportInput, table: .controls) }, target: "< 50000 µs")
row("JSON", try measure(50) { _ = try JSONReport.render(reportInput) }, target: "< 50000 µs")
let reportBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dasf").path
if FileManager.default.isExecutableFile(atPath: reportBinary) {
    let reportDirectory = NSTemporaryDirectory() + "dasf-bench-report-\(getpid())"
    try FileManager.default.createDirectory(atPath: reportDirectory, withIntermediateDirectories: true)
    _ = try SaveFile.create(reportDirectory + "/r.dasf.json", assessment: one)
    for format in ["md", "html"] {
        // posix_spawn and waitpid: Foundation's Process adds its own ~20 ms to every run.
        let arguments = [reportBinary, "report", reportDirectory + "/r.dasf.json", "--format", format, "-o", reportDirectory + "/out.\(format)"]
        row("whole command: dasf report --format \(format)", measure(10) {
            var pid: pid_t = 0
            var argv = arguments.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            defer { posix_spawn_file_actions_destroy(&actions) }
            guard posix_spawn(&pid, reportBinary, &actions, nil, &argv, environ) == 0 else { return }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }, target: "< 50000 µs")
    }
    try? FileManager.default.removeItem(atPath: reportDirectory)
}

print("")
print("interactive map")
TerminalBench.pure(catalog: catalog, assessment: one)
TerminalBench.pty(binary: URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dasf").path)

print("")
print("portfolio")
try PortfolioBench.run(catalog: catalog, binary: URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dasf").path)

print("")
print("a long journal")
try JournalBench.run(catalog: catalog, assessment: one)
