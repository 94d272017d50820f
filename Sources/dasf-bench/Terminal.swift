import DASFEngine
import DASFStore
import DASFUI
import Foundation
import Glibc

/// Interactive-map timings: pure (render, one key) and through a real pty (bytes the terminal
/// receives, time to the first frame, memory of the running app).
enum TerminalBench {
    static func pure(catalog: Catalog, assessment: Assessment) {
        for size in [Size(width: 80, height: 24), Size(width: 200, height: 60)] {
            let state = AppState(catalog: catalog, assessment: assessment, path: "bench.dasf.json", size: size)
            row("render map \(size.width)x\(size.height)", measure(300) { _ = Renderer.render(state) }, target: "")
        }
        let size = Size(width: 200, height: 60)
        var state = AppState(catalog: catalog, assessment: assessment, path: "bench.dasf.json", size: size)
        var previous = Renderer.render(state).grid
        var changed = 0
        let keys: [Key] = [.right, .down, .left, .up]
        var n = 0
        row("one key on the map 200x60 (reduce+render+diff)", measure(400) {
            let before = state.place.selected
            _ = Reducer.reduce(&state, .key(keys[n % keys.count]))
            precondition(state.place.selected != before, "the arrow moved no selection")
            n += 1
            let grid = Renderer.render(state).grid
            changed = zip(grid.cells, previous.cells).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
            previous = grid
        }, target: "< 1000 µs")
        print("  cells changed by one move on the map: \(changed) of \(size.width * size.height)")
        // The heaviest list screen: a risk with a wrapped description and eight framework lines.
        var riskScreen = AppState(catalog: catalog, assessment: assessment, path: "bench.dasf.json", size: size)
        _ = Reducer.reduce(&riskScreen, .key(.character(":")))
        for key in "9.1".map({ Key.character($0) }) + [.enter] { _ = Reducer.reduce(&riskScreen, .key(key)) }
        var step = 0
        precondition(riskScreen.screen == .risk("9.1"), "the jump did not open risk 9.1")
        row("one key on the risk 9.1 screen 200x60", measure(400) {
            let before = riskScreen.place.selected
            _ = Reducer.reduce(&riskScreen, .key(step % 2 == 0 ? .down : .up))
            precondition(riskScreen.place.selected != before, "the key moved no selection on the risk screen")
            step += 1
            _ = Renderer.render(riskScreen)
        }, target: "< 1000 µs")
        // Presenting: every frame draws the room's copy (private fields taken out). Each press
        // must light another stage, or the row would time nothing.
        var presenting = AppState(catalog: catalog, assessment: assessment, path: "bench.dasf.json", size: size, presenting: true)
        row("one clicker step while presenting 200x60 (stage lit, room copy, render)", measure(400) {
            let before = presenting.presenting?.litStage
            _ = Reducer.reduce(&presenting, .key(.pageDown))
            precondition(presenting.presenting?.litStage != before, "the clicker lit no other stage")
            _ = Renderer.render(presenting)
        }, target: "< 1000 µs")
        var risk = AppState(catalog: catalog, assessment: assessment, path: "bench.dasf.json", size: size)
        _ = Reducer.reduce(&risk, .key(.character("c")))
        var edits = 0
        row("one edit on the register 200x60 (space: edit+score+render)", measure(400) {
            let before = (risk.assessment, risk.place.selected)
            _ = Reducer.reduce(&risk, .key(edits % 2 == 0 ? .character(" ") : .down))
            precondition(edits % 2 == 0 ? risk.assessment != before.0 : risk.place.selected != before.1, "the key changed nothing")
            edits += 1
            _ = Renderer.render(risk)
        }, target: "< 1000 µs")
    }

