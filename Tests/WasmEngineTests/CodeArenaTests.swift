import WasmBinary
import Testing
@testable import WasmEngine

@Suite struct CodeArenaTests {
    /// Requests that fit a chunk, fill it exactly, straddle its end, or exceed any chunk: each
    /// gets memory of its own, which later allocations leave untouched.
    @Test func allocationsNeverOverlap() {
        var allocator = CodeAllocator(arena: CodeArena())
        let sizes = [1, 63, 64, 100, 5_000, 3, 40_000, 1, 127, 128, 70_000, 2]
        var regions: [(start: UnsafeMutablePointer<UInt64>, count: Int, tag: UInt64)] = []
        for (tag, size) in sizes.enumerated() {
            let start = allocator.allocate(words: size)
            start.initialize(repeating: UInt64(tag) &* 0x9E37_79B9_7F4A_7C15, count: size)
            regions.append((start, size, UInt64(tag) &* 0x9E37_79B9_7F4A_7C15))
        }
        for region in regions {
            #expect(UnsafeBufferPointer(start: region.start, count: region.count).allSatisfy { $0 == region.tag })
        }
    }

    /// Functions of one module translated on first call from several threads at once, each
    /// in a store of its own, all get their own code.
    @Test func lazyTranslationFromSeveralThreads() async throws {
        let count = 400
        let module = try Module(bytes: EagerTranslationTests.module(count: count), engine: Engine(configuration: .init(translation: .lazy)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for thread in 0..<4 {
                group.addTask {
                    let instance = try Instance(module: module, store: Store(engine: module.engine))
                    for k in stride(from: thread, to: count, by: 2) {
                        #expect(try Self.call(instance, "f\(k)") == Int32(k))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// The i32 the export `name` returns, nil if it returns anything else.
    static func call(_ instance: Instance, _ name: String) throws -> Int32? {
        guard case .i32(let value) = try instance.function(named: Name(name))?.call([]).first else { return nil }
        return value
    }
}
