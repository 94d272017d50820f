import DASFEngine

/// Column widths for the conflicts list, from what the values need rather than fixed shares: a
/// column that needs little gives its room to one that needs more, so nothing is cut while the
/// line has space. Mine and theirs are compared, so when both need more than there is they split
/// the room evenly; base, the least needed, takes what is left.
struct ConflictColumns {
    let field: Int
    let mine: Int
    let theirs: Int

    init(_ conflicts: [MergeConflict], width: Int) {
        func need(_ texts: [String], title: String) -> Int { texts.map(TextWidth.of).reduce(TextWidth.of(title), max) }
        let base = min(need(conflicts.map { AssessmentFields.display($0.base) }, title: "base"), max(4, width / 6))
        field = min(need(conflicts.map(\.label), title: "field"), max(10, width / 3))
        let room = max(16, width - field - base - 3)
        let wantMine = need(conflicts.map { AssessmentFields.display($0.mine) }, title: "mine")
        let wantTheirs = need(conflicts.map { AssessmentFields.display($0.theirs) }, title: "theirs")
        if wantMine + wantTheirs <= room {
            // Everything fits: the spare room goes to base (the flexible last column).
            mine = wantMine
            theirs = wantTheirs
        } else if min(wantMine, wantTheirs) <= room / 2 {
            // One is short: it keeps its width and the other takes the rest.
            mine = wantMine <= wantTheirs ? wantMine : room - wantTheirs
            theirs = wantMine <= wantTheirs ? room - wantMine : wantTheirs
        } else {
            mine = room / 2
            theirs = room - room / 2
        }
    }
}
