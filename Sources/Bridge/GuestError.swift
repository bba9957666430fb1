import Diagnostics
import JSON

/// An error a guest reported: a `Result::Err`, `throw_str`, or an invalid-argument throw.
public struct GuestError: HearthError {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E402"
    /// `HEARTH-E402`.
    public var code: String { Self.code }
    /// Always `.guestError`.
    public var kind: ErrorKind { .guestError }
    /// The function that failed.
    public var function: String
    /// The thrown value (an `Error`'s message, a string, or any JSON).
    public var value: JsValueContent

    /// The error's message or the thrown string; other values as JSON text.
    public var message: String {
        switch value {
        case .error(let message): message
        case .json(.string(let message)): message
        default: value.json.serialized()
        }
    }

    /// The function that failed, by its Rust name (a method's without its class).
    public var location: ErrorLocation { ErrorLocation(functionName: function) }
}
