import ArgumentParser
import Hearth

/// `hearth differential`: the Hearth side of Tests/differential (hidden from help). Loads a
/// module without imports, instantiates it, makes the calls given on standard input on that
/// instance (or a new one when asked), and prints what happened as JSON lines, for a script to
/// compare with another engine's run of the same calls.
struct DifferentialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "differential",
        abstract: "Make calls on an instance and print results, traps and final state as JSON lines.",
        discussion: """
            Standard input: one call per line, a JSON array of the export's index (its place \
            among the module's exports, from 0) and one argument per parameter: a number's bit pattern in hex ("0x3f800000" for f32 1.0), \
            "null" for a reference; or "instantiate", which prints the instance's final state and \
            replaces it with a new one (in a new store), both on one line. Output: {"load": "ok"} or {"load": "unsupported"|"invalid", \
            "error": ...}; {"instantiate": "ok"} or {"instantiate": "trap"|"error", "error": ...}; \
            per call {"results": [...]} or {"trap": ...} (an exception nothing caught is a trap \
            too); last {"memories": {index: "PAGES:SHA256"}, "globals": {index: value}, \
            "tables": {index: size}}, keyed by export index (json-c cuts object keys at a NUL, \
            which export names may hold). A value is "TYPE:0xBITS", "v128:0xHIGHLOW", or a \
            reference's type and "null" or "nonnull".
            """,
        shouldDisplay: false
    )

    @Argument(help: "The .wasm module.")
    var file: String

    @Flag(help: "Compile with limit checks (an interruptible engine) and run with no limit set, so that the checked forms of the code run.")
    var checked = false

    func run() throws {
        let module: Module
        do {
            let engine = checked ? Engine(configuration: .init(interruptible: true)) : .default
            module = try Module(bytes: try readModuleBytes(file), engine: engine)
        } catch let error as any HearthError where error.kind != .unreadableFile {
            emit(["load": error.kind == .unsupportedFeature ? "unsupported" : "invalid", "error": .string("\(error)")])
            return
        }
        emit(["load": "ok"])
        var (instance, line) = instantiate(module)
        emit(.object(line))
        while let text = readLine(), let current = instance {
            let request = try JSON.parse(text)
            if request.stringValue == "instantiate" {
                var line = try state(of: current)
                let (fresh, outcome) = instantiate(module)
                for (key, value) in outcome { line[key] = value }
                instance = fresh
                emit(.object(line))
            } else {
                emit(call(request, on: current))
            }
        }
        if let instance { emit(.object(try state(of: instance))) }
    }

    /// The instance's exported memories (pages and SHA-256), globals and table sizes, keyed by
    /// export index.
    private func state(of instance: Instance) throws -> JSONObject {
        var memories = JSONObject(), globals = JSONObject(), tables = JSONObject()
        for (index, (name, type)) in instance.module.exports.enumerated() {
            let key = String(index)
            switch type {
            case .memory:
                let memory = instance.memory(named: name)!
                let bytes = try memory.read(at: 0, count: memory.byteCount)
                memories[key] = .string("\(memory.pageCount):\(SHA256.hexDigest(bytes))")
            case .global: globals[key] = .string(Self.encode(instance.global(named: name)!.value))
            case .table: tables[key] = JSON(instance.table(named: name)!.count)
            default: break
            }
        }
        return ["memories": .object(memories), "globals": .object(globals), "tables": .object(tables)]
    }

    /// A new instance of `module` in a new store (nil when instantiation failed), and what
    /// became of it: {"instantiate": "ok"}, or "trap" or "error" and the error.
    private func instantiate(_ module: Module) -> (Instance?, JSONObject) {
        do {
            return (try Instance(module: module, store: Store(engine: module.engine)), ["instantiate": "ok"])
        } catch {
            return (nil, ["instantiate": (error as? any HearthError)?.kind == .trap ? "trap" : "error", "error": .string("\(error)")])
        }
    }

    /// Makes one call, `[export index, argument...]`.
    private func call(_ request: JSON, on instance: Instance) -> JSON {
        let exports = instance.module.exports
        guard let items = request.arrayValue, let index = items.first?.integer(as: Int.self), exports.indices.contains(index),
              let function = instance.function(named: exports[index].name) else {
            return ["error": .string("bad call \(request)")]
        }
        let parameters = function.type.parameters
        guard items.count - 1 == parameters.count else { return ["error": "wrong number of arguments"] }
        var arguments: [Value] = []
        for (item, type) in zip(items.dropFirst(), parameters) {
            guard let text = item.stringValue, let value = Self.decode(text, as: type) else {
                return ["error": .string("bad argument \(item) for \(type)")]
            }
            arguments.append(value)
        }
        do {
            return ["results": .array(try function.call(arguments).map { .string(Self.encode($0)) })]
        } catch {
            return ["trap": .string("\(error)")]
        }
    }

    /// A value of `type` from its bit pattern in hex, or a null reference from "null".
    static func decode(_ text: String, as type: ValueType) -> Value? {
        if case .ref(let reference) = type { return text == "null" && reference.isNullable ? .zero(type) : nil }
        guard text.hasPrefix("0x") else { return nil }
        let digits = text.dropFirst(2)
        switch type {
        case .i32: return UInt32(digits, radix: 16).map { .i32(Int32(bitPattern: $0)) }
        case .i64: return UInt64(digits, radix: 16).map { .i64(Int64(bitPattern: $0)) }
        case .f32: return UInt32(digits, radix: 16).map { .f32(Float(bitPattern: $0)) }
        case .f64: return UInt64(digits, radix: 16).map { .f64(Double(bitPattern: $0)) }
        case .v128:
            guard digits.count == 32, let high = UInt64(digits.prefix(16), radix: 16),
                  let low = UInt64(digits.suffix(16), radix: 16) else { return nil }
            return .v128(low: low, high: high)
        case .ref: return nil
        }
    }

    /// "TYPE:0xBITS" for a number, "v128:0x" and 32 digits, "funcref:null" or "funcref:nonnull".
    static func encode(_ value: Value) -> String {
        func hex<T: FixedWidthInteger>(_ bits: T) -> String { "0x" + String(bits, radix: 16) }
        switch value {
        case .i32(let v): return "i32:" + hex(UInt32(bitPattern: v))
        case .i64(let v): return "i64:" + hex(UInt64(bitPattern: v))
        case .f32(let v): return "f32:" + hex(v.bitPattern)
        case .f64(let v): return "f64:" + hex(v.bitPattern)
        case .v128(let low, let high):
            let padded = { (half: UInt64) in String(repeating: "0", count: 16 - String(half, radix: 16).count) + String(half, radix: 16) }
            return "v128:0x" + padded(high) + padded(low)
        case .funcref(let f): return "funcref:" + (f == nil ? "null" : "nonnull")
        case .externref(let e): return "externref:" + (e == nil ? "null" : "nonnull")
        case .exnref(let e): return "exnref:" + (e == nil ? "null" : "nonnull")
        }
    }

    private func emit(_ line: JSON) { print(line.serialized()) }
}
