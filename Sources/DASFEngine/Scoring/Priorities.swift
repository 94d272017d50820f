/// What an executive page leads with: the risks that press most, and what falls due next.
extension Scorecard {
    /// Open and partial risks, the highest threat rating first (unrated after rated), open
    /// before partial at the same rating, then catalog order.
    public func mostPressing(_ limit: Int) -> [RiskEvaluation] {
        let candidates = risks.enumerated().filter { $0.element.state == .open || $0.element.state == .partial }
        return candidates.sorted { a, b in
            let x = a.element, y = b.element
            if (x.highestThreatRating ?? -1) != (y.highestThreatRating ?? -1) { return (x.highestThreatRating ?? -1) > (y.highestThreatRating ?? -1) }
            if x.state != y.state { return x.state == .open }
            return a.offset < b.offset
        }.prefix(max(0, limit)).map(\.element)
    }
}

/// A control's next date: a target to have it in place, or a review to check it still is.
public struct DueDate: Sendable, Hashable {
    public enum Kind: String, Sendable { case target, review }
    public let control: String
    public let kind: Kind
    /// "YYYY-MM-DD".
    public let date: String
    /// Before `today`: already late.
    public let overdue: Bool
}

extension Assessment {
    /// Target dates of controls not yet implemented and review dates of implemented ones, the
    /// earliest first (overdue ones lead), at most `limit`. Controls not applicable have none.
    public func dueNext(today: String?, limit: Int) -> [DueDate] {
        var out: [DueDate] = []
        for (id, record) in controls where record.status != .notApplicable {
            if record.status != .implemented, let date = record.targetDate {
                out.append(DueDate(control: id, kind: .target, date: date, overdue: today.map { date < $0 } ?? false))
            }
            if let date = record.reviewBy {
                out.append(DueDate(control: id, kind: .review, date: date, overdue: today.map { date < $0 } ?? false))
            }
        }
        let sorted = out.sorted { a, b in
            if a.date != b.date { return a.date < b.date }
            if a.control != b.control { return IDOrder.areInIncreasingOrder(a.control, b.control) }
            return a.kind.rawValue > b.kind.rawValue
        }
        return Array(sorted.prefix(max(0, limit)))
    }
}
