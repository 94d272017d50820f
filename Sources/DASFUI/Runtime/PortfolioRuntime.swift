import DASFEngine

/// Runs the portfolio screen: keys in, frames out. Opening a system hands the terminal to its
/// map (`open`), which returns the system's row read again, so the cell shows what was changed.
/// Nothing is drawn while no key comes: an idle portfolio does no work.
public final class PortfolioRuntime {
    public private(set) var state: PortfolioState
    let backend: TerminalBackend
    /// The system's row read again after its map closed, or why it could not be opened.
    let open: (_ path: String, _ component: Int?, _ risk: String?) -> Result<SystemSummary, PortfolioError>

    public init(state: PortfolioState, backend: TerminalBackend, open: @escaping (String, Int?, String?) -> Result<SystemSummary, PortfolioError>) {
        self.state = state
        self.backend = backend
        self.open = open
    }

    public func run() {
        state.size = backend.size
        backend.draw(PortfolioView.render(state))
        loop: while true {
            switch backend.nextEvent(timeout: 60_000) {
            case .stop: break loop
            case .timeout: continue loop
            case .key(.control("l")): backend.invalidate()
            case .key(let key):
                for effect in PortfolioController.reduce(&state, key) {
                    switch effect {
                    case .quit: break loop
                    case .open(let path, let component, let risk):
                        switch open(path, component, risk) {
                        case .success(let fresh): state.replace(fresh)
                        case .failure(let problem): state.message = problem.description
                        }
                        state.size = backend.size
                        backend.invalidate()
                    }
                }
            }
            backend.draw(PortfolioView.render(state))
        }
    }
}
