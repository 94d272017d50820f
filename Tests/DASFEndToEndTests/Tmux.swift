@preconcurrency import Glibc
import Foundation
import XCTest

/// A private tmux server running the real `dasf` binary, driven like a person would: keys in,
/// screen text out. Commands are spawned with posix_spawn and waited for with waitpid, because
/// Foundation's Process waits for the daemonised tmux server rather than the client.
final class Tmux {
    let socket = "dasf-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
    let directory: String

    /// Where dasf looks for its config file (an empty place unless a test writes one).
    var configHome: String?

    init(directory: String) { self.directory = directory }

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || shell("command -v tmux").status == 0 }

    /// Runs a shell command line to completion; returns its status and output.
    @discardableResult
    static func shell(_ command: String, in directory: String? = nil) -> (status: Int32, output: String) {
        let out = NSTemporaryDirectory() + "dasf-e2e-out-\(UUID().uuidString)"
        let line = (directory.map { "cd '\($0)' && " } ?? "") + "(\(command)) > '\(out)' 2>&1 < /dev/null"
        var pid: pid_t = 0
        let args = ["/bin/sh", "-c", line]
        var argv = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ)
        guard spawned == 0 else { return (-1, "spawn failed") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: out)
        return ((status >> 8) & 0xff, output)
    }

    private func tmux(_ arguments: String) -> (status: Int32, output: String) {
        Tmux.shell("tmux -L \(socket) -f /dev/null \(arguments)", in: directory)
    }

    /// Starts `command` in a new session of the given size; the pane stays after it exits and
    /// prints EXIT=<status>.
    func start(_ command: String, width: Int = 100, height: Int = 30, session: String = "e2e") {
        let line = "unset NO_COLOR COLORFGBG DASF_THEME; export XDG_CONFIG_HOME=\(configHome ?? directory + "/.no-config"); LANG=C.UTF-8 TERM=tmux-256color \(command); echo EXIT=\\$?; sleep 60"
        let result = tmux("new-session -d -s \(session) -x \(width) -y \(height) \"\(line)\"")
        XCTAssertEqual(result.status, 0, result.output)
    }

    func keys(_ keys: String...) { _ = tmux("send-keys -t e2e " + keys.joined(separator: " ")) }
    func keys(in session: String, _ keys: String...) { _ = tmux("send-keys -t \(session) " + keys.joined(separator: " ")) }
    func kill(session: String) { _ = tmux("kill-session -t \(session)") }
    func type(_ text: String) { _ = tmux("send-keys -t e2e -l '\(text)'") }
    func resize(width: Int, height: Int) { _ = tmux("resize-window -t e2e -x \(width) -y \(height)") }
    func screen(escapes: Bool = false, session: String = "e2e") -> String { tmux("capture-pane -p \(escapes ? "-e " : "")-t \(session)").output }

    /// Waits until the screen contains `text` (polling, never a fixed sleep); fails after `seconds`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10, session: String = "e2e", file: StaticString = #filePath, line: UInt = #line) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = screen(session: session)
            if last.contains(text) { return last }
            usleep(50_000)
        }
        XCTFail("screen never showed \"\(text)\"; last screen:\n\(last)", file: file, line: line)
        return last
    }

    func kill() { _ = tmux("kill-server") }
}
