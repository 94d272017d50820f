import DASFEngine
import Foundation

/// Turns a parsed save file into an assessment and its journal, checking every value a later
/// step could choke on (ratings 1–5, calendar dates, timestamps, whole numbers in range) and
/// keeping every key it does not know, with where it was (`unknownPaths`, for `validate --strict`).
struct SaveFileReader {
    struct Problem: Error {
        let text: String
    }

    private(set) var unknownPaths: [String] = []

    /// An object's fields, read by name with the path in every error.
    struct Fields {
        let fields: [(String, JSONValue)]
        let path: String
        let known: Set<String>

        init(_ value: JSONValue, at path: String, known: [String]) throws(Problem) {
            guard case .object(let fields) = value else { throw Problem(text: "expected an object at \(path)") }
            self.fields = fields
            self.path = path
            self.known = Set(known)
        }

        func place(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

        subscript(key: String) -> JSONValue? {
            for (name, value) in fields where name == key { return value == .null ? nil : value }
            return nil
        }

        func string(_ key: String) throws(Problem) -> String? {
            guard let value = self[key] else { return nil }
            guard case .string(let text) = value else { throw Problem(text: "expected text at \(place(key))") }
            return text
        }

        func required(_ key: String) throws(Problem) -> String {
            guard let text = try string(key) else {
                throw Problem(text: "missing field \"\(key)\"" + (path.isEmpty ? "" : " at \(path)"))
            }
            return text
        }

        func bool(_ key: String) throws(Problem) -> Bool? {
            guard let value = self[key] else { return nil }
            guard case .bool(let flag) = value else { throw Problem(text: "expected true or false at \(place(key))") }
            return flag
        }

        /// A whole number within `range`; anything else (a fraction, a number too large to hold)
        /// is refused here, so no later arithmetic can overflow on it.
        func int(_ key: String, in range: ClosedRange<Int>, meaning: String) throws(Problem) -> Int? {
            guard let value = self[key] else { return nil }
            guard case .number(let literal) = value, let number = Int(literal), range.contains(number) else {
                throw Problem(text: "expected \(meaning) at \(place(key))")
            }
            return number
        }

        func date(_ key: String) throws(Problem) -> String? {
            guard let text = try string(key) else { return nil }
            guard CalendarDate.isValid(text) else { throw Problem(text: "expected a date (YYYY-MM-DD) at \(place(key))") }
            return text
        }

        func timestamp(_ key: String) throws(Problem) -> String {
            let text = try required(key)
            guard Self.isTimestamp(text) else { throw Problem(text: "expected a UTC time (YYYY-MM-DDTHH:MM:SSZ) at \(place(key))") }
            return text
        }

        static func isTimestamp(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z"),
                  bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  CalendarDate.isValid(String(decoding: bytes[0..<10], as: UTF8.self))
            else { return false }
            let digits = [11, 12, 14, 15, 17, 18].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }
            guard digits, let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)),
                  let minute = Int(String(decoding: bytes[14..<16], as: UTF8.self)),
                  let second = Int(String(decoding: bytes[17..<19], as: UTF8.self))
            else { return false }
            return hour < 24 && minute < 60 && second <= 60
        }

        func array(_ key: String) throws(Problem) -> [JSONValue]? {
            guard let value = self[key] else { return nil }
            guard case .array(let items) = value else { throw Problem(text: "expected a list at \(place(key))") }
            return items
        }

        func strings(_ key: String) throws(Problem) -> [String]? {
            guard let items = try array(key) else { return nil }
            var texts: [String] = []
            for (n, item) in items.enumerated() {
                guard case .string(let text) = item else { throw Problem(text: "expected text at \(place(key))[\(n)]") }
                texts.append(text)
            }
            return texts
        }

        func word<T: RawRepresentable & CaseIterable>(_ key: String, _ fallback: T) throws(Problem) -> T where T.RawValue == String {
            guard let text = try string(key) else { return fallback }
            guard let value = T(rawValue: text) else {
                let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw Problem(text: "\(place(key)): unknown word \"\(text)\" (expected one of \(allowed))")
            }
            return value
        }

        /// The fields this dasf does not know, in their order, as compact JSON.
        var unknown: UnknownFields {
            UnknownFields(fields.filter { !known.contains($0.0) }.map { UnknownFields.Field(key: $0.0, json: $0.1.compact()) })
        }

        var unknownPaths: [String] { fields.filter { !known.contains($0.0) }.map { place($0.0) } }
    }

    static let ratingMeaning = "a whole number from 1 to 5"

    private mutating func fields(_ value: JSONValue, at path: String, known: [String]) throws(Problem) -> Fields {
        let fields = try Fields(value, at: path, known: known)
        unknownPaths += fields.unknownPaths
        return fields
    }

    private mutating func entries(_ value: JSONValue?, at path: String) throws(Problem) -> [(String, JSONValue)] {
        guard let value else { return [] }
        guard case .object(let entries) = value else { throw Problem(text: "expected an object at \(path)") }
        return entries
    }

    /// The journal's entries, each checked like every other field.
    mutating func readJournal(_ items: [JSONValue]) throws(Problem) -> [JournalEntry] {
        var journal: [JournalEntry] = []
        journal.reserveCapacity(items.count)
        for (n, item) in items.enumerated() {
            let f = try fields(item, at: "journal[\(n)]", known: ["at", "by", "target", "field", "from", "to", "undo"])
            var entry = JournalEntry(at: try f.timestamp("at"), by: try f.required("by"),
                                     change: Change(target: try f.required("target"), field: try f.required("field"),
                                                    from: try f.string("from"), to: try f.string("to")),
                                     undo: try f.bool("undo") ?? false)
            entry.unknown = f.unknown
            journal.append(entry)
        }
        return journal
    }

    mutating func read(_ top: Fields) throws(Problem) -> (assessment: Assessment, journal: [JournalEntry]) {
        let title = try top.required("title")
        guard let catalogValue = top["catalog"] else { throw Problem(text: "missing field \"catalog\"") }
        let catalogFields = try fields(catalogValue, at: "catalog", known: ["id", "version", "digest", "overlays"])
        var catalog = CatalogReference(id: try catalogFields.required("id"), version: try catalogFields.required("version"),
                                       digest: try catalogFields.string("digest") ?? "")
        catalog.unknown = catalogFields.unknown
        for (n, item) in (try catalogFields.array("overlays") ?? []).enumerated() {
            let o = try fields(item, at: "catalog.overlays[\(n)]", known: ["id", "version", "digest", "path"])
            var overlay = OverlayReference(id: try o.required("id"), version: try o.string("version") ?? "", digest: try o.string("digest") ?? "",
                                           path: try o.required("path"))
            overlay.unknown = o.unknown
            catalog.overlays.append(overlay)
        }

        var useCase = UseCase()
        if let value = top["useCase"] {
            let f = try fields(value, at: "useCase", known: ["businessOwner", "description", "stakeholders"])
            useCase = UseCase(businessOwner: try f.string("businessOwner"), description: try f.string("description"),
                              stakeholders: try f.strings("stakeholders") ?? [])
            useCase.unknown = f.unknown
        }
        var scope = Scope.all
        if let value = top["scope"] {
            let f = try fields(value, at: "scope", known: ["deploymentModels"])
            scope = Scope(deploymentModels: try f.strings("deploymentModels") ?? [])
            scope.unknown = f.unknown
        }

        var risks: [String: RiskRecord] = [:]
        for (id, value) in try entries(top["risks"], at: "risks") {
            let f = try fields(value, at: "risks.\(id)", known: ["treatment", "rationale", "notApplicableReason", "assessed", "threats"])
            var threats: [Threat] = []
            for (n, item) in (try f.array("threats") ?? []).enumerated() {
                let t = try fields(item, at: "risks.\(id).threats[\(n)]", known: ["id", "text", "component", "likelihood", "impact"])
                var threat = Threat(id: try t.required("id"), text: try t.required("text"),
                                    component: try t.int("component", in: 1...9999, meaning: "a component number"),
                                    likelihood: try t.int("likelihood", in: 1...5, meaning: Self.ratingMeaning),
                                    impact: try t.int("impact", in: 1...5, meaning: Self.ratingMeaning))
                threat.unknown = t.unknown
                threats.append(threat)
            }
            var record = RiskRecord(treatment: try f.word("treatment", RiskTreatment.mitigate), rationale: try f.string("rationale"),
                                    notApplicableReason: try f.string("notApplicableReason"), assessed: try f.bool("assessed") ?? false,
                                    threats: threats)
            record.unknown = f.unknown
            risks[id] = record
        }

        var controls: [String: ControlRecord] = [:]
        for (id, value) in try entries(top["controls"], at: "controls") {
            let f = try fields(value, at: "controls.\(id)", known: ["status", "notApplicableReason", "owner", "evidence", "note",
                                                                     "targetDate", "reviewBy", "lastVerified"])
            var record = ControlRecord(status: try f.word("status", ControlStatus.notStarted), notApplicableReason: try f.string("notApplicableReason"),
                                       owner: try f.string("owner"), evidence: try f.string("evidence"), note: try f.string("note"),
                                       targetDate: try f.date("targetDate"), reviewBy: try f.date("reviewBy"), lastVerified: try f.date("lastVerified"))
            record.unknown = f.unknown
            controls[id] = record
        }

        var organisational: [OrganisationalRisk: OrganisationalRiskRecord] = [:]
        for (id, value) in try entries(top["organisationalRisks"], at: "organisationalRisks") {
            guard let risk = OrganisationalRisk(rawValue: id) else {
                throw Problem(text: "organisationalRisks.\(id): unknown organisational risk (expected one of \(OrganisationalRisk.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let f = try fields(value, at: "organisationalRisks.\(id)", known: ["rating", "notes"])
            var record = OrganisationalRiskRecord(rating: try f.int("rating", in: 1...5, meaning: Self.ratingMeaning), notes: try f.string("notes"))
            record.unknown = f.unknown
            organisational[risk] = record
        }

        var comments: [Comment] = []
        for (n, item) in (try top.array("comments") ?? []).enumerated() {
            let f = try fields(item, at: "comments[\(n)]", known: ["id", "risk", "control", "author", "at", "text", "resolved"])
            let target: Comment.Target
            if let risk = try f.string("risk") { target = .risk(risk) } else if let control = try f.string("control") { target = .control(control) } else {
                throw Problem(text: "comments[\(n)]: names neither a risk nor a control")
            }
            var comment = Comment(id: try f.required("id"), target: target, author: try f.required("author"), at: try f.timestamp("at"),
                                  text: try f.required("text"), resolved: try f.bool("resolved") ?? false)
            comment.unknown = f.unknown
            comments.append(comment)
        }

        var conflicts: [MergeConflict] = []
        for (n, item) in (try top.array("conflicts") ?? []).enumerated() {
            let f = try fields(item, at: "conflicts[\(n)]", known: ["field", "base", "mine", "theirs"])
            var conflict = MergeConflict(field: try f.required("field"), base: try f.string("base"), mine: try f.string("mine"), theirs: try f.string("theirs"))
            conflict.unknown = f.unknown
            conflicts.append(conflict)
        }

        let journal = try readJournal(try top.array("journal") ?? [])

        var assessment = Assessment(title: title, useCase: useCase, catalog: catalog, scope: scope, risks: risks, controls: controls,
                                    organisationalRisks: organisational, comments: comments)
        assessment.conflicts = conflicts
        assessment.unknown = top.unknown
        return (assessment, journal)
    }
}
