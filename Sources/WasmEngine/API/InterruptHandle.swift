import CWasmEngine

/// Stops the calls of one store from any thread: `interrupt()` makes the call running in the
/// store stop at its next limit check — a function entry or loop header — with
/// `LimitError.Limit.interrupt`; when no call is running, the next one stops as it starts.
/// Only code compiled by an `interruptible` engine has limit checks. A handle may outlive
/// its store (interrupting then does nothing), and may be copied to any thread.
public struct InterruptHandle: Sendable {
    private let owner: ContextOwner

    init(_ owner: ContextOwner) {
        self.owner = owner
    }

    /// Asks the store's running (or next) call to stop.
    public func interrupt() {
        owner.interrupt(Int32(HINTERRUPT_REQUESTED))
    }
}
