#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One function's threaded code, in its module's `CodeArena` (so valid while the module
/// lives), and the shape of its frame.
struct CompiledFunction: @unchecked Sendable {
    let code: UnsafePointer<UInt64>
    /// Code length in words.
    let count: Int
    let localSlots: UInt32
    let frameSlots: UInt32
    /// The catch clauses of its `try_table`s, innermost first (nil when it has none), in the
    /// same arena as the code.
    let catches: UnsafeBufferPointer<CatchEntry>?
}

extension CompiledFunction {
    /// Copies `result`'s code and catch table into memory from `allocator`.
    init(_ result: FunctionTranslator.Result, allocator: inout CodeAllocator) {
        let code = allocator.allocate(words: result.code.count)
        code.initialize(from: result.code.buffer.baseAddress!, count: result.code.count)
        var catches: UnsafeBufferPointer<CatchEntry>?
        if !result.catches.isEmpty {
            let bytes = result.catches.count * MemoryLayout<CatchEntry>.stride
            let memory = UnsafeMutableRawPointer(allocator.allocate(words: (bytes + 7) / 8))
            let entries = memory.bindMemory(to: CatchEntry.self, capacity: result.catches.count)
            entries.initialize(from: result.catches, count: result.catches.count)
            catches = UnsafeBufferPointer(start: entries, count: result.catches.count)
        }
        self.init(code: UnsafePointer(code), count: result.code.count,
                  localSlots: result.localSlots, frameSlots: result.frameSlots, catches: catches)
    }
}

/// Each defined function's translation, once made. The entries start out as zeroed memory
/// from the system, so a module of tens of thousands of functions translated on first call
/// costs nothing for those that never run (an array of optionals was written in full).
/// The owner frees it with `deallocate()`.
struct TranslationTable {
    /// All zero when not translated: a nil `code`.
    private struct Entry {
        var code: UnsafePointer<UInt64>?
        var count: Int
        var localSlots: UInt32
        var frameSlots: UInt32
        var catches: UnsafePointer<CatchEntry>?
        var catchCount: Int
    }

    private let entries: UnsafeMutablePointer<Entry>
    let count: Int
    /// How many functions have a translation. At zero (a lazy module not run yet) an
    /// instance need not read the entries: reading them would map every page of the table.
    private(set) var recordedCount = 0

    init(count: Int) {
        guard let memory = calloc(max(count, 1), MemoryLayout<Entry>.stride) else {
            fatalError("out of memory for the translation table of \(count) functions")
        }
        entries = memory.bindMemory(to: Entry.self, capacity: max(count, 1))
        self.count = count
    }

    /// The translation of defined function `index`, nil until one is recorded.
    subscript(index: Int) -> CompiledFunction? {
        precondition(index >= 0 && index < count, "function index out of range")
        let entry = entries[index]
        guard let code = entry.code else { return nil }
        return CompiledFunction(
            code: code, count: entry.count, localSlots: entry.localSlots, frameSlots: entry.frameSlots,
            catches: entry.catches.map { UnsafeBufferPointer(start: $0, count: entry.catchCount) })
    }

    mutating func record(_ function: CompiledFunction, at index: Int) {
        precondition(index >= 0 && index < count, "function index out of range")
        if entries[index].code == nil { recordedCount += 1 }
        entries[index] = Entry(code: function.code, count: function.count,
                               localSlots: function.localSlots, frameSlots: function.frameSlots,
                               catches: function.catches?.baseAddress, catchCount: function.catches?.count ?? 0)
    }

    func deallocate() {
        free(entries)
    }
}
