import WasmBinary
@testable import WasmEngine
import Testing

/// Exception handling (WebAssembly 3.0) on exceptions.wat: handlers found across frames, the
/// payload delivered to the catch clause's label, exceptions through and from the host.
@Suite struct ExceptionTests {
    /// exceptions.wat instantiated with its host imports: tag "error" (i32), a host function
    /// that throws it, and one that calls the guest's "uncaught" (letting what it throws pass).
    static func instance(store: Store = Store()) throws -> (Instance, ExceptionTag) {
        var linker = Linker()
        let error = ExceptionTag(store: store, parameters: [.i32], name: "host.error")
        linker.define("host", "error", .tag(error))
        linker.define("host", "throw", type: FunctionType(parameters: [.i32], results: [])) { _, arguments in
            throw WasmException(tag: error, values: arguments)
        }
        linker.define("host", "call_back", type: FunctionType(parameters: [.i32], results: [.i32])) { caller, arguments in
            _ = try caller.instance!.function(named: "uncaught")!.call(arguments)
            return [.i32(-1)]
        }
        return (try linker.instantiate(try Fixtures.module("exceptions"), in: store), error)
    }

    static func call(_ instance: Instance, _ name: String, _ arguments: [Value] = []) throws -> [Value] {
        try instance.function(named: Name(name))!.call(arguments)
    }

    @Test func aCallersHandlerGetsThePayload() throws {
        let (instance, _) = try Self.instance()
        guard case .i64(let caught) = try Self.call(instance, "catch_payload", [.i32(20)])[0] else { Issue.record("no i64"); return }
        #expect(caught == 40)
        guard case .i64(let none) = try Self.call(instance, "catch_payload", [.i32(0)])[0] else { Issue.record("no i64"); return }
        #expect(none == 0)
    }

    /// The unwound frames are gone: catching from a deep recursion many times does not exhaust
    /// the call stack (the default depth limit is far below 100 × 200 frames).
    @Test func unwindingPopsEveryFrame() throws {
        let (instance, _) = try Self.instance()
        for _ in 0..<100 {
            guard case .i32(let value) = try Self.call(instance, "catch_deep", [.i32(200)])[0] else { Issue.record("no i32"); return }
            #expect(value == 7)
        }
    }

    /// An exception caught without its reference is freed there: a guest that throws and
    /// catches in a loop does not grow the host's memory.
    @Test func caughtExceptionsAreFreed() throws {
        let store = Store()
        let (instance, _) = try Self.instance(store: store)
        guard case .i32(let caught) = try Self.call(instance, "throw_and_catch", [.i32(100_000)])[0] else { Issue.record("no i32"); return }
        #expect(caught == 100_000)
        #expect(store.liveExceptionCount == 0)
        // One delivered as an exnref stays (it may be stored anywhere).
        _ = try Self.call(instance, "rethrow")
        #expect(store.liveExceptionCount == 1)
    }

    /// Exceptions the guest got as exnrefs and dropped are freed once a call from the host
    /// returns and more than `Store.firstSweep` are kept; one a global holds stays usable.
    @Test func droppedExceptionReferencesAreFreedBetweenCalls() throws {
        let store = Store()
        let (instance, _) = try Self.instance(store: store)
        _ = try Self.call(instance, "keep_ref", [.i32(77)])
        guard case .i32(let dropped) = try Self.call(instance, "drop_refs", [.i32(5000)])[0] else { Issue.record("no i32"); return }
        #expect(dropped == 5000)
        #expect(store.liveExceptionCount == 1)
        guard case .i32(let kept) = try Self.call(instance, "rethrow_kept")[0] else { Issue.record("no i32"); return }
        #expect(kept == 77)
    }

    @Test func clausesMatchByTagInnermostFirst() throws {
        let (instance, _) = try Self.instance()
        guard case .i32(let empty) = try Self.call(instance, "nested", [.i32(1)])[0],
              case .i32(let other) = try Self.call(instance, "nested", [.i32(0)])[0] else { Issue.record("no i32"); return }
        #expect(empty == 1)  // the inner catch $empty
        #expect(other == 2)  // $e passes the inner try_table to the outer catch_all
    }

    @Test func throwRefRethrowsTheSameException() throws {
        let (instance, _) = try Self.instance()
        guard case .i32(let value) = try Self.call(instance, "rethrow")[0] else { Issue.record("no i32"); return }
        #expect(value == 5)
    }

