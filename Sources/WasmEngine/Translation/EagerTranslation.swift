#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

extension Module {
    /// Functions a worker claims at a time.
    private static let blockSize = 64

    /// Validates and translates every defined function. A module with enough functions is
    /// shared out to one thread per core, which take blocks of functions in order; the error
    /// thrown is still that of the lowest-numbered invalid function, as in a sequential pass.
    /// Each block's translations go into the module's cache under one lock, and each thread
    /// has one translator, whose working arrays serve all the functions it translates.
    func translateAll() throws(InvalidModuleError) {
        let count = binary.codes.count
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let workers = min(cores, count / (2 * Self.blockSize))
        guard workers > 1 else {
            var translator = makeTranslator()
            var functions: [CompiledFunction] = []
            functions.reserveCapacity(count)
            for index in 0..<count { functions.append(try translate(index, with: &translator)) }
            store(functions, from: 0)
            return
        }
        let nextBlock = Atomic<Int>(0)
        let firstFailure = Mutex<(index: Int, error: InvalidModuleError)?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var translator = makeTranslator()
            while true {
                let start = nextBlock.wrappingAdd(Self.blockSize, ordering: .relaxed).oldValue
                // Blocks are claimed in order: after a failure only earlier functions matter.
                guard start < count, start < firstFailure.withLock({ $0?.index ?? .max }) else { return }
                var block: [CompiledFunction] = []
                block.reserveCapacity(Self.blockSize)
                for index in start..<min(start + Self.blockSize, count) {
                    do throws(InvalidModuleError) {
                        block.append(try translate(index, with: &translator))
                    } catch {
                        firstFailure.withLock { failure in
                            if index < failure?.index ?? .max { failure = (index, error) }
                        }
                        break
                    }
                }
                store(block, from: start)
            }
        }
        if let failure = firstFailure.withLock({ $0 }) { throw failure.error }
    }
}
