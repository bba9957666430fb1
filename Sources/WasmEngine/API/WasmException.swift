import CWasmEngine
import Diagnostics
import WasmBinary

/// A WebAssembly exception: thrown by a guest and not caught before it reached the host (a
/// call throws it), or thrown by a host function into the guest that called it. Its tag and
/// values; rethrowing one a guest threw passes on the same exception (`exnref`).
public struct WasmException: HearthError, @unchecked Sendable {
    /// Stable error code, listed in docs/errors.md.
    public static let code = "HEARTH-E220"
    /// `HEARTH-E220`.
    public var code: String { Self.code }
    /// `.trap`: an uncaught exception ends the guest's call as a trap does.
    public var kind: ErrorKind { .trap }
    /// The exception's tag.
    public let tag: ExceptionTag
    /// The values it carries, of the tag's parameter types.
    public let values: [Value]
    /// The exception as the guest threw it, when it came from a guest.
    let exception: UnsafeMutablePointer<HException>?

    /// An exception to throw from a host function into the guest that called it. `values`
    /// must match the tag's parameters.
    public init(tag: ExceptionTag, values: [Value]) {
        self.tag = tag
        self.values = values
        exception = nil
    }

    init(tag: ExceptionTag, exception: UnsafeMutablePointer<HException>) {
        self.tag = tag
        self.exception = exception
        var values: [Value] = []
        var slot = UnsafeMutableRawPointer(exception).advanced(by: MemoryLayout<HException>.size)
            .assumingMemoryBound(to: UInt64.self)
        for type in tag.parameters {
            values.append(Value.load(type, from: slot, store: tag.store))
            slot += type.slotCount
        }
        self.values = values
    }

    /// "uncaught exception of tag "env"."error" (42)".
    public var message: String {
        "uncaught exception of tag \(tag.name ?? "(unnamed)")" + (values.isEmpty ? "" : " (\(values.map(\.description).joined(separator: ", ")))")
    }

    /// The guest's exception for this one: the original, or a new one of its values (nil
    /// when the values do not fit the tag or the host is out of memory).
    func guestException(in context: UnsafeMutablePointer<HContext>) -> UnsafeMutablePointer<HException>? {
        if let exception { return exception }
        guard values.count == tag.parameters.count, zip(values, tag.parameters).allSatisfy({ $0.fits($1) }) else { return nil }
        var slots = [UInt64](repeating: 0, count: Int(tag.handle.pointee.paramSlots))
        var offset = 0
        slots.withUnsafeMutableBufferPointer { buffer in
            for value in values {
                value.store(to: buffer.baseAddress! + offset)
                offset += value.type.slotCount
            }
        }
        return slots.withUnsafeBufferPointer { hearth_exception_new(context, tag.handle, $0.baseAddress) }
    }
}