    @Test func clausesMayBranchToALoopOrTheFunction() throws {
        let (instance, _) = try Self.instance()
        guard case .i32(let tries) = try Self.call(instance, "retry")[0] else { Issue.record("no i32"); return }
        #expect(tries == 3)
        let results = try Self.call(instance, "to_function_label", [.i32(9)])
        guard case .i32(let first) = results[0], case .i64(let second) = results[1] else { Issue.record("no results"); return }
        #expect(first == 9 && second == 9)
    }

    @Test func anUncaughtExceptionReachesTheHostWithItsTagAndValues() throws {
        let store = Store()
        let (instance, _) = try Self.instance(store: store)
        do {
            _ = try Self.call(instance, "uncaught", [.i32(3)])
            Issue.record("expected an exception")
        } catch let exception as WasmException {
            #expect(exception.tag === instance.tag(named: "e"))
            guard case .i32(let first) = exception.values[0], case .i64(let second) = exception.values[1] else {
                Issue.record("values \(exception.values)")
                return
            }
            #expect(first == 3 && second == 3)
            #expect(exception.code == "HEARTH-E220")
            #expect("\(exception)".contains("uncaught exception of tag \"e\" (3, 3)"))
        }
        // The store is usable afterwards.
        guard case .i64(let caught) = try Self.call(instance, "catch_payload", [.i32(1)])[0] else { Issue.record("no i64"); return }
        #expect(caught == 2)
    }

    @Test func theHostThrowsIntoTheGuestAndPassesExceptionsThrough() throws {
        let (instance, _) = try Self.instance()
        guard case .i32(let fromHost) = try Self.call(instance, "catch_host", [.i32(11)])[0] else { Issue.record("no i32"); return }
        #expect(fromHost == 11)
        guard case .i32(let through) = try Self.call(instance, "through_host", [.i32(12)])[0] else { Issue.record("no i32"); return }
        #expect(through == 12)
    }

    /// An exception the host got (here from a host function it called directly) stays valid
    /// however often it is thrown into the guest and caught there.
    @Test func anExceptionTheHostHoldsCanBeThrownAgain() throws {
        let store = Store()
        let error = ExceptionTag(store: store, parameters: [.i32])
        let thrower = Function(store: store, type: FunctionType(parameters: [], results: [])) { _, _ in
            throw WasmException(tag: error, values: [.i32(31)])
        }
        var saved: WasmException?
        do { _ = try thrower.call([]) } catch let exception as WasmException { saved = exception }
        let exception = try #require(saved)
        var linker = Linker()
        linker.define("host", "error", .tag(error))
        linker.define("host", "throw", type: FunctionType(parameters: [.i32], results: [])) { _, _ in throw exception }
        linker.define("host", "call_back", type: FunctionType(parameters: [.i32], results: [.i32])) { _, _ in [.i32(0)] }
        let instance = try linker.instantiate(try Fixtures.module("exceptions"), in: store)
        for _ in 0..<3 {
            guard case .i32(let value) = try Self.call(instance, "catch_host", [.i32(0)])[0] else { Issue.record("no i32"); return }
            #expect(value == 31)
        }
    }

    /// A host function catches what its call into the guest threw and returns normally.
    @Test func theHostCatchesAGuestException() throws {
        let store = Store()
        var linker = Linker()
        linker.define("host", "error", .tag(ExceptionTag(store: store, parameters: [.i32])))
        linker.define("host", "throw", type: FunctionType(parameters: [.i32], results: [])) { _, _ in [] }
        linker.define("host", "call_back", type: FunctionType(parameters: [.i32], results: [.i32])) { caller, arguments in
            do {
                _ = try caller.instance!.function(named: "uncaught")!.call(arguments)
                return [.i32(-1)]
            } catch let exception as WasmException {
                guard case .i32(let value) = exception.values[0] else { return [.i32(-2)] }
                return [.i32(value * 10)]
            }
        }
        let instance = try linker.instantiate(try Fixtures.module("exceptions"), in: store)
        guard case .i32(let value) = try Self.call(instance, "through_host", [.i32(6)])[0] else { Issue.record("no i32"); return }
        #expect(value == 60)
    }

    @Test func aHostExceptionNoGuestCatchesComesBackToTheHost() throws {
        let (instance, error) = try Self.instance()
        do {
            _ = try Self.call(instance, "host_uncaught", [.i32(4)])
            Issue.record("expected an exception")
        } catch let exception as WasmException {
            #expect(exception.tag === error)
            guard case .i32(let value) = exception.values.first else { Issue.record("no value"); return }
            #expect(value == 4)
        }
    }
}
