import DASFEngine

/// Deterministic systems for portfolio tests: titles "System 001"…, a spread of answers, owners,
/// deployment models and journal times, made with the engine as a person's edits would be.
public enum PortfolioFixture {
    public static func assessment(_ n: Int, catalog: Catalog) -> Assessment {
        var a = Assessment(title: "System \(String(format: "%03d", n))", catalog: catalog)
        let models = catalog.deploymentModels.map(\.id)
        try? a.apply(.setScope([models[n % models.count], models[(n * 7 + 3) % models.count]].uniqued()), in: catalog)
        for (k, control) in catalog.controls.enumerated() where (k * 31 + n * 17) % 5 < 2 {
            try? a.apply(.setControlStatus(control: control.id, status: (k + n) % 3 == 0 ? .inProgress : .implemented), in: catalog)
            try? a.apply(.setControlOwner(control: control.id, owner: ["Dana", "Sam", "Ana"][(k + n) % 3]), in: catalog)
        }
        if n % 4 == 0 { try? a.apply(.setUseCaseOwner("Priya"), in: catalog) }
        if n % 5 == 1 {
            try? a.apply(.setControlReviewBy(control: catalog.controls[n % catalog.controls.count].id, date: "2020-01-01"), in: catalog)
        }
        return a
    }

    public static func systems(_ count: Int, catalog: Catalog) -> [SystemSummary] {
        (1...max(1, count)).prefix(count).map { n in
            SystemSummary(path: "systems/s\(String(format: "%03d", n)).dasf.json", catalog: catalog, assessment: assessment(n, catalog: catalog),
                          lastChange: "2026-11-\(String(format: "%02d", n % 28 + 1))T10:00:00Z", today: "2026-11-24")
        }
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
