#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WasmEngine

/// `poll_oneoff`: waits for clocks and for descriptors to be ready to read or write.
///
/// Host streams (a terminal, a pipe) are asked with `poll(2)`; regular files, the embedder's
/// byte input and its output sinks are always ready. With nothing ready the call sleeps until
/// the earliest clock subscription is due.
extension WASI {
    func definePoll(in linker: inout Linker) {
        linker.define(WASI.moduleName, "poll_oneoff") { (caller: Caller, input: Int32, output: Int32, count: Int32, result: Int32) -> Int32 in
            Self.returningErrno { () throws(WASIError) in
                guard count > 0 else { throw WASIError(.inval) }
                let memory = try GuestMemory(caller)
                var subscriptions: [Subscription] = []
                for index in 0..<Int(count) {
                    subscriptions.append(try Subscription(memory, at: input &+ Int32(truncatingIfNeeded: index * 48)))
                }
                let events = try self.poll(subscriptions)
                for (index, event) in events.enumerated() {
                    try event.store(in: memory, at: output &+ Int32(truncatingIfNeeded: index * 32))
                }
                try memory.storeU32(UInt32(events.count), at: result)
            }
        }
    }

    /// The events of `subscriptions` that are ready, after waiting for at least one.
    private func poll(_ subscriptions: [Subscription]) throws(WASIError) -> [Event] {
        var events: [Event] = []
        var waiting: [(fd: pollfd, subscription: Subscription)] = []
        var deadline: UInt64?
        // When each clock subscription is due, on the monotonic clock: worked out once.
        var clocks: [(subscription: Subscription, due: UInt64)] = []
        let start = Self.monotonicNow()
        for subscription in subscriptions {
            switch subscription.kind {
            case .clock(let id, let timeout, let absolute):
                do {
                    let due = absolute ? start &+ (timeout &- min(timeout, try Self.now(on: id))) : start &+ timeout
                    deadline = min(deadline ?? due, due)
                    clocks.append((subscription, due))
                } catch {
                    events.append(Event(subscription, error: error.errno))
                }
            case .read(let fd), .write(let fd):
                do {
                    let descriptor = try descriptors.get(fd)
                    try descriptor.require(.pollFdReadwrite)
                    if let ready = try Self.readiness(of: descriptor, subscription) {
                        events.append(ready)
                    } else if let host = descriptor.hostFD {
                        let interest = Int16(subscription.isRead ? POLLIN : POLLOUT)
                        waiting.append((pollfd(fd: host, events: interest, revents: 0), subscription))
                    }
                } catch {
                    events.append(Event(subscription, error: error.errno))
                }
            }
        }
        if !waiting.isEmpty {
            var fds = waiting.map(\.fd)
            let milliseconds: Int32 = if !events.isEmpty { 0 }
                else if let deadline { Int32(clamping: (deadline &- min(deadline, Self.monotonicNow()) + 999_999) / 1_000_000) }
                else { -1 }
            if hostPoll(&fds, nfds_t(fds.count), milliseconds) > 0 {
                for (index, fd) in fds.enumerated() where fd.revents != 0 {
                    let hangup = fd.revents & Int16(POLLHUP) != 0
                    events.append(Event(waiting[index].subscription, available: 0, hangup: hangup))
                }
            }
        }
        // Nothing ready (or `poll` woke early): wait for the clock.
        if events.isEmpty, let deadline { Self.sleep(until: deadline) }
        let now = Self.monotonicNow()
        for clock in clocks where clock.due <= now { events.append(Event(clock.subscription)) }
        return events
    }

    /// The event of a descriptor that never blocks (a regular file, the embedder's streams);
    /// nil for a host stream `poll(2)` must ask about.
    private static func readiness(of descriptor: Descriptor, _ subscription: Subscription) throws(WASIError) -> Event? {
        switch descriptor.backing {
        case .input(let source):
            guard subscription.isRead else { throw WASIError(.badf) }
            return Event(subscription, available: UInt64(source.available ?? 0))
        case .output:
            guard !subscription.isRead else { throw WASIError(.badf) }
            return Event(subscription)
        case .host(let fd, _):
            guard descriptor.type == .regularFile else { return nil }
            guard subscription.isRead else { return Event(subscription) }
            var status = stat()
            let position = lseek(fd, 0, SEEK_CUR)
            let size = fstat(fd, &status) == 0 ? Int64(status.st_size) : 0
            return Event(subscription, available: UInt64(max(0, size - Int64(max(0, position)))))
        }
    }

    static func monotonicNow() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return nanoseconds(spec)
    }

    private static func now(on clock: Int32) throws(WASIError) -> UInt64 {
        var spec = timespec()
        guard clock_gettime(try hostClock(clock), &spec) == 0 else { throw WASIError(.inval) }
        return nanoseconds(spec)
    }

    private static func sleep(until deadline: UInt64) {
        while true {
            let now = monotonicNow()
            guard now < deadline else { return }
            let remaining = deadline - now
            var spec = timespec(tv_sec: time_t(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
            _ = nanosleep(&spec, nil)
        }
    }
}

/// One preview 1 `subscription` (48 bytes in guest memory).
private struct Subscription {
    enum Kind {
        case clock(id: Int32, timeout: UInt64, absolute: Bool)
        case read(Int32)
        case write(Int32)
    }
    let userdata: UInt64
    let kind: Kind

    var isRead: Bool { if case .read = kind { true } else { false } }
    var type: UInt8 {
        switch kind {
        case .clock: 0
        case .read: 1
        case .write: 2
        }
    }

    init(_ memory: GuestMemory, at pointer: Int32) throws(WASIError) {
        (userdata, kind) = try memory.withBytes(at: pointer, count: 48) { bytes throws(WASIError) in
            let userdata = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            let word = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: Int32.self))
            switch bytes[8] {
            case 0:
                let timeout = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
                let flags = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 40, as: UInt16.self))
                return (userdata, .clock(id: word, timeout: timeout, absolute: flags & 1 != 0))
            case 1: return (userdata, .read(word))
            case 2: return (userdata, .write(word))
            default: throw WASIError(.inval)
            }
        }
    }
}

/// One preview 1 `event` (32 bytes in guest memory).
private struct Event {
    let userdata: UInt64
    let error: Errno
    let type: UInt8
    let available: UInt64
    let hangup: Bool

    init(_ subscription: Subscription, error: Errno = .success, available: UInt64 = 0, hangup: Bool = false) {
        (userdata, self.error, type) = (subscription.userdata, error, subscription.type)
        (self.available, self.hangup) = (available, hangup)
    }

    func store(in memory: GuestMemory, at pointer: Int32) throws(WASIError) {
        try memory.withMutableBytes(at: pointer, count: 32) { bytes in
            bytes.initializeMemory(as: UInt8.self, repeating: 0)
            bytes.storeBytes(of: userdata.littleEndian, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: UInt16(error.rawValue).littleEndian, toByteOffset: 8, as: UInt16.self)
            bytes.storeBytes(of: type, toByteOffset: 10, as: UInt8.self)
            bytes.storeBytes(of: available.littleEndian, toByteOffset: 16, as: UInt64.self)
            bytes.storeBytes(of: UInt16(hangup ? 1 : 0).littleEndian, toByteOffset: 24, as: UInt16.self)
        }
    }
}

/// The C library's `poll` (inside `WASI` the name is its own method's).
private func hostPoll(_ fds: UnsafeMutablePointer<pollfd>, _ count: nfds_t, _ milliseconds: Int32) -> Int32 {
    poll(fds, count, milliseconds)
}
