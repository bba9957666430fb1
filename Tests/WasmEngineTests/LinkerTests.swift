import WasmBinary
import WasmEngine
import Testing

/// The embedding vocabulary: an `Engine` configures, a `Linker` defines imports by name and
/// instantiates, a `Store` owns what instances make.
@Suite struct LinkerTests {
    /// Everything linking.wat imports, with typed host functions that return recognisable
    /// values; `memory`, `table` and `base` are made in `store`.
    static func linker(store: Store) throws -> Linker {
        var linker = Linker()
        linker.define("env", "none") { (_: Caller) in }
        linker.define("env", "i32") { (_: Caller, value: Int32) in value &+ 1 }
        linker.define("env", "i64") { (_: Caller, a: Int64, b: Int64) in a &* 1000 &+ b }
        linker.define("env", "f32") { (_: Caller, a: Float, b: Float, c: Float) in a * 100 + b * 10 + c }
        linker.define("env", "f64") { (_: Caller, value: Double) in -value }
        linker.define("env", "eight") {
            (_: Caller, a: Int32, b: Int64, c: Float, d: Double, e: Int32, f: Int64, g: Float, h: Double) -> Double in
            let integers: Double = Double(a) + Double(b) * 2 + Double(e) * 16 + Double(f) * 32
            let floats: Double = Double(c) * 4 + d * 8 + Double(g) + h
            return integers + floats
        }
        linker.define("env", "log") { (_: Caller, _: Int32, _: Int32) in }
        linker.define("env", "callback") { (_: Caller, value: Int32) in value }
        linker.define("env", "memory", .memory(try Memory(store: store, type: MemoryType(limits: Limits(min: 1)))))
        linker.define("env", "table", .table(try Table(store: store, type: TableType(elementType: .funcref, limits: Limits(min: 2)))))
        linker.define("env", "base", .global(Global(store: store, type: GlobalType(valueType: .i32, isMutable: false), value: .i32(42))))
        return linker
    }

    @Test func theDefaultEngineTranslatesEagerlyAndALazyEngineOnFirstCall() throws {
        let bytes = LazyTranslationTests().bytes  // "bad" is invalid
        #expect(Engine.default.configuration.translation == .eager)
        #expect(throws: InvalidModuleError.self) { try Module(bytes: bytes) }
        #expect(throws: InvalidModuleError.self) { try Module(bytes: bytes, engine: Engine(configuration: .init(translation: .eager))) }
        let lazy = Engine(configuration: .init(translation: .lazy))
        let module = try Module(bytes: bytes, engine: lazy)
        #expect(module.engine === lazy)
        let instance = try Instance(module: module, store: Store(engine: lazy))
        #expect(try instance.function(named: "good")!.typed(returning: Int32.self)() == 1)
        #expect(throws: InvalidModuleError.self) { try instance.function(named: "bad")!.call([]) }
    }

    @Test func theStoreTakesItsStackFromItsEngine() throws {
        let small = Engine(configuration: .init(stackSlots: 64, maxCallDepth: 3))
        let store = Store(engine: small)
        #expect(store.engine === small)
        var linker = try Self.linker(store: store)
        // callback -> call_callback recursion: each level is a wasm call and a host call.
        linker.define("env", "callback") { (caller: Caller, value: Int32) in
            try caller.instance!.function(named: "call_callback")!.typed(Int32.self, returning: Int32.self)(value)
        }
        let instance = try linker.instantiate(try Fixtures.module("linking"), in: store)
        do {
            _ = try instance.function(named: "call_callback")!.call([.i32(1)])
            Issue.record("expected the call depth limit of 3 to stop the recursion")
        } catch let trap as Trap {
            #expect(trap.reason == .callStackExhausted)
        }
    }

    /// Settings a store cannot work with are brought into range, not trusted: a call that
    /// does not fit the resulting one-slot stack traps.
    @Test func settingsOutOfRangeAreClamped() throws {
        let store = Store(engine: Engine(configuration: .init(stackSlots: 0, maxCallDepth: -5)))
        let instance = try Instance(module: try Fixtures.module("traps"), store: store)
        let trap = try #require(throws: Trap.self) { try instance.function(named: "divide")!.call([.i32(6), .i32(3)]) }
        #expect(trap.reason == .callStackExhausted)
    }

