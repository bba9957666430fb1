import Synchronization
import WasmBinary

/// Gives every distinct function type a process-wide id, so `call_indirect` and import
/// matching compare one integer instead of two type lists.
enum TypeRegistry {
    private struct Table {
        var ids: [FunctionType: UInt32] = [:]
        var types: [FunctionType] = []
    }
    private static let table = Mutex(Table())

    static func id(of type: FunctionType) -> UInt32 {
        table.withLock { table in
            if let id = table.ids[type] { return id }
            let id = UInt32(table.types.count)
            table.ids[type] = id
            table.types.append(type)
            return id
        }
    }

    static func type(of id: UInt32) -> FunctionType {
        table.withLock { $0.types[Int(id)] }
    }
}
