import Dispatch
import Foundation
import Testing
import WasmBinary
import WasmEngine

/// The store's limits (docs/limits.md): fuel, a deadline, interruption from another thread
/// and one memory limit for all memories and tables. Guests: Fixtures/limits.wat.
@Suite struct LimitTests {
    static let interruptible = Engine(configuration: .init(interruptible: true))

    /// limits.wat in a store of an interruptible engine; `pause` runs `onPause`.
    static func instance(memoryLimit: Int? = nil, onPause: @escaping (Store) -> Void = { _ in }) throws -> Instance {
        let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("limits.wasm"))
        let module = try Module(bytes: [UInt8](data), engine: interruptible)
        let store = Store(engine: interruptible, memoryLimit: memoryLimit)
        var linker = Linker()
        linker.define("env", "pause") { (caller: Caller) in onPause(caller.store) }
        return try linker.instantiate(module, in: store)
    }

    /// Runs limits.wat's `count(n)`.
    static func count(_ instance: Instance, _ n: Int32) throws -> Int32 {
        try instance.function(named: "count")!.typed(Int32.self, returning: Int32.self)(n)
    }

    /// Calls `name` and returns the limit that stopped it.
    static func stoppingLimit(_ instance: Instance, _ name: Name, _ arguments: [Value] = []) -> LimitError.Limit? {
        do {
            _ = try instance.function(named: name)!.call(arguments)
            return nil
        } catch let error as LimitError {
            return error.limit
        } catch {
            return nil
        }
    }

    @Test func fuelStopsALoopThatNeverEnds() throws {
        let instance = try Self.instance()
        instance.store.fuel = 1_000_000
        #expect(Self.stoppingLimit(instance, "spin") == .fuel)
        #expect(try #require(instance.store.fuel) < 10)
        // Out of fuel, every call stops at once; with more, the store runs again.
        #expect(Self.stoppingLimit(instance, "count", [.i32(3)]) == .fuel)
        instance.store.fuel = 1_000
        #expect(try Self.count(instance, 3) == 3)
    }

    @Test func fuelStopsRecursionWithoutLoops() throws {
        let instance = try Self.instance()
        instance.store.fuel = 1_000_000
        #expect(Self.stoppingLimit(instance, "tail_spin", [.i32(0)]) == .fuel)
        instance.store.fuel = 1_000_000
        #expect(Self.stoppingLimit(instance, "fan", [.i32(40)]) == .fuel)
    }

    /// `count(n)` charges its function's 5 instructions outside the loop (block, loop, the
    /// block's end, local.get, end) once and the loop's 13 on each of its n + 1 passes.
    @Test func fuelIsChargedPerRegionAsDocumented() throws {
        let instance = try Self.instance()
        instance.store.fuel = 100_000
        #expect(try Self.count(instance, 100) == 100)
        #expect(instance.store.fuel == 100_000 - (5 + 13 * 101))
        // Exactly enough runs; one less stops before the last pass.
        instance.store.fuel = 5 + 13 * 11
        #expect(try Self.count(instance, 10) == 10)
        #expect(instance.store.fuel == 0)
        instance.store.fuel = 5 + 13 * 11 - 1
        #expect(Self.stoppingLimit(instance, "count", [.i32(10)]) == .fuel)
        #expect(instance.store.fuel == 12, "the stopped check charges nothing")
    }

    /// A move fused into a checked call, back edge or loop check (`MOVES_INTO_BRANCHES`) still
    /// charges the callee's entry and the loop: `forward(n)` costs what `fan(n)` does plus its
    /// own three instructions (local.get, call, end).
    @Test func movesFusedIntoChecksStillCharge() throws {
        let instance = try Self.instance()
        let module = try Module(bytes: [UInt8](Data(contentsOf: Fixtures.directory.appendingPathComponent("limits.wasm"))),
                                engine: Self.interruptible)
        #expect(try module.disassemble(functionIndex: 12).contains("copy+call_checked"))
        #expect(try module.disassemble(functionIndex: 13).contains("const+br_checked"))
        let fan = try instance.function(named: "fan")!.typed(Int32.self, returning: Int32.self)
        let forward = try instance.function(named: "forward")!.typed(Int32.self, returning: Int32.self)
        instance.store.fuel = 1_000_000
        #expect(try fan(3) == 8)
        let fanCost = 1_000_000 - (try #require(instance.store.fuel))
        instance.store.fuel = 1_000_000
        #expect(try forward(3) == 8)
        #expect(1_000_000 - (try #require(instance.store.fuel)) == fanCost + 3)
        instance.store.fuel = 1_000_000
        #expect(Self.stoppingLimit(instance, "forward", [.i32(40)]) == .fuel)
        instance.store.fuel = 1_000_000
        #expect(Self.stoppingLimit(instance, "const_spin", [.i32(0)]) == .fuel)
        // A move into the loop's check: count's charges and two more (i32.const, local.set).
        #expect(try module.disassemble(functionIndex: 14).contains("const+check_limits"))
        let countFrom7 = try instance.function(named: "count_from_7")!.typed(Int32.self, returning: Int32.self)
        instance.store.fuel = 100_000
        #expect(try countFrom7(100) == 107)
        #expect(instance.store.fuel == 100_000 - (5 + 2 + 13 * 101))
        instance.store.fuel = 5 + 2 + 13 * 11 - 1
        #expect(Self.stoppingLimit(instance, "count_from_7", [.i32(10)]) == .fuel)
    }

    /// A linked superinstruction ending in a loop's back edge has a checked form that is linked
    /// too, and charges the loop on each pass.
    @Test func aLinkedBackEdgeIsCheckedAndCharges() throws {
        let instance = try Self.instance()
        let module = try Module(bytes: [UInt8](Data(contentsOf: Fixtures.directory.appendingPathComponent("limits.wasm"))),
                                engine: Self.interruptible)
        #expect(try module.disassemble(functionIndex: 15).contains("i32_add+br_i32_lt_u_imm+linked_checked"))
        let passes = try instance.function(named: "passes_to_1000")!.typed(Int32.self, returning: Int32.self)
        instance.store.fuel = 1_000_000
        #expect(try passes(1) == 1000)
        #expect(try passes(7) == 143)
        instance.store.fuel = 1_000
        #expect(Self.stoppingLimit(instance, "passes_to_1000", [.i32(1)]) == .fuel)
    }

    /// Back edges of every kind charge their loop: a `br_table`, a branch fused with the
    /// addition before it, an exception caught by a clause that targets the loop.
    @Test func fuelStopsLoopsWhateverTheirBackEdge() throws {
        let instance = try Self.instance()
        for (name, arguments) in [("table_spin", [Value.i32(0)]), ("throw_spin", [])] {
            instance.store.fuel = 100_000
            #expect(Self.stoppingLimit(instance, Name(name), arguments) == .fuel, "\(name)")
        }
        instance.store.fuel = 100_000
        let countdown = try instance.function(named: "countdown")!.typed(Int32.self, returning: Int32.self)
        #expect(try countdown(1000) == 1000)
        // The loop's body is 10 instructions (its end included); the function's 3 outside it
        // (loop, local.get, end).
        #expect(instance.store.fuel == 100_000 - (3 + 10 * 1000))
        #expect(Self.stoppingLimit(instance, "countdown", [.i32(0)]) == .fuel, "from 0 it counts down 2^32 times")
    }

    /// A call that stops at its callee's entry check names the callee, at offset 0.
    @Test func aStopAtACalleesEntryNamesTheCallee() throws {
        let instance = try Self.instance()
        instance.store.fuel = 10_000
        do {
            _ = try instance.function(named: "fan")!.call([.i32(30)])
            Issue.record("fan returned")
        } catch let error as LimitError {
            #expect(error.location.functionIndex == 3)
            #expect(error.location.codeOffset == 0)
        }
    }

    @Test func aStoreWithoutFuelRunsUnlimited() throws {
        let instance = try Self.instance()
        #expect(instance.store.fuel == nil)
        #expect(try Self.count(instance, 1_000_000) == 1_000_000)
        #expect(instance.store.fuel == nil)
    }

    @Test func aDeadlineStopsALoopThatNeverEnds() throws {
        let instance = try Self.instance()
        instance.store.setDeadline(after: .milliseconds(30))
        let started = ContinuousClock.now
        #expect(Self.stoppingLimit(instance, "spin") == .deadline)
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(25) && elapsed < .seconds(10), "\(elapsed)")
        // Passed, it stops every call until it is cleared.
        #expect(Self.stoppingLimit(instance, "count", [.i32(1)]) == .deadline)
        instance.store.clearDeadline()
        #expect(try Self.count(instance, 5) == 5)
    }

    @Test func aClearedOrReplacedDeadlineNeverFires() throws {
        let instance = try Self.instance()
        instance.store.setDeadline(after: .milliseconds(1))
        instance.store.clearDeadline()
        instance.store.setDeadline(after: .seconds(60))
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try Self.count(instance, 5) == 5)
    }

    @Test func aDeadlineCenturiesAwayIsKeptNotOverflowed() throws {
        let instance = try Self.instance()
        instance.store.setDeadline(after: .seconds(Int64.max))
        #expect(try Self.count(instance, 5) == 5)
        instance.store.setDeadline(after: .milliseconds(-5))
        #expect(Self.stoppingLimit(instance, "spin") == .deadline)
    }

    @Test func aDeadlineInOneStoreNeverStopsAnother() throws {
        let stopped = try Self.instance()
        let running = try Self.instance()
        stopped.store.setDeadline(after: .milliseconds(20))
        let results = Results()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            results.set(0, Self.stoppingLimit(stopped, "spin").map { "\($0)" } ?? "none")
        }
        DispatchQueue.global().async(group: group) {
            // Runs for longer than the other's deadline (tens of milliseconds).
            let result = try? Self.count(running, 50_000_000)
            results.set(1, result == 50_000_000 ? "finished" : "stopped")
        }
        group.wait()
        #expect(results.values == ["deadline", "finished"])
    }

    @Test func anotherThreadInterruptsARunningCall() throws {
        let instance = try Self.instance()
        let handle = instance.store.interruptHandle
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(30)) { handle.interrupt() }
        #expect(Self.stoppingLimit(instance, "spin") == .interrupt)
        // Answered, the request is gone: the next call runs.
        #expect(try Self.count(instance, 5) == 5)
    }

    @Test func anInterruptWhileTheHostRunsStopsTheGuestWhenItResumes() throws {
        let instance = try Self.instance(onPause: { store in store.interruptHandle.interrupt() })
        #expect(Self.stoppingLimit(instance, "pause_then_spin") == .interrupt)
    }

    @Test func aLimitStopNamesItsCodeAndPlace() throws {
        let instance = try Self.instance()
        instance.store.fuel = 100
        do {
            _ = try instance.function(named: "spin")!.call([])
            Issue.record("spin returned")
        } catch let error as LimitError {
            #expect(error.code == "HEARTH-E701")
            #expect(error.kind == .limitExceeded)
            #expect(error.location.functionIndex == 1)
            // At the loop's check (words 2 and 3, after the function's), which its back edge does.
            #expect(error.location.codeOffset == 2)
            #expect("\(error)".hasPrefix("HEARTH-E701 limit exceeded: out of fuel"))
        }
    }

    @Test func memoryGrowsUntilTheLimitThenReturnsMinusOne() throws {
        // One page and one table element to start with, room for one page more.
        let instance = try Self.instance(memoryLimit: 3 * 65536)
        #expect(instance.store.memoryInUse == 65536 + 8)
        let grow = try instance.function(named: "grow")!.typed(Int32.self, returning: Int32.self)
        #expect(try grow(1) == 1)
        #expect(try grow(1) == -1)
        #expect(instance.memory(named: "memory")!.pageCount == 2)
        let growTable = try instance.function(named: "grow_table")!.typed(Int32.self, returning: Int32.self)
        #expect(try growTable(8192) == -1, "8192 elements are 65536 bytes, 8 more than are left")
        #expect(try growTable(8191) == 1)
        #expect(instance.store.memoryInUse == 3 * 65536)
    }

    /// Found by Tests/differential (seed 1177): without a memory limit, a table.grow of about
    /// 2^31 null elements wrote every new element and the process was killed for memory. Null
    /// elements are fresh zero pages now, touched only when used.
    @Test func aLargeTableGrowthOfNullsTouchesNoMemory() throws {
        #if os(Linux)
        let instance = try Self.instance()
        let growTable = try instance.function(named: "grow_table")!.typed(Int32.self, returning: Int32.self)
        let before = Self.residentBytes()
        #expect(try growTable(1 << 27) == 1, "2^27 elements are 1 GiB")
        #expect(instance.table(named: "table")!.count == 1 + 1 << 27)
        let grown = Self.residentBytes() - before
        #expect(grown < 128 << 20, "resident memory grew by \(grown >> 20) MiB")
        #endif
    }

    /// This process's resident memory in bytes, from /proc/self/statm.
    static func residentBytes() -> Int {
        let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    @Test func aMemoryBombGetsWhatTheLimitAllowsAndNoMore() throws {
        let instance = try Self.instance(memoryLimit: 64 << 20)
        let pages = try instance.function(named: "bomb")!.typed(returning: Int32.self)()
        #expect(pages == 1022, "64 MiB are 1024 pages: the page it started with and its table element leave 1022")
        #expect(instance.store.memoryInUse <= 64 << 20)
    }

    @Test func instantiationPastTheLimitIsRefusedNamingTheBytes() throws {
        do {
            _ = try Self.instance(memoryLimit: 60_000)
            Issue.record("instantiated")
        } catch let error as LimitError {
            #expect(error.limit == .memory)
            #expect(error.code == "HEARTH-E704")
            #expect(error.message.contains("65536 bytes") && error.message.contains("60000 bytes"), "\(error.message)")
        }
    }

    @Test func anInterruptibleStoreRefusesCodeWithoutChecks() throws {
        let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("limits.wasm"))
        let module = try Module(bytes: [UInt8](data))
        var linker = Linker()
        linker.define("env", "pause") { (_: Caller) in }
        #expect(throws: LinkError.self) { try linker.instantiate(module, in: Store(engine: Self.interruptible)) }
    }
}

/// Values set from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var storage = ["", ""]
    func set(_ index: Int, _ value: String) { lock.withLock { storage[index] = value } }
    var values: [String] { lock.withLock { storage } }
}
