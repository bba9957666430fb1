import CWasmEngine
import WasmBinary

/// An exception tag (spec 3.0): what a `throw` names and a `catch` matches. Two tags are the
/// same tag only if they are the same object — an imported tag is the exporter's.
public final class ExceptionTag: @unchecked Sendable {
    let handle: UnsafeMutablePointer<HTag>
    /// The store the tag lives in.
    public let store: Store
    /// The types of the values an exception of this tag carries.
    public let parameters: [ValueType]
    /// The name it was exported or imported under, for error messages.
    public internal(set) var name: String?

    init(handle: UnsafeMutablePointer<HTag>, store: Store, parameters: [ValueType], name: String? = nil) {
        self.handle = handle
        self.store = store
        self.parameters = parameters
        self.name = name
    }

    /// A new tag in `store` whose exceptions carry values of `parameters`, e.g. to provide as
    /// an import that guests throw and the host catches.
    public convenience init(store: Store, parameters: [ValueType], name: String? = nil) {
        let type = FunctionType(parameters: parameters, results: [])
        let handle = store.allocate(HTag(
            typeID: TypeRegistry.id(of: type),
            paramSlots: UInt32(parameters.reduce(0) { $0 + $1.slotCount })))
        self.init(handle: handle, store: store, parameters: parameters, name: name)
        store.register(self)
    }
}
