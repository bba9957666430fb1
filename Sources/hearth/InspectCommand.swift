import ArgumentParser
import Foundation
import Hearth

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a module's sections, imports, exports, memories and tables.",
        discussion: "The module is decoded and validated first; an invalid module is reported as an error."
    )

    @Argument(help: "The .wasm module.")
    var file: String

    @Flag(help: "Print machine-readable JSON instead of text.")
    var json = false

    @Flag(help: "Print the threaded code of every defined function (for engine work).")
    var code = false

    func run() throws {
        do {
            let bytes = try readModuleBytes(file)
            let module = try Module(bytes: bytes)
            var report = ModuleReport(module: module, size: bytes.count)
            if module.isBindgenModule {
                report.bindings = try Bindings(module: module).description.split(separator: "\n").map(String.init)
            }
            if code {
                let first = UInt32(module.binary.importedFunctionTypes.count)
                for index in 0..<UInt32(module.binary.functions.count) {
                    print(try module.disassemble(functionIndex: first + index))
                }
            } else if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(report.text)
            }
        } catch {
            throw report(error)
        }
    }
}

/// What `hearth inspect` shows, as text or JSON.
struct ModuleReport: Encodable {
    struct Entry: Encodable {
        var module: String?
        var name: String
        var kind: String
        var type: String
    }
    var size: Int
    var types: Int
    var functions: Int
    var imports: [Entry]
    var exports: [Entry]
    var memories: [String]
    var tables: [String]
    var globals: Int
    var dataSegments: Int
    var elementSegments: Int
    var start: UInt32?
    var customSections: [String]
    /// What the bridge learned from a wasm-bindgen module, one line each.
    var bindings: [String]?

    init(module: Module, size: Int) {
        let binary = module.binary
        self.size = size
        types = binary.types.count
        functions = binary.functions.count
        imports = binary.imports.map {
            Entry(module: $0.module.description, name: $0.name.description,
                  kind: Self.kind($0.descriptor), type: Self.describe($0.descriptor, binary))
        }
        exports = module.exports.map {
            Entry(module: nil, name: $0.name.description, kind: Self.kind($0.type), type: Self.describe($0.type, binary))
        }
        memories = binary.memories.map { "pages \($0.limits)" }
        tables = binary.tables.map { "\($0.elementType) \($0.limits)" }
        globals = binary.globals.count
        dataSegments = binary.data.count
        elementSegments = binary.elements.count
        start = binary.start
        customSections = binary.customSections.map(\.name)
    }

    static func kind(_ type: ExternalType) -> String {
        switch type {
        case .function: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .tag: "tag"
        }
    }

    static func describe(_ type: ExternalType, _ binary: BinaryModule) -> String {
        switch type {
        case .function(let index): "\(binary.types[Int(index)])"
        case .table(let table): "\(table.elementType) \(table.limits)"
        case .memory(let memory): "pages \(memory.limits)"
        case .global(let global): (global.isMutable ? "mut " : "") + "\(global.valueType)"
        case .tag(let index): "\(binary.types[Int(index)])"
        }
    }

    var text: String {
        var lines = ["size: \(size) bytes", "types: \(types)", "functions: \(functions) defined"]
        lines.append("imports: \(imports.count)")
        lines += imports.map { "  \($0.kind) \($0.module ?? "").\($0.name): \($0.type)" }
        lines.append("exports: \(exports.count)")
        lines += exports.map { "  \($0.kind) \($0.name): \($0.type)" }
        lines.append("memories: " + (memories.isEmpty ? "none" : memories.joined(separator: ", ")))
        lines.append("tables: " + (tables.isEmpty ? "none" : tables.joined(separator: ", ")))
        lines.append("globals: \(globals)")
        lines.append("data segments: \(dataSegments), element segments: \(elementSegments)")
        if let start { lines.append("start: function \(start)") }
        if !customSections.isEmpty { lines.append("custom sections: " + customSections.joined(separator: ", ")) }
        if let bindings { lines += ["bindings:"] + bindings.map { "  " + $0 } }
        return lines.joined(separator: "\n")
    }
}
