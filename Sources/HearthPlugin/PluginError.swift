import Diagnostics

/// A plugin whose modules cannot be put together, or a call a plugin instance cannot make:
/// each names the module (the manifest's key) and what is wrong with it.
public struct PluginError: HearthError {
    /// What sort of problem; each has its own code (docs/errors.md).
    public enum Reason: String, Sendable {
        /// An import nothing provides, or one whose provider has another type (HEARTH-E602).
        case unsatisfiedImport = "HEARTH-E602"
        /// Modules that import from each other in a circle (HEARTH-E603).
        case dependencyCycle = "HEARTH-E603"
        /// A module's bytes whose SHA-256 is not the manifest's (HEARTH-E604).
        case hashMismatch = "HEARTH-E604"
        /// A module file that cannot be read (HEARTH-E605).
        case unreadableModule = "HEARTH-E605"
        /// A call naming no export of the plugin, or with arguments that do not fit (HEARTH-E606).
        case badCall = "HEARTH-E606"
        /// A call on an instance an earlier call left unusable (HEARTH-E607).
        case poisoned = "HEARTH-E607"
    }

    /// What sort of problem.
    public var reason: Reason
    /// `HEARTH-E602` … `HEARTH-E607`, by `reason`.
    public var code: String { reason.rawValue }
    /// `.link` for the plugin's modules not fitting together (the CLI exits 67),
    /// `.unreadableFile` for a module file, `.badCall` for a call.
    public var kind: ErrorKind {
        switch reason {
        case .unsatisfiedImport, .dependencyCycle, .hashMismatch: .link
        case .unreadableModule: .unreadableFile
        case .badCall, .poisoned: .badCall
        }
    }
    /// What is wrong, naming the module.
    public var message: String
    /// What to do about it, when there is something to say.
    public var remedy: String?

    init(_ reason: Reason, _ message: String, remedy: String? = nil) {
        self.reason = reason
        self.message = message
        self.remedy = remedy
    }
}
