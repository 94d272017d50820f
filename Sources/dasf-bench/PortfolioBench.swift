import DASFEngine
import DASFStore
import DASFUI
import Foundation
import Glibc

/// Portfolio timings: 100, 1,000 and 10,000 generated save files on disk, from nothing to the
/// first frame (find, read and score on every core, order, render), and the memory of the real
/// command reading them. Each timed run checks it read every file and drew them.
enum PortfolioBench {
    static func run(catalog: Catalog, binary: String) throws {
        print("  cores: \(ProcessInfo.processInfo.activeProcessorCount)")
        for count in [100, 1000, 10000] {
            let folder = NSTemporaryDirectory() + "dasf-bench-portfolio-\(getpid())-\(count)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            for (n, assessment) in assessments(count, catalog: catalog).enumerated() {
                try SaveFileFormat.encode(assessment).write(to: URL(fileURLWithPath: folder + "/s\(n).dasf.json"))
            }
            let size = Size(width: 160, height: 48)
            var frame: Frame?
            let result = try measure(count >= 10000 ? 3 : 5) {
                let found = PortfolioLoader.find([folder])
                let loaded = PortfolioLoader.load(found.files, today: "2026-11-24")
                let portfolio = Portfolio(systems: loaded.systems, failures: found.failures + loaded.failures, catalogs: loaded.catalogs)
                guard portfolio.systems.count == count, portfolio.failures.isEmpty else {
                    throw BenchFailure("read \(portfolio.systems.count) of \(count) files, \(portfolio.failures.count) failures")
                }
                frame = PortfolioView.render(PortfolioState(portfolio: portfolio, size: size))
            }
            guard let text = frame?.grid.text, text.contains("\(count) systems"), text.contains("Assessment ") else {
                throw BenchFailure("the first frame does not show the \(count) systems")
            }
            row("portfolio of \(count): files to first frame", result, target: count == 1000 ? "< 1 s" : count == 10000 ? "< 10 s" : "")
            // One key on the portfolio screen: the selection must move each time.
            let found = PortfolioLoader.find([folder])
            let loaded = PortfolioLoader.load(found.files, today: "2026-11-24")
            var state = PortfolioState(portfolio: Portfolio(systems: loaded.systems, failures: [], catalogs: loaded.catalogs), size: size)
            var step = 0
            row("  one key on it (move, render)", measure(200) {
                let before = state.row
                _ = PortfolioController.reduce(&state, step % 2 == 0 ? .down : .up)
                precondition(state.row != before, "the key moved no row")
                step += 1
                _ = PortfolioView.render(state)
            }, target: "< 1000 µs")
            if FileManager.default.isExecutableFile(atPath: binary) {
                let (rss, ok) = peakMemory([binary, "portfolio", folder, "--format", "csv"], expectLines: count + 1)
                print("  dasf portfolio --format csv, \(count) files: peak memory \(rss / 1024) MiB\(ok ? "" : " (OUTPUT WRONG)")")
            }
        }
    }

    /// Peak resident memory (KiB) of a command, and whether it wrote the expected number of lines.
    static func peakMemory(_ arguments: [String], expectLines: Int) -> (Int, Bool) {
        let out = NSTemporaryDirectory() + "dasf-bench-out-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: out) }
        var pid: pid_t = 0
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return (0, false) }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let lines = ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").components(separatedBy: "\r\n").filter { !$0.isEmpty }.count
        return (usage.ru_maxrss, lines == expectLines)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
