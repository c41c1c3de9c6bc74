/// The work the proofs that no schedule exists may do: a count of steps, the same on every
/// machine, so that whether a conflict is proven does not depend on the machine's speed; and a
/// wall-clock stop (the run's time limit) that, when it comes first, leaves nothing proven and
/// says so (`stoppedByClock`).
struct ProofBudget {
    /// Steps still allowed.
    private(set) var stepsLeft: Int
    /// Steps spent so far.
    private(set) var spent = 0
    /// The wall-clock stop, in seconds on `clock`; nil for none.
    let deadline: Double?
    let clock: WallClock
    /// True when the deadline passed before the steps ran out.
    private(set) var stoppedByClock = false
    /// Steps since the clock was last read (it is read every 256 steps).
    private var sinceLook = 0

    init(steps: Int, deadline: Double? = nil, clock: WallClock = .start()) {
        stepsLeft = max(0, steps)
        self.deadline = deadline
        self.clock = clock
    }

    /// No limit: for tests that want the whole answer.
    static var unlimited: ProofBudget { ProofBudget(steps: .max) }

    var isSpent: Bool { stepsLeft <= 0 || stoppedByClock }

    /// Spends `steps`; false when the steps or the time have run out (then it spends what was left).
    mutating func spend(_ steps: Int = 1) -> Bool {
        guard !stoppedByClock else { return false }
        guard steps <= stepsLeft else {
            spent += stepsLeft
            stepsLeft = 0
            return false
        }
        stepsLeft -= steps
        spent += steps
        sinceLook += steps
        if sinceLook >= 256, let deadline {
            sinceLook = 0
            if clock.elapsed() >= deadline {
                stoppedByClock = true
                return false
            }
        }
        return true
    }

    /// A budget of at most `steps` of what is left, with the same deadline, for one part of the
    /// work; ``absorb(_:)`` charges what it spent.
    func share(_ steps: Int) -> ProofBudget {
        ProofBudget(steps: min(steps, stepsLeft), deadline: deadline, clock: clock)
    }

    /// Charges what a ``share(_:)`` spent, and its stop by the clock.
    mutating func absorb(_ part: ProofBudget) {
        stepsLeft -= part.spent
        spent += part.spent
        if part.stoppedByClock { stoppedByClock = true }
    }
}

/// Seconds on the wall clock since it was started. The time limits read it; tests start a
/// made-up one (a slow machine's) to show that only the limits depend on it.
struct WallClock: Sendable {
    let elapsed: @Sendable () -> Double

    static func start() -> WallClock {
        let clock = ContinuousClock()
        let started = clock.now
        return WallClock {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
    }
}
