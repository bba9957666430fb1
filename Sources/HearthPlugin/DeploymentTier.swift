/// How a module's size rates for deployment (issue 17's tiers): start-up and memory grow with
/// the bytes a host must decode and validate.
public enum DeploymentTier: String, Sendable, CaseIterable {
    case optimal, good, acceptable, monitor, warning, rejected

    /// The upper bounds (exclusive, in bytes) of the tiers below `rejected`, in order.
    public struct Thresholds: Sendable, Equatable {
        public var optimal = 100_000
        public var good = 500_000
        public var acceptable = 2_000_000
        public var monitor = 10_000_000
        /// Up to and including this size is `warning`; above it, `rejected`.
        public var warning = 25_000_000
        /// The defaults: 100 KB, 500 KB, 2 MB, 10 MB, 25 MB.
        public init() {}
    }

    /// The tier of a module of `size` bytes.
    public static func of(size: Int, thresholds: Thresholds = Thresholds()) -> DeploymentTier {
        if size < thresholds.optimal { return .optimal }
        if size < thresholds.good { return .good }
        if size < thresholds.acceptable { return .acceptable }
        if size < thresholds.monitor { return .monitor }
        if size <= thresholds.warning { return .warning }
        return .rejected
    }

    /// `pass` below `warning`, `warn` at it (deployable, worth a look), `fail` when rejected.
    public var verdict: String {
        switch self {
        case .warning: "warn"
        case .rejected: "fail"
        default: "pass"
        }
    }
}