    /// Runs the release `dasf` in a pseudo-terminal of 200x60 and measures what reaches it.
    static func pty(binary: String) {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("(pty measures skipped: build the app first with `swift build -c release`)")
            return
        }
        let directory = NSTemporaryDirectory() + "dasf-bench-pty-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Open an existing assessment, as a facilitator does; creating one adds a durable write.
        let new = Process()
        new.executableURL = URL(fileURLWithPath: binary)
        new.arguments = ["new", directory + "/bench.dasf.json", "--title", "Bench", "--models", "rag,external"]
        new.standardOutput = FileHandle.nullDevice
        try? new.run()
        new.waitUntilExit()
        var master: Int32 = -1
        var size = winsize(ws_row: 60, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0)
        let arguments = [binary, directory + "/bench.dasf.json"]
        var argv = arguments.map { strdup($0) } + [nil]
        let environment = ["TERM=xterm-256color", "LANG=C.UTF-8", "PATH=/usr/bin:/bin"]
        var envp = environment.map { strdup($0) } + [nil]
        let started = Date()
        let pid = forkpty(&master, nil, nil, &size)
        if pid == 0 {
            execve(binary, &argv, &envp)
            _exit(127)
        }
        guard pid > 0 else { print("(forkpty failed)"); return }
        let (first, firstDone) = drain(master, quiet: 300)
        let launch = firstDone.timeIntervalSince(started) * 1000
        var moves: [Int] = []
        var seen = ""
        // The keys as xterm-256color sends them with keypad mode on (ESC O C), as a person's
        // terminal does; ESC [ C would be read as Esc, [, C and move nothing.
        for key in ["\u{1B}OC", "\u{1B}OB", "\u{1B}OD", "\u{1B}OA", "\u{1B}OC"] {
            _ = key.withCString { write(master, $0, strlen($0)) }
            let (count, _, text) = drainText(master, quiet: 200)
            moves.append(count)
            seen += text
        }
        // Right, down, left, up, right ends on component 2: Enter must open it, or nothing moved.
        _ = "\r".withCString { write(master, $0, 1) }
        let opened = drainText(master, quiet: 300).2
        let moved = opened.contains("Data prep") && !seen.contains("does nothing here")
        let memory = peakMemory(pid)
        _ = "q".withCString { write(master, $0, 1) }
        _ = drain(master, quiet: 300)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
        let median = moves.sorted()[moves.count / 2]
        print(String(format: "launch to first complete frame (pty 200x60):  %.1f ms   target < 50 ms", launch))
        print("bytes for the first (full) frame:             \(first)")
        guard moved else {
            print("bytes for one cursor move on the map:         NOT MEASURED: the moves did not move the selection")
            return
        }
        print("bytes for one cursor move on the map:         \(median) (\(String(format: "%.1f", Double(median) * 100 / Double(max(first, 1))))% of a full frame)   target < 5% (checked: the moves reached component 2)")
        print("peak memory of the running app (VmHWM):       \(memory)   target < 40 MB")
    }

    /// Reads until nothing arrives for `quiet` milliseconds; returns the bytes and when the last came.
    static func drain(_ fd: Int32, quiet: Int32) -> (Int, Date) {
        let (count, last, _) = drainText(fd, quiet: quiet)
        return (count, last)
    }

    /// As `drain`, with the text that came (for checking what happened).
    static func drainText(_ fd: Int32, quiet: Int32) -> (Int, Date, String) {
        var bytes: [UInt8] = [], last = Date()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, quiet) > 0 else { break }
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
            last = Date()
        }
        return (bytes.count, last, String(decoding: bytes, as: UTF8.self))
    }

    static func peakMemory(_ pid: pid_t) -> String {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return "?" }
        return text.split(separator: "\n").first { $0.hasPrefix("VmHWM") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "?"
    }
}

