import WasmBinary

/// Something an instance exports or an import is satisfied with.
public enum Extern: Sendable {
    case function(Function)
    case table(Table)
    case memory(Memory)
    case global(Global)
}
