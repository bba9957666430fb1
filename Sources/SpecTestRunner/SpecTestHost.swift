import Hearth

/// The `spectest` module the scripts import (see ../shared/spectest/README.md).
enum SpecTestHost {
    static func exports(store: Store) throws -> [String: Extern] {
        func printer(_ parameters: [ValueType]) -> Extern {
            .function(Function(store: store, type: FunctionType(parameters: parameters, results: [])) { _, _ in [] })
        }
        func global(_ type: ValueType, _ value: Value) -> Extern {
            .global(Global(store: store, type: GlobalType(valueType: type, isMutable: false), value: value))
        }
        return [
            "print": printer([]),
            "print_i32": printer([.i32]),
            "print_i64": printer([.i64]),
            "print_f32": printer([.f32]),
            "print_f64": printer([.f64]),
            "print_i32_f32": printer([.i32, .f32]),
            "print_f64_f64": printer([.f64, .f64]),
            "global_i32": global(.i32, .i32(666)),
            "global_i64": global(.i64, .i64(666)),
            "global_f32": global(.f32, .f32(666.6)),
            "global_f64": global(.f64, .f64(666.6)),
            "table": .table(try Table(store: store, type: TableType(elementType: .funcref, limits: Limits(min: 10, max: 20)))),
            "memory": .memory(try Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: 2)))),
        ]
    }
}
