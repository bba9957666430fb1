/// The configuration that modules are compiled with and stores run with, shared by both:
/// a `Module` is compiled by an engine (`Module(bytes:engine:)`) and a `Store` runs on one
/// (`Store(engine:)`).
///
/// Only `interruptible` changes the code a module is compiled to: a store of an
/// interruptible engine instantiates only modules compiled by one (so that its limits hold),
/// and any store instantiates modules of any other engine.
///
/// An engine is immutable and may be shared between threads. Most embedders need one, or
/// just `Engine.default`. The configuration is a struct of independent settings with
/// defaults, so settings can be added without changing the code that builds engines today.
public final class Engine: Sendable {
    /// When function bodies are validated and translated.
    public enum Translation: Sendable {
        /// All of them while the module is created (on every core, for a module with many
        /// functions): an invalid module is rejected up front.
        case eager
        /// Each on its first call, for fast start-up. A body that turns out invalid makes that
        /// call throw its `InvalidModuleError`; the module level is still validated up front.
        case lazy
    }

    /// Everything an engine can be told. Each setting has a default, so
    /// `Configuration(translation: .lazy)` changes one and keeps the rest.
    public struct Configuration: Sendable {
        /// When modules compiled by the engine translate their functions.
        public var translation: Translation
        /// Slots of each store's value stack, shared by all calls (8 bytes each); a store
        /// takes at least 1 and at most 2^32.
        public var stackSlots: Int
        /// Wasm call depth; deeper recursion traps with `call stack exhausted`. A store takes
        /// at least 1 and at most 2^24.
        public var maxCallDepth: Int
        /// Whether code checks the store's fuel, deadline and interrupt at each function
        /// entry and loop header, so that `Store.fuel`, `Store.setDeadline(after:)` and
        /// `InterruptHandle` can stop it. The checks cost a little on every call and loop
        /// iteration (docs/limits.md has the figures), so they are off by default.
        public var interruptible: Bool

        /// A configuration with the given settings and the defaults for the rest.
        public init(translation: Translation = .eager, stackSlots: Int = 1 << 20, maxCallDepth: Int = 50_000,
                    interruptible: Bool = false) {
            self.translation = translation
            self.stackSlots = stackSlots
            self.maxCallDepth = maxCallDepth
            self.interruptible = interruptible
        }
    }

    /// The engine `Module(bytes:)` and `Store()` use when given none: the default
    /// configuration (eager translation).
    public static let `default` = Engine()

    /// What the engine was made with.
    public let configuration: Configuration

    /// An engine with `configuration`.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }
}
