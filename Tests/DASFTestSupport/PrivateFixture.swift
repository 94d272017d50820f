import DASFEngine

/// An assessment with every private field filled with text that appears nowhere else, so a test
/// can look for each piece on every screen and in every report and be sure it is absent.
public enum PrivateFixture {
    /// Each private field's text, by the field that hides it.
    public static let secrets: [(PrivateField, String)] = [
        (.owners, "Zeldaowner Quist"),
        (.owners, "on leave until Marchvale"),
        (.people, "Bizowner Okonkwo"),
        (.people, "Stakeholder Vantablack"),
        (.notes, "do not mention to vendorxyz"),
        (.notes, "orgnote Pemberton"),
        (.evidence, "https://wiki.internal.example/secret-runbook"),
        (.comments, "reviewer remark Quillfeather"),
        (.comments, "Commenter Abernathy"),
        (.journalAuthors, "Journalauthor Fenwick"),
    ]

    /// `base` with the secrets written into it (controls DASF 1 and DASF 54, risk 9.12, the use
    /// case, an organisational risk), and a journal whose entries carry one as their author.
    public static func fill(_ base: Assessment) -> (Assessment, [JournalEntry]) {
        var a = base
        a.title = "Claims triage assistant"
        a.useCase.businessOwner = "Bizowner Okonkwo"
        a.useCase.stakeholders = ["Stakeholder Vantablack"]
        a.useCase.description = "Answers claims handlers' questions from policy documents."
        var c1 = a.controls["DASF 1"] ?? ControlRecord()
        c1.status = .implemented
        c1.owner = "Zeldaowner Quist"
        c1.note = "do not mention to vendorxyz"
        c1.evidence = "https://wiki.internal.example/secret-runbook"
        a.controls["DASF 1"] = c1
        var c54 = a.controls["DASF 54"] ?? ControlRecord()
        c54.status = .planned
        c54.owner = "on leave until Marchvale"
        a.controls["DASF 54"] = c54
        var org = a.organisationalRisks[.talent] ?? OrganisationalRiskRecord()
        org.rating = 4
        org.notes = "orgnote Pemberton"
        a.organisationalRisks[.talent] = org
        a.comments = [Comment(id: "c1", target: .risk("9.12"), author: "Commenter Abernathy", at: "2026-11-20T10:00:00Z", text: "reviewer remark Quillfeather"),
                      Comment(id: "c2", target: .control("DASF 1"), author: "Commenter Abernathy", at: "2026-11-20T10:01:00Z", text: "reviewer remark Quillfeather")]
        a.conflicts = [MergeConflict(field: "control/DASF 54/owner", base: nil, mine: "on leave until Marchvale", theirs: "Zeldaowner Quist")]
        let journal = [
            JournalEntry(at: "2026-11-20T09:00:00Z", by: "Journalauthor Fenwick", change: Change(target: "control DASF 1", field: "status", from: "not-started", to: "implemented")),
            JournalEntry(at: "2026-11-20T09:01:00Z", by: "Journalauthor Fenwick", change: Change(target: "control DASF 1", field: "owner", from: nil, to: "Zeldaowner Quist")),
            JournalEntry(at: "2026-11-20T09:02:00Z", by: "Journalauthor Fenwick", change: Change(target: "control DASF 1", field: "note", from: nil, to: "do not mention to vendorxyz")),
        ]
        return (a, journal)
    }

    /// The secrets found in `text` (there should be none).
    public static func leaks(in text: String) -> [String] {
        secrets.map(\.1).filter { text.contains($0) || text.contains(String($0.prefix(12))) }
    }
}
