import Foundation
import XCTest

/// Runs the real `dasf` binary as a user would, capturing its output and exit status.
struct DASFProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        let stdoutBytes: Data
    }

    /// The built binary, next to the test bundle in the build products folder; `DASF_BINARY`
    /// points the same tests at another build (to show a test fails on an older one).
    static var binary: URL {
        if let other = ProcessInfo.processInfo.environment["DASF_BINARY"], !other.isEmpty { return URL(fileURLWithPath: other) }
        let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .compactMap { $0?.deletingLastPathComponent().appendingPathComponent("dasf") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:], input: Data? = nil,
                    executable: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        // No one's own config file changes what a test sees.
        env["XDG_CONFIG_HOME"] = directory + "/.no-config"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outPath = directory + "/.stdout-\(UUID().uuidString)", errPath = directory + "/.stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        if let input {
            let inPath = directory + "/.stdin-\(UUID().uuidString)"
            _ = FileManager.default.createFile(atPath: inPath, contents: input)
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
            // The open handle keeps the bytes readable after the name is gone.
            try? FileManager.default.removeItem(atPath: inPath)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = try Data(contentsOf: URL(fileURLWithPath: outPath))
        let stderr = try Data(contentsOf: URL(fileURLWithPath: errPath))
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self), stdoutBytes: stdout)
    }
}

class CommandTestCase: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "dasf-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: DASFProcess.binary.path), "dasf binary at \(DASFProcess.binary.path)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    func dasf(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line, expect status: Int32 = 0) throws -> DASFProcess.Result {
        let result = try DASFProcess.run(arguments, in: directory)
        XCTAssertEqual(result.status, status, "dasf \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        return result
    }

    func json(_ result: DASFProcess.Result) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [String: Any])
    }

    func bytes(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)) }
}
