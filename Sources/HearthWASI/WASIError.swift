/// A WASI call's failure, returned to the guest as its errno (`WASI.returningErrno`).
struct WASIError: Error {
    var errno: Errno
    init(_ errno: Errno) { self.errno = errno }
    /// The failure of the host call that just failed, by its `errno`.
    static var host: WASIError { WASIError(.lastHostError) }
}