/// A long-lived assessment: 100,000 journal entries.
enum JournalBench {
    static func run(catalog: Catalog, assessment: Assessment) throws {
        let count = 100_000
        let journal = (0..<count).map { n in
            JournalEntry(at: "2026-11-22T14:\(String(format: "%02d", n / 60 % 60)):\(String(format: "%02d", n % 60))Z", by: "Person \(n % 9)",
                         change: Change(target: "control DASF \(n % 64 + 1)", field: "status", from: "planned", to: "implemented"), undo: n % 50 == 0)
        }
        let directory = NSTemporaryDirectory() + "dasf-bench-journal-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/long.dasf.json"
        var bytes = 0
        row("encode with a 100,000-entry journal", measure(3) { bytes = SaveFileFormat.encode(assessment, journal: journal).count }, target: "")
        print("  file size: \(bytes / 1024) KB")
        _ = try SaveFile.create(path, assessment: assessment, journal: journal)
        var state: AppState?
        row("open it: read + decode + first frame 200x60", try measure(3) {
            let document = try AssessmentDocument.open(path)
            let s = AppState(catalog: document.catalog, assessment: document.assessment, path: path, size: Size(width: 200, height: 60),
                             author: "bench", today: "2026-11-22", journal: document.journal)
            _ = Renderer.render(s)
            state = s
        }, target: "well under 1 s")
        guard var live = state else { return }
        let keys: [Key] = [.right, .down, .left, .up]
        var n = 0
        row("one key on the map with that journal loaded", measure(300) {
            let before = live.place.selected
            _ = Reducer.reduce(&live, .key(keys[n % 4]))
            precondition(live.place.selected != before, "the arrow moved no selection")
            n += 1
            _ = Renderer.render(live)
        }, target: "< 1000 µs")
        // J asks the runtime to read the kept entries; the bench does what the runtime does.
        precondition(Reducer.reduce(&live, .key(.character("J"))) == [.readJournal], "J did not ask for the journal")
        precondition(live.screen == .journal, "J did not open the journal")
        let read = try live.journal.entries().count
        precondition(read == count, "the journal read is not the file's")
        _ = Reducer.reduce(&live, .journalRead(nil))
        _ = Reducer.reduce(&live, .key(.down))
        row("one key on the journal screen (100,000 rows)", measure(300) {
            let before = live.place.selected
            _ = Reducer.reduce(&live, .key(n % 2 == 0 ? .up : .down))
            precondition(live.place.selected != before, "the key moved no selection in the journal")
            n += 1
            _ = Renderer.render(live)
        }, target: "< 1000 µs")
        _ = Reducer.reduce(&live, .key(.character("c")))
        row("one edit with the journal appended", measure(300) {
            let before = live.journal.recorded.count
            let effects = Reducer.reduce(&live, .key(.character(" ")))
            if case .record(let changes, let undo)? = effects.first {
                _ = Reducer.reduce(&live, .journaled(changes.map { JournalEntry(at: "t\(n)", by: "bench \(n)", change: $0, undo: undo) }))
            }
            precondition(live.journal.recorded.count > before, "the edit added nothing to the journal")
            n += 1
            _ = Renderer.render(live)
        }, target: "< 1000 µs")
        // A save as the map makes one (the journal kept in the file), against writing the same
        // bytes raw (temporary file, fsync, rename), taken in turns so both see the same disk.
        var file = try SaveFile.open(path)
        let raw = directory + "/raw.json"
        var saves: [Double] = [], writes: [Double] = []
        let clock = ContinuousClock()
        func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
        for _ in 0..<9 {
            saves.append(ms(try clock.measure {
                try file.save(try file.assessment.applying(.setTitle("T\(n)"), in: catalog),
                              journal: file.journal.adding([JournalEntry(at: "2026-11-25T10:00:00Z", by: "bench", change: Change(target: "title", field: "title", from: nil, to: "T\(n)"))]))
            }))
            n += 1
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let reread = try SaveFile.open(path).assessment.title
            precondition(reread == "T\(n - 1)", "the save did not reach the file")
            writes.append(ms(clock.measure {
                let fd = open(raw + ".tmp", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
                fsync(fd)
                close(fd)
                rename(raw + ".tmp", raw)
            }))
            precondition((try? Data(contentsOf: URL(fileURLWithPath: raw)))?.count == bytes.count, "the raw write did not reach the file")
        }
        saves.sort()
        writes.sort()
        print(String(format: "  save with the journal kept: %.1f ms; raw write + fsync + rename of the same bytes: %.1f ms (medians of 9, in turns)",
                     saves[4], writes[4]))
        try SaveLoopBench.run(path: path, catalog: catalog)
    }
}
