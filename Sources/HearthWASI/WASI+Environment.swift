#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmEngine

/// Arguments, environment, clocks, randomness, exit, signals and yield.
extension WASI {
    func defineEnvironment(in linker: inout Linker) {
        let module = WASI.moduleName
        let arguments = configuration.arguments.map { Array($0.utf8) + [0] }
        let environment = configuration.environment.map { Array("\($0.name)=\($0.value)".utf8) + [0] }
        linker.define(module, "args_sizes_get") { (caller: Caller, count: Int32, size: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in try Self.storeSizes(of: arguments, caller, count, size) }
        }
        linker.define(module, "args_get") { (caller: Caller, pointers: Int32, buffer: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in try Self.storeStrings(arguments, caller, pointers, buffer) }
        }
        linker.define(module, "environ_sizes_get") { (caller: Caller, count: Int32, size: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in try Self.storeSizes(of: environment, caller, count, size) }
        }
        linker.define(module, "environ_get") { (caller: Caller, pointers: Int32, buffer: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in try Self.storeStrings(environment, caller, pointers, buffer) }
        }
        linker.define(module, "clock_res_get") { (caller: Caller, clock: Int32, resolution: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                var spec = timespec()
                guard clock_getres(try Self.hostClock(clock), &spec) == 0 else { throw WASIError(.inval) }
                try GuestMemory(caller).storeU64(Self.nanoseconds(spec), at: resolution)
            }
        }
        linker.define(module, "clock_time_get") { (caller: Caller, clock: Int32, _: Int64, time: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                var spec = timespec()
                guard clock_gettime(try Self.hostClock(clock), &spec) == 0 else { throw WASIError(.inval) }
                try GuestMemory(caller).storeU64(Self.nanoseconds(spec), at: time)
            }
        }
        linker.define(module, "random_get") { (caller: Caller, buffer: Int32, length: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                let count = Int(UInt32(bitPattern: length))
                try GuestMemory(caller).withMutableBytes(at: buffer, count: count) { bytes throws(WASIError) in
                    Self.fillRandom(bytes)
                }
            }
        }
        linker.define(module, "proc_exit") { (_: Caller, code: Int32) in
            throw ProcessExit(code: UInt32(bitPattern: code))
        }
        // Signals do not exist for a guest.
        linker.define(module, "proc_raise") { (_: Caller, _: Int32) -> Int32 in Errno.nosys.rawValue }
        linker.define(module, "sched_yield") { (_: Caller) -> Int32 in
            sched_yield()
            return Errno.success.rawValue
        }
    }

    /// Fills `bytes` from the system's CSPRNG (`SystemRandomNumberGenerator`: getrandom on
    /// Linux), eight bytes at a time, straight into guest memory.
    static func fillRandom(_ bytes: UnsafeMutableRawBufferPointer) {
        var generator = SystemRandomNumberGenerator()
        var offset = 0
        while offset < bytes.count {
            let word = generator.next()
            let count = min(8, bytes.count - offset)
            withUnsafeBytes(of: word) { bytes.baseAddress!.advanced(by: offset).copyMemory(from: $0.baseAddress!, byteCount: count) }
            offset += count
        }
    }

    /// `*count = strings.count; *size = total bytes` (each string ends in its NUL).
    static func storeSizes(of strings: [[UInt8]], _ caller: Caller, _ count: Int32, _ size: Int32) throws(WASIError) {
        let memory = try GuestMemory(caller)
        try memory.storeU32(UInt32(strings.count), at: count)
        try memory.storeU32(UInt32(strings.reduce(0) { $0 + $1.count }), at: size)
    }

    /// Each string into `buffer`, one after another, and a pointer to each into `pointers`.
    static func storeStrings(_ strings: [[UInt8]], _ caller: Caller, _ pointers: Int32, _ buffer: Int32) throws(WASIError) {
        let memory = try GuestMemory(caller)
        var offset: Int32 = 0
        for (index, string) in strings.enumerated() {
            try memory.storeU32(UInt32(bitPattern: buffer &+ offset), at: pointers &+ Int32(index * 4))
            try memory.write(string, at: buffer &+ offset)
            offset &+= Int32(string.count)
        }
    }

    /// The host clock for a WASI clock id: realtime, monotonic, process and thread CPU time.
    static func hostClock(_ id: Int32) throws(WASIError) -> clockid_t {
        switch id {
        case 0: CLOCK_REALTIME
        case 1: CLOCK_MONOTONIC
        case 2: CLOCK_PROCESS_CPUTIME_ID
        case 3: CLOCK_THREAD_CPUTIME_ID
        default: throw WASIError(.inval)
        }
    }

    static func nanoseconds(_ spec: timespec) -> UInt64 {
        UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}
