import HearthWASI
import WasmBinary
import WasmEngine

extension Module {
    /// Whether cargo and wasm-bindgen wrote this module: it carries wasm-bindgen's
    /// `__wasm_bindgen_unstable` custom section, so `Bindings(module:)` can read it.
    public var isBindgenModule: Bool {
        binary.customSections.contains { $0.name == ProgramSection.sectionName }
    }
}

extension Module {
    /// Whether the module imports WASI preview 1 functions (a Go reactor imports ten).
    var importsWASI: Bool { imports.contains { $0.module == WASI.moduleName } }
}

extension Bindings {
    /// Learns a raw wasm-bindgen module's bindings: reads its `__wasm_bindgen_unstable` section
    /// and runs every `__wbindgen_describe_*` export in a scratch instance, recording the words
    /// each reports through the `__wbindgen_describe` import.
    public init(module: Module) throws {
        guard let program = try ProgramSection(module: module.binary) else {
            throw BridgeError("not a wasm-bindgen module: no \(ProgramSection.sectionName) section")
        }
        do {
            self = try Self.discover(program: program, module: module)
        } catch let error as BridgeError {
            // Name the module and version: the error is otherwise hard to place.
            throw BridgeError("\(program.crate) (wasm-bindgen \(program.crateVersion), schema \(program.version.schema)): \(error.message)",
                              remedy: error.remedy)
        }
    }

    private static func discover(program: ProgramSection, module: Module) throws -> Bindings {
        let version = program.version
        let descriptors = try Self.runDescribeFunctions(module: module, version: version)

        func function(_ name: String, wasmName: String, arguments: [String]) throws -> BoundFunction {
            guard case .function(let signature)? = descriptors[wasmName] else {
                throw BridgeError("no function descriptor for \(wasmName) (\(name) in the section)")
            }
            guard arguments.count <= signature.arguments.count else {
                throw BridgeError("\(name): the section names \(arguments.count) parameters, its describe function \(signature.arguments.count)",
                                  remedy: "the custom section and the describe function \(describePrefix)\(wasmName) disagree")
            }
            return BoundFunction(name: name, wasmName: wasmName, argumentNames: arguments, signature: signature)
        }

        var functions: [BoundFunction] = []
        var classes: [String: BoundClass] = [:]
        var classOrder: [String] = []
        var start: String?
        func addClass(_ name: String) {
            if classes[name] == nil {
                classes[name] = BoundClass(name: name, constructor: nil, methods: [], fields: [])
                classOrder.append(name)
            }
        }
        for record in program.exports {
            let bound = try function(record.name, wasmName: record.wasmName, arguments: record.argumentNames)
            if record.isStart { start = record.wasmName }
            guard let className = record.className else {
                functions.append(bound)
                continue
            }
            addClass(className)
            switch record.kind {
            case .constructor:
                classes[className]!.constructor = bound
            case .regular(let isStatic), .getter(_, let isStatic), .setter(_, let isStatic), .indexing(let isStatic):
                let receiver: BoundClass.Receiver = isStatic ? .none : record.consumed ? .consumed : .borrowed
                classes[className]!.methods.append(BoundClass.Method(function: bound, receiver: receiver))
            }
        }
        for record in program.structs {
            addClass(record.name)
            for field in record.fields {
                let getter = "__wbg_get_\(record.name.lowercased())_\(field.name)"
                guard let type = descriptors[getter] else { throw BridgeError("no descriptor for field getter \(getter)") }
                classes[record.name]!.fields.append(BoundClass.Field(name: field.name, type: type, readonly: field.readonly))
            }
        }
        var imports: [BoundFunction] = []
        var intrinsics: [String: BoundFunction] = [:]
        let imported = Set(module.imports.map(\.name.description))
        for record in program.imports {
            // wasm-bindgen's own imports (0.2.105 on): only those the module still imports matter.
            let isIntrinsic = record.rawModule == "__wbindgen_placeholder__" || ProgramSection.isBindgen(record.crate)
            if isIntrinsic && !imported.contains(record.shim) { continue }
            var bound = try function(isIntrinsic ? record.what : record.name, wasmName: record.shim, arguments: record.argumentNames)
            bound.catches = record.catches
            if isIntrinsic { intrinsics[record.shim] = bound } else { imports.append(bound) }
        }
        return Bindings(version: version, crateVersion: program.crateVersion, functions: functions,
                  classes: classOrder.map { classes[$0]! }, enums: program.enums, imports: imports,
                  intrinsics: intrinsics, start: start)
    }

    static let describePrefix = "__wbindgen_describe_"

    /// Runs each describe export; returns the decoded descriptor by the name it describes.
    /// A module that imports WASI (a Go reactor) gets a WASI with no arguments, no directories
    /// and its output discarded (`WASI()`), and its `_initialize` runs first: Go's exports trap before it.
    static func runDescribeFunctions(module: Module, version: BindgenVersion) throws -> [String: Descriptor] {
        let store = Store(engine: module.engine)
        var words: [UInt32] = []
        var linker = Linker()
        if module.importsWASI {
            try WASI().define(in: &linker)
        }
        for entry in module.imports where entry.module != WASI.moduleName {
            switch entry.descriptor {
            case .function(let typeIndex):
                let type = module.binary.types[Int(typeIndex)]
                let isDescribe = entry.module == "__wbindgen_placeholder__" && entry.name == "__wbindgen_describe"
                linker.define(entry.module, entry.name, type: type) { _, arguments in
                    guard isDescribe, case .i32(let word) = arguments.first else {
                        throw BridgeError("a describe function called \(entry.module).\(entry.name)")
                    }
                    words.append(UInt32(bitPattern: word))
                    return []
                }
            case .memory(let type):
                linker.define(entry.module, entry.name, .memory(try Memory(store: store, type: type)))
            case .table(let type):
                linker.define(entry.module, entry.name, .table(try Table(store: store, type: type)))
            case .global(let type):
                linker.define(entry.module, entry.name, .global(Global(store: store, type: type, value: .zero(type.valueType))))
            case .tag(let typeIndex):
                linker.define(entry.module, entry.name, .tag(ExceptionTag(store: store, parameters: module.binary.types[Int(typeIndex)].parameters)))
            }
        }
        // The start function does not run here (a wasm-bindgen start may do anything), but a
        // reactor's `_initialize` must: Go's exports, describe ones included, trap before it.
        // It runs in this scratch instance, whose WASI sees nothing of the host.
        let instance = try linker.instantiate(module, in: store, runStart: false)
        try WASI.initialize(instance)
        var descriptors: [String: Descriptor] = [:]
        for (name, value) in instance.exports {
            let text = name.description
            guard text.hasPrefix(describePrefix), case .function(let function) = value else { continue }
            words.removeAll()
            do {
                _ = try function.call([])
                descriptors[String(text.dropFirst(describePrefix.count))] = try DescriptorDecoder.decode(words, version: version)
            } catch let error as BridgeError {
                // Name the describe function: a guest library's bug is otherwise hard to find.
                throw BridgeError("\(text): \(error.message)", remedy: error.remedy)
            }
        }
        return descriptors
    }
}
