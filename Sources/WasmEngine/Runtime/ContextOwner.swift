import CWasmEngine

/// Owns the allocation of a store's `HContext`, so that what may outlive the store — an
/// `InterruptHandle` on another thread, a deadline timer about to fire — still writes to
/// valid memory. (The store frees what the context points at; this frees the context.)
final class ContextOwner: @unchecked Sendable {
    let context: UnsafeMutablePointer<HContext>
    /// The context's memory budget, by address: C code keeps pointers to it.
    let budget: UnsafeMutablePointer<HBudget>

    init(_ context: UnsafeMutablePointer<HContext>) {
        self.context = context
        budget = (UnsafeMutableRawPointer(context) + MemoryLayout<HContext>.offset(of: \.budget)!)
            .assumingMemoryBound(to: HBudget.self)
    }

    /// Sets interrupt bits (HINTERRUPT_*); safe from any thread.
    func interrupt(_ reason: Int32) {
        hearth_interrupt(context, UInt32(reason))
    }

    /// Clears interrupt bits; safe from any thread.
    func clearInterrupt(_ reason: Int32) {
        hearth_clear_interrupt(context, UInt32(reason))
    }

    deinit {
        context.deallocate()
    }
}
