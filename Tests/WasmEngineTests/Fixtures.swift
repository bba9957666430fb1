import Foundation
import WasmBinary
import WasmEngine

enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func module(_ name: String) throws -> Module {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(name).wasm"))
        return try Module(bytes: [UInt8](data))
    }
}
