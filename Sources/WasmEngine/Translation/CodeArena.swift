import Synchronization

/// The memory that holds a module's threaded code: chunks that live as long as the module,
/// each function's code bump-allocated in one. (A class instance and an allocation per
/// function cost 2.5 % of eager translation's instructions, and the module's release freed
/// them one by one.)
final class CodeArena: Sendable {
    private let chunks = Mutex<[Chunk]>([])

    /// Only the arena frees a chunk, and only when no function can run its code any more.
    private struct Chunk: @unchecked Sendable {
        let words: UnsafeMutablePointer<UInt64>
    }

    /// A new chunk of `words` code words, freed with the arena.
    func newChunk(words: Int) -> UnsafeMutablePointer<UInt64> {
        let chunk = Chunk(words: .allocate(capacity: words))
        chunks.withLock { $0.append(chunk) }
        return chunk.words
    }

    deinit {
        chunks.withLock { chunks in
            for chunk in chunks { chunk.words.deallocate() }
        }
    }
}

/// Hands out code memory from an arena's chunks, one for each thread that translates: no
/// lock but when a chunk runs out. Chunks start small, so a module that translates only a
/// function or two stays small, and double up to `largestChunk`.
struct CodeAllocator {
    private static let firstChunk = 64
    private static let largestChunk = 32 * 1024

    let arena: CodeArena
    private var next: UnsafeMutablePointer<UInt64>?
    private var remaining = 0
    private var chunkWords = firstChunk

    init(arena: CodeArena) {
        self.arena = arena
    }

    /// Room for `words` code words.
    mutating func allocate(words: Int) -> UnsafeMutablePointer<UInt64> {
        if words > remaining || next == nil {
            let size = max(words, chunkWords)
            next = arena.newChunk(words: size)
            remaining = size
            chunkWords = min(chunkWords * 2, Self.largestChunk)
        }
        let start = next!
        next = start + words
        remaining -= words
        return start
    }
}
