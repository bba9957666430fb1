import Dispatch
#if canImport(Glibc)
import Glibc  // SIGSEGV
#endif
import WasmBinary
import WasmEngine
import TestSupport
import Testing

/// Accesses past the end of memory trap, whether the engine checks their bounds or (on Linux
/// on x86-64) lets them fault on the guard pages after the memory: at every distance, in every
/// width, without writing any byte, with the instruction named, again and again, from inside
/// a host function's call back into the guest, and on several threads at once. A fault in the
/// host's own code stays a crash.
@Suite struct GuardPageTests {
    /// The fixture's instance, whose host import `reenter` calls `load` with its argument and
    /// returns the value, or -1 when that call trapped.
    static func instance(in store: Store = Store()) throws -> Instance {
        final class Reentry { var load: TypedFunction<Int32, Int32>? }
        let reentry = Reentry()
        var linker = Linker()
        linker.define("env", "reenter", .function(Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
            guard case .i32(let address) = arguments[0], let load = reentry.load else { return [] }
            do {
                return [.i32(try load(address))]
            } catch is Trap {
                return [.i32(-1)]
            }
        }))
        let instance = try linker.instantiate(try Fixtures.module("guardpages"), in: store)
        reentry.load = try instance.function(named: "load")!.typed(Int32.self, returning: Int32.self)
        return instance
    }

    @Test func everyAccessPastTheEndTraps() throws {
        let instance = try Self.instance()
        let load = try instance.function(named: "load")!.typed(Int32.self, returning: Int32.self)
        #expect(try load(65_532) == 0)
        for address: Int32 in [65_533, 65_536, 1 << 20, Int32.max, -4, -1] {
            expectTrap(.outOfBoundsMemoryAccess) { try load(address) }
        }
        let loadFar = try instance.function(named: "load_far")!.typed(Int32.self, returning: Int64.self)
        for address: Int32 in [0, 1, -1] {
            expectTrap(.outOfBoundsMemoryAccess) { try loadFar(address) }
        }
    }

    /// A store that straddles the end writes none of its bytes.
    @Test func aStoreThatStraddlesTheEndWritesNothing() throws {
        let instance = try Self.instance()
        let memory = try #require(instance.memory(named: "memory"))
        let store64 = try instance.function(named: "store64")!.typed(Int32.self, Int64.self)
        let store128 = try instance.function(named: "store128")!.typed(Int32.self)
        try store64(65_528, -1)
        try store128(65_504)
        try memory.withUnsafeMutableBytes(at: 65_504, count: 32) { $0.initializeMemory(as: UInt8.self, repeating: 0) }
        for address: Int32 in [65_529, 65_535] { expectTrap(.outOfBoundsMemoryAccess) { try store64(address, -1) } }
        for address: Int32 in [65_521, 65_528, 65_535] { expectTrap(.outOfBoundsMemoryAccess) { try store128(address) } }
        #expect(try memory.withUnsafeBytes(at: 65_504, count: 32) { $0.allSatisfy { $0 == 0 } })
    }

    @Test func grownPagesAreAccessibleAndNoMore() throws {
        let instance = try Self.instance()
        let load = try instance.function(named: "load")!.typed(Int32.self, returning: Int32.self)
        let grow = try instance.function(named: "grow")!.typed(Int32.self, returning: Int32.self)
        expectTrap(.outOfBoundsMemoryAccess) { try load(65_536) }
        #expect(try grow(2) == 1)
        #expect(try load(65_536) == 0)
        #expect(try load(196_604) == 0)
        expectTrap(.outOfBoundsMemoryAccess) { try load(196_605) }
        #expect(try grow(1) == -1)  // past the maximum of 3 pages
    }

    /// The trap names the instruction whose access faulted: here the superinstruction whose
    /// first load reads the pointer and whose second follows it. (Bounds checks name the part
    /// that trapped, the second one's own word; guard pages the superinstruction's start.)
    @Test func aTrapNamesTheInstruction() throws {
        let store = Store()
        let instance = try Self.instance(in: store)
        let module = try Fixtures.module("guardpages")
        let chaseIndex: UInt32 = 6
        let disassembly = try module.disassemble(functionIndex: chaseIndex)
        // "0  i32_load+i32_load8_u …", "3  i32_load8_u …" (the second part), "6  return"
        let lines = disassembly.split(separator: "\n").dropFirst()
        let starts = lines.compactMap { Int($0.split(separator: " ").first!) }
        let first = try #require(lines.firstIndex { $0.contains("i32_load+i32_load8_u") }) - lines.startIndex
        let superinstruction = starts[first]..<starts[first + 2]
        let memory = try #require(instance.memory(named: "memory"))
        let chase = try instance.function(named: "chase")!.typed(Int32.self, returning: Int32.self)
        try memory.withUnsafeMutableBytes(at: 0, count: 4) { $0.storeBytes(of: UInt32(0x7FFF_0000).littleEndian, as: UInt32.self) }
        for address: Int32 in [0, 70_000] {  // the second load faults; the first
            do {
                _ = try chase(address)
                Issue.record("expected a trap")
            } catch let trap as Trap {
                #expect(trap.reason == .outOfBoundsMemoryAccess)
                #expect(trap.location.functionIndex == chaseIndex)
                #expect(superinstruction.contains(trap.location.codeOffset ?? -1), "\(disassembly)")
            }
        }
    }

    @Test func trapsInARowLeaveTheStoreUsable() throws {
        let instance = try Self.instance()
        let load = try instance.function(named: "load")!.typed(Int32.self, returning: Int32.self)
        for round in 0..<1_000 {
            expectTrap(.outOfBoundsMemoryAccess) { try load(65_536 + Int32(round)) }
        }
        #expect(try load(0) == 0)
    }

    /// The guest calls the host, which calls the guest, whose access faults: that inner call
    /// traps, and the outer one goes on.
    @Test func aTrapInACallBackFromTheHostEndsOnlyThatCall() throws {
        let instance = try Self.instance()
        let throughHost = try instance.function(named: "through_host")!.typed(Int32.self, returning: Int32.self)
        #expect(try throughHost(70_000) == 0)  // -1 from the host, plus 1
        #expect(try throughHost(0) == 1)
    }

    @Test func threadsTrapIndependently() throws {
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            do {
                let instance = try Self.instance()
                let load = try instance.function(named: "load")!.typed(Int32.self, returning: Int32.self)
                for round in 0..<500 {
                    do {
                        _ = try load(65_536 + Int32(thread * 1_000 + round))
                        failures.add("thread \(thread): no trap")
                    } catch let trap as Trap where trap.reason == .outOfBoundsMemoryAccess {}
                    if try load(Int32(round * 4)) != 0 { failures.add("thread \(thread): wrong value") }
                }
            } catch {
                failures.add("thread \(thread): \(error)")
            }
        }
        #expect(failures.messages.isEmpty)
    }

    /// A host function called by the guest writes to a page the guest's memory reserves but
    /// never makes accessible: that fault is the host's, and the process gets the signal as
    /// it would without Hearth (in a child process, which it ends).
    @Test func aFaultInTheHostStaysACrash() async {
        await #expect(processExitsWith: .signal(SIGSEGV)) {
            final class Target { var address: UnsafeMutablePointer<UInt8>? }
            let target = Target()
            let store = Store()
            var linker = Linker()
            linker.define("env", "reenter", .function(Function(store: store, type: FunctionType(parameters: [.i32], results: [.i32])) { _, _ in
                target.address!.pointee = 1
                return [.i32(0)]
            }))
            let instance = try linker.instantiate(try Fixtures.module("guardpages"), in: store)
            let memory = instance.memory(named: "memory")!
            let base = try memory.withUnsafeMutableBytes(at: 0, count: 1) { $0.baseAddress! }
            // Past the maximum of 3 pages: reserved, with or without guard pages, and never accessible.
            target.address = base.assumingMemoryBound(to: UInt8.self) + 3 * 65_536 + 100
            _ = try? instance.function(named: "through_host")!.typed(Int32.self, returning: Int32.self)(0)
        }
    }
}

/// Problems seen on other threads, for the test's thread to report.
private final class Failures: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var list: [String] = []
    var messages: [String] { lock.wait(); defer { lock.signal() }; return list }
    func add(_ message: String) { lock.wait(); list.append(message); lock.signal() }
}
