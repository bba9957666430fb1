import CWasmEngine
import Diagnostics

/// A call or an instantiation stopped by one of the store's limits (docs/limits.md): its
/// fuel, its deadline, an interrupt from the embedder, or its memory limit. The store is
/// left consistent — a later call may run — but the guest's own state is whatever it was
/// when the call stopped, so an embedder usually discards the instance (a plugin does).
public struct LimitError: HearthError, Equatable {
    /// The limit that stopped the guest.
    public enum Limit: String, Sendable, CaseIterable {
        /// The store's fuel ran out (`Store.fuel`).
        case fuel
        /// The store's deadline passed (`Store.setDeadline(after:)`).
        case deadline
        /// The embedder interrupted the call (`InterruptHandle`).
        case interrupt
        /// An instantiation would take the store's memories and tables past its memory limit.
        case memory
    }

    /// The limit that stopped the guest.
    public var limit: Limit
    /// What happened, in one line.
    public var message: String
    /// Where a call stopped: the function and the offset of its limit check.
    public var location: ErrorLocation
    /// Who set the limit, or how to raise it, when the embedder knows.
    public var remedy: String?

    /// An error for `limit`, with a message of its own or the limit's usual one.
    public init(_ limit: Limit, message: String? = nil, location: ErrorLocation = ErrorLocation()) {
        self.limit = limit
        self.message = message ?? limit.defaultMessage
        self.location = location
    }

    /// HEARTH-E701 (fuel), E702 (deadline), E703 (interrupt) or E704 (memory).
    public var code: String {
        switch limit {
        case .fuel: "HEARTH-E701"
        case .deadline: "HEARTH-E702"
        case .interrupt: "HEARTH-E703"
        case .memory: "HEARTH-E704"
        }
    }

    /// Always `.limitExceeded`.
    public var kind: ErrorKind { .limitExceeded }
}

extension LimitError.Limit {
    /// The limit a `hearth_invoke` or `hearth_call` status names, if it names one.
    init?(status: Int32) {
        switch status {
        case Int32(HTRAP_OUT_OF_FUEL.rawValue): self = .fuel
        case Int32(HTRAP_DEADLINE_EXCEEDED.rawValue): self = .deadline
        case Int32(HTRAP_INTERRUPTED.rawValue): self = .interrupt
        default: return nil
        }
    }

    var defaultMessage: String {
        switch self {
        case .fuel: "out of fuel: the call needed more instructions than it had left"
        case .deadline: "deadline exceeded: the call ran past its time"
        case .interrupt: "interrupted by the host"
        case .memory: "the store's memory limit is reached"
        }
    }
}
