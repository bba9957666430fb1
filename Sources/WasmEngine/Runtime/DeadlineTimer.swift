import CWasmEngine
import Dispatch
import Synchronization

/// A store's deadline: a timer that, when it fires, makes the store's code stop at its next
/// limit check (the HINTERRUPT_DEADLINE bit). Setting or clearing it makes any earlier timer
/// harmless: each timer fires only if it is still the current one, decided under a lock that
/// clearing also takes, so no stale timer can stop a later call.
final class DeadlineTimer: Sendable {
    private let owner: ContextOwner
    /// Which timer is current (0: none); a timer compares its own number under this lock.
    private let current = Mutex<(number: UInt64, work: DispatchWorkItem?)>((0, nil))

    /// Where every store's timers fire: a queue of its own, which gets a thread even when
    /// every thread of the global queues runs guest code (a global queue's timer would wait
    /// for one of them, so a spinning guest would never be stopped).
    private static let queue = DispatchQueue(label: "Hearth deadlines")

    init(_ owner: ContextOwner) {
        self.owner = owner
    }

    /// Replaces any timer by one firing after `timeout`.
    func set(after timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = max(0, seconds) * 1_000_000_000 + max(0, attoseconds / 1_000_000_000)
        current.withLock { state in
            state.work?.cancel()
            owner.clearInterrupt(Int32(HINTERRUPT_DEADLINE))
            state.number &+= 1
            let number = state.number
            let work = DispatchWorkItem { [owner, self] in
                self.current.withLock { state in
                    if state.number == number { owner.interrupt(Int32(HINTERRUPT_DEADLINE)) }
                }
            }
            state.work = work
            Self.queue.asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: nanoseconds)), execute: work)
        }
    }

    /// Removes the timer, and the stop it may already have asked for.
    func clear() {
        current.withLock { state in
            guard state.work != nil else { return }
            state.work?.cancel()
            state.work = nil
            state.number &+= 1
            owner.clearInterrupt(Int32(HINTERRUPT_DEADLINE))
        }
    }
}
