import DASFEngine
import Foundation
import XCTest

@testable import DASFUI

/// Golden screens: the rendered grid as text, checked in under __Screens__/ and compared exactly.
/// Re-record deliberately with `RECORD_SCREENS=1 swift test --filter DASFUITests` and review the diff.
func assertScreen(_ frame: Frame, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    assertGolden(frame.grid.text + "\n", named: name, file: file, line: line)
}

/// How each cell is styled, one character per cell, so a golden file can hold a theme: a space
/// is plain, `#` reverse, `~` dim, `_` underlined, `*` bold; a colour is its initial (r g y b m c),
/// upper case when bold.
func styleMap(_ grid: Grid) -> String {
    (0..<grid.height).map { y in
        var row = ""
        for x in 0..<grid.width {
            let s = grid[x, y].style
            let letter: Character
            if s.reverse { letter = "#" } else if s.foreground != .default {
                let initial = String(describing: s.foreground).first ?? "?"
                letter = s.bold ? Character(initial.uppercased()) : initial
            } else if s.bold { letter = "*" } else if s.dim { letter = "~" } else if s.underline { letter = "_" } else { letter = " " }
            row.append(letter)
        }
        while row.last == " " { row.removeLast() }
        return row
    }.joined(separator: "\n") + "\n"
}

func assertGolden(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Screens__")
    let url = directory.appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["RECORD_SCREENS"] != nil {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        XCTFail("recorded \(name); run again without RECORD_SCREENS", file: file, line: line)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no golden screen \(name).txt; record it with RECORD_SCREENS=1", file: file, line: line)
        return
    }
    if actual != expected {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false), e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let diff = zip(a.indices, zip(a, e)).filter { $0.1.0 != $0.1.1 }.prefix(5)
            .map { "row \($0.0):\n  got:      \($0.1.0)\n  expected: \($0.1.1)" }.joined(separator: "\n")
        XCTFail("screen \(name) differs\n\(diff)", file: file, line: line)
    }
}

/// A realistic assessment: RAG and external models in scope, some controls in place, some
/// decisions taken, an owner, a not-applicable reason.
func sampleState(size: Size = Size(width: 80, height: 24), unicode: Bool = true, readOnly: Bool = false) throws -> AppState {
    let catalog = try BuiltinCatalogs.load("dasf-2.0")
    var a = Assessment(title: "Claims triage assistant", catalog: catalog, deploymentModels: ["rag", "external"])
    let edits: [Edit] = [
        .setControlStatus(control: "DASF 1", status: .implemented), .setControlStatus(control: "DASF 2", status: .implemented),
        .setControlStatus(control: "DASF 5", status: .inProgress), .setControlStatus(control: "DASF 54", status: .implemented),
        .setControlOwner(control: "DASF 54", owner: "Dana Reyes"), .setControlStatus(control: "DASF 60", status: .planned),
        .setControlEvidence(control: "DASF 54", evidence: "https://wiki.example/ai-gateway/guardrails"),
        .setControlNote(control: "DASF 54", note: "Covers the claims endpoint; the batch scorer is next."),
        .markControlNotApplicable(control: "DASF 12", reason: "no personal data is stored"),
        .setRiskTreatment(risk: "9.13", treatment: .transfer, rationale: "the vendor runs the agent sandbox"),
        .markRiskNotApplicable(risk: "1.8", reason: "public documents only"),
    ]
    for edit in edits { try a.apply(edit, in: catalog) }
    return AppState(catalog: catalog, assessment: a, path: "claims.dasf.json", size: size, readOnly: readOnly, unicode: unicode)
}

/// Sends keys through the reducer, as the runtime does, and returns the effects.
@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
    keys.flatMap { Reducer.reduce(&state, .key($0)) }
}

extension Key {
    static func text(_ s: String) -> [Key] { s.map { .character($0) } }
}

/// The same, for a list of keys built elsewhere.
@discardableResult
func press(_ state: inout AppState, _ keys: [Key]) -> [Effect] {
    keys.flatMap { Reducer.reduce(&state, .key($0)) }
}
