import WasmBinary
import WasmEngine
import Testing

/// Eager translation of a module with enough functions to be shared out between threads.
@Suite struct EagerTranslationTests {
    /// `count` functions of type () -> i32, function k returning k, except that the functions
    /// in `invalid` return an i64 instead; function k is exported as "f<k>".
    static func module(count: Int, invalid: Set<Int> = []) -> [UInt8] {
        func leb(_ value: Int) -> [UInt8] {
            var value = value, out: [UInt8] = []
            repeat {
                let byte = UInt8(value & 0x7F)
                value >>= 7
                out.append(value == 0 ? byte : byte | 0x80)
            } while value != 0
            return out
        }
        func signedLEB(_ value: Int) -> [UInt8] {
            var value = value, out: [UInt8] = []
            while true {
                let byte = UInt8(value & 0x7F)
                value >>= 7
                if (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0) { return out + [byte] }
                out.append(byte | 0x80)
            }
        }
        func section(_ id: UInt8, _ contents: [UInt8]) -> [UInt8] { [id] + leb(contents.count) + contents }
        var exports = leb(count), code = leb(count)
        for k in 0..<count {
            let name = Array("f\(k)".utf8)
            exports += leb(name.count) + name + [0x00] + leb(k)
            let body: [UInt8] = [0x00] + (invalid.contains(k) ? [0x42, 0x00] : [0x41] + signedLEB(k)) + [0x0B]
            code += leb(body.count) + body
        }
        return [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
            + section(1, [0x01, 0x60, 0x00, 0x01, 0x7F])
            + section(3, leb(count) + Array(repeating: 0x00, count: count))
            + section(7, exports)
            + section(10, code)
    }

    /// Every function, translated on two threads into the module's code arena, runs its own
    /// code.
    @Test func everyFunctionIsTranslated() throws {
        let module = try Module(bytes: Self.module(count: 2_000))
        let instance = try Instance(module: module, store: Store())
        for k in 0..<2_000 {
            guard case .i32(let value) = try instance.function(named: Name("f\(k)"))!.call([]).first else {
                Issue.record("f\(k) returned nothing"); continue
            }
            #expect(value == Int32(k))
        }
    }

    /// Whichever thread meets an invalid function first, the error is the lowest-numbered one,
    /// as a sequential pass would report.
    @Test func theLowestInvalidFunctionIsReported() {
        for invalid: Set<Int> in [[1_999], [300, 1_700], [70, 71, 1_000], [0, 1_999]] {
            do {
                _ = try Module(bytes: Self.module(count: 2_000, invalid: invalid))
                Issue.record("a module with invalid functions \(invalid) was accepted")
            } catch let error as InvalidModuleError {
                #expect(error.functionIndex == UInt32(invalid.min()!))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