    @Test func aLinkerDefinesFunctionsMemoriesTablesAndGlobals() throws {
        let store = Store()
        let linker = try Self.linker(store: store)
        let instance = try linker.instantiate(try Fixtures.module("linking"), in: store)
        #expect(try instance.function(named: "call_i32")!.typed(Int32.self, returning: Int32.self)(41) == 42)
        // The memory, table and global are the ones defined, not copies.
        let memory = instance.memory(named: "memory")!
        try memory.write([7, 0, 0, 0], at: 100)
        #expect(try instance.function(named: "load")!.typed(Int32.self, returning: Int32.self)(100) == 7)
        #expect(try instance.function(named: "base")!.typed(returning: Int32.self)() == 42)
        #expect(try instance.function(named: "grow_table")!.typed(returning: Int32.self)() == 2)
        guard case .table(let table) = try Self.defined(linker, "table", store: store) else { Issue.record("no table"); return }
        #expect(table.count == 5)
    }

    /// What `linker` defines as env.`name`, through the import list of a module that needs it.
    static func defined(_ linker: Linker, _ name: Name, store: Store) throws -> Extern {
        let module = try Fixtures.module("linking")
        let index = module.imports.firstIndex { $0.name == name }!
        return try linker.imports(for: module, in: store)[index]
    }

    @Test func aLinkerDefinesWholeInstances() throws {
        let store = Store()
        var linker = try Self.linker(store: store)
        let library = try linker.instantiate(try Fixtures.module("linking"), in: store)
        linker.define("lib", instance: library)
        let importer = try linker.instantiate(try Fixtures.module("importer"), in: store)
        try library.memory(named: "memory")!.write([21, 0, 0, 0], at: 8)
        #expect(try importer.function(named: "double_at")!.typed(Int32.self, returning: Int32.self)(8) == 42)
    }

    @Test func aMissingImportNamesTheImportItsTypeAndWhatIsDefined() throws {
        let store = Store()
        var linker = Linker()
        linker.define("env", "none") { (_: Caller) in }
        do {
            _ = try linker.instantiate(try Fixtures.module("linking"), in: store)
            Issue.record("expected a link error")
        } catch let error as LinkError {
            #expect(error.message.contains("unknown import \"env\".\"i32\" (func (i32) -> (i32))"))
            #expect(error.message.contains("\"env\" defines \"none\""))
        }
        do {
            _ = try Linker().instantiate(try Fixtures.module("importer"), in: store)
            Issue.record("expected a link error")
        } catch let error as LinkError {
            #expect(error.message.contains("unknown import \"lib\".\"double\""))
            #expect(error.message.contains("nothing is defined under \"lib\""))
        }
    }

    @Test func aSignatureMismatchNamesBothSides() throws {
        let store = Store()
        var linker = try Self.linker(store: store)
        linker.define("env", "i32") { (_: Caller, value: Int64) in value }
        do {
            _ = try linker.instantiate(try Fixtures.module("linking"), in: store)
            Issue.record("expected a link error")
        } catch let error as LinkError {
            #expect(error.message == "incompatible import type for \"env\".\"i32\": the module expects "
                + "func (i32) -> (i32), the import given is func (i64) -> (i64)")
        }
        linker = try Self.linker(store: store)
        linker.define("env", "memory", .global(Global(store: store, type: GlobalType(valueType: .f64, isMutable: true), value: .f64(0))))
        do {
            _ = try linker.instantiate(try Fixtures.module("linking"), in: store)
            Issue.record("expected a link error")
        } catch let error as LinkError {
            #expect(error.message.contains("the module expects memory 1.., the import given is global mut f64"))
        }
    }

    @Test func externsOfAnotherStoreAreRefused() throws {
        let linker = try Self.linker(store: Store())
        #expect(throws: LinkError.self) { try linker.instantiate(try Fixtures.module("linking"), in: Store()) }
    }
}
