import CWasmEngine
import Dispatch
import Synchronization

/// A store's deadline: a timer that, when it fires, makes the store's code stop at its next
/// limit check (the HINTERRUPT_DEADLINE bit). One dispatch timer per store, made on the first
/// deadline and re-armed by each later one, so setting a deadline for every call leaves
/// nothing queued behind. The timer sets the bit only if, under a lock that setting and
/// clearing also take, a deadline is still set and has passed: a timer armed for an earlier
/// deadline never stops a later call.
final class DeadlineTimer: Sendable {
    private let owner: ContextOwner
    private struct State {
        var source: DispatchSourceTimer?
        /// The deadline set; nil when none is.
        var deadline: DispatchTime?
    }
    private let state = Mutex(State())

    /// Where every store's timers fire: a queue of its own, which gets a thread even when
    /// every thread of the global queues runs guest code (a global queue's timer would wait
    /// for one of them, so a spinning guest would never be stopped).
    private static let queue = DispatchQueue(label: "Hearth deadlines")

    /// The longest timeout kept as given; a longer one (centuries) is cut to it rather than
    /// overflowing.
    private static let longest: UInt64 = 1 << 62

    init(_ owner: ContextOwner) {
        self.owner = owner
    }

    /// Sets the deadline `timeout` from now, in place of any earlier one.
    func set(after timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        let nanoseconds: UInt64
        if seconds < 0 {
            nanoseconds = 0
        } else if UInt64(seconds) >= Self.longest / 1_000_000_000 {
            nanoseconds = Self.longest
        } else {
            nanoseconds = UInt64(seconds) * 1_000_000_000 + UInt64(max(0, attoseconds / 1_000_000_000))
        }
        let deadline = DispatchTime.now() + .nanoseconds(Int(nanoseconds))
        state.withLock { state in
            owner.clearInterrupt(Int32(HINTERRUPT_DEADLINE))
            state.deadline = deadline
            if state.source == nil {
                let source = DispatchSource.makeTimerSource(queue: Self.queue)
                source.setEventHandler { [weak self] in self?.fire() }
                source.activate()
                state.source = source
            }
            state.source!.schedule(deadline: deadline)
        }
    }

    /// Removes the deadline, and the stop it may already have asked for.
    func clear() {
        state.withLock { state in
            guard state.deadline != nil else { return }
            state.deadline = nil
            owner.clearInterrupt(Int32(HINTERRUPT_DEADLINE))
        }
    }

    /// The timer's handler: stops the store's calls if the deadline set has passed (the timer
    /// may be one armed for an earlier deadline), or re-arms for it if it has not.
    private func fire() {
        state.withLock { state in
            guard let deadline = state.deadline else { return }
            if DispatchTime.now() >= deadline {
                owner.interrupt(Int32(HINTERRUPT_DEADLINE))
            } else {
                state.source?.schedule(deadline: deadline)
            }
        }
    }

    deinit {
        state.withLock { $0.source?.cancel() }
    }
}
