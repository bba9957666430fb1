import Diagnostics

/// A plugin manifest that does not say what Hearth needs: the JSON path of the problem and
/// what was expected there.
public struct ManifestError: HearthError {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E601"
    /// `HEARTH-E601`.
    public var code: String { Self.code }
    /// Always `.invalidManifest`.
    public var kind: ErrorKind { .invalidManifest }
    /// Where in the manifest, as a JSON path (`$.limits.fuel`).
    public var path: String
    /// What was expected there.
    public var expected: String

    /// "$.limits.fuel: expected a whole number of instructions, found "lots"".
    public var message: String { "\(path): \(expected)" }

    init(_ path: String, _ expected: String) {
        self.path = path
        self.expected = expected
    }
}
