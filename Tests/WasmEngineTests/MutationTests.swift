import Foundation
import WasmEngine
import Testing
import WasmBinary
import TestSupport

/// Decodes and validates thousands of randomly damaged copies of the spec suite's modules:
/// each must end in a module or a typed error, never a crash.
@Suite struct MutationTests {
    static let specModules: [URL] = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/spectest/wasm2")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "wasm" } ?? []
        return files.sorted { $0.path < $1.path }
    }()

    /// Overwrites, flips, deletes or truncates one to four bytes.
    static func mutate(_ bytes: [UInt8], using random: inout SplitMix) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !bytes.isEmpty else { break }
            let index = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            case 2: bytes.remove(at: index)
            default: bytes.removeSubrange(index...)
            }
        }
        return bytes
    }

    @Test func mutatedModulesEndInAModuleOrATypedError() throws {
        #expect(Self.specModules.count > 1000)
        var random = SplitMix(seed: 2026)
        var outcomes = (valid: 0, malformed: 0, invalid: 0)
        // Every 2nd module, 3 mutants each: about 4,000 modules per run.
        for (index, url) in Self.specModules.enumerated() where index % 2 == 0 {
            let original = [UInt8](try Data(contentsOf: url))
            for _ in 0..<3 {
                do {
                    _ = try Module(bytes: Self.mutate(original, using: &random))
                    outcomes.valid += 1
                } catch is WasmBinaryError {
                    outcomes.malformed += 1
                } catch is InvalidModuleError {
                    outcomes.invalid += 1
                } catch {
                    Issue.record("untyped error \(error) for a mutant of \(url.lastPathComponent)")
                }
            }
        }
        #expect(outcomes.malformed > 0 && outcomes.invalid > 0)
    }

    /// The translator decodes function bodies itself: damage inside one body, with every
    /// section still intact, must end in a module, a `WasmBinaryError` (bytes that do not
    /// decode) or an `InvalidModuleError`, either naming the function and a byte offset inside
    /// its body.
    @Test func mutatedFunctionBodiesEndInAModuleOrAnErrorInThatBody() throws {
        var random = SplitMix(seed: 2027)
        var (malformed, invalid) = (0, 0)
        for (index, url) in Self.specModules.enumerated() where index % 2 == 1 {
            let original = [UInt8](try Data(contentsOf: url))
            // Valid modules only: the suite also holds invalid ones, whose error is elsewhere.
            guard let binary = try? ModuleParser.parse(original), !binary.codes.isEmpty,
                  (try? Module(binary: binary)) != nil else { continue }
            for _ in 0..<3 {
                let function = Int.random(in: 0..<binary.codes.count, using: &random)
                let body = binary.codes[function].body
                var bytes = original
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    bytes[Int.random(in: body, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
                // Only the damaged function can be wrong (the others validated before).
                let functionIndex = UInt32(binary.importedFunctionTypes.count + function)
                do {
                    _ = try Module(bytes: bytes)
                } catch let error as WasmBinaryError {
                    malformed += 1
                    #expect(error.functionIndex == functionIndex, "\(error) in a mutant of \(url.lastPathComponent)")
                    #expect(body.contains(error.offset) || error.offset == body.upperBound, "\(error)")
                } catch let error as InvalidModuleError {
                    invalid += 1
                    #expect(error.functionIndex == functionIndex, "\(error) in a mutant of \(url.lastPathComponent)")
                    #expect(error.offset.map { body.contains($0) || $0 == body.upperBound } ?? false, "\(error)")
                } catch {
                    Issue.record("\(error) for a body mutant of \(url.lastPathComponent)")
                }
            }
        }
        #expect(malformed > 100 && invalid > 100, "\(malformed) malformed, \(invalid) invalid")
    }

    @Test func randomBytesAreRejectedWithAnOffset() {
        var random = SplitMix(seed: 7)
        for length in 0..<500 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            do {
                _ = try Module(bytes: bytes)
            } catch let error as WasmBinaryError {
                #expect(error.offset >= 0 && error.offset <= length)
            } catch {
                #expect(error is InvalidModuleError, "untyped error \(error)")
            }
        }
    }
}
