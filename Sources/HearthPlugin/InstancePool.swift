import Foundation

/// A compiled plugin's idle instances, lent to one caller at a time (`Plugin.withInstance`).
/// The lock guards only the list: instances are made and run outside it, so callers on
/// different threads run in parallel.
final class InstancePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [PluginInstance] = []
    /// The most idle instances kept; more are dropped when given back.
    let maxIdle: Int

    init(maxIdle: Int) {
        self.maxIdle = max(0, maxIdle)
    }

    /// An idle instance, now the caller's alone; nil when none is idle.
    func take() -> PluginInstance? {
        lock.withLock { idle.popLast() }
    }

    /// Takes `instance` back once its caller is done, unless it is poisoned (the plugin is
    /// then reset: its next caller gets a fresh instance) or enough are idle already.
    func give(_ instance: PluginInstance) {
        guard instance.poisonedBy == nil else { return }
        // An interrupt its last caller sent after the call ended must not stop the next one.
        instance.store.clearInterrupt()
        lock.withLock {
            if idle.count < maxIdle { idle.append(instance) }
        }
    }

    /// How many instances are idle.
    var idleCount: Int { lock.withLock { idle.count } }
}
