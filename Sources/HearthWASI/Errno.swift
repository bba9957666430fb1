#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The error numbers of `wasi_snapshot_preview1` (the preview 1 witx `errno` enum, in its
/// order; 0 is success). Each case is named as in the witx, without its `E`.
public enum Errno: Int32, Sendable, CaseIterable {
    case success, toobig, acces, addrinuse, addrnotavail, afnosupport, again, already, badf
    case badmsg, busy, canceled, child, connaborted, connrefused, connreset, deadlk, destaddrreq
    case dom, dquot, exist, fault, fbig, hostunreach, idrm, ilseq, inprogress, intr, inval, io
    case isconn, isdir, loop, mfile, mlink, msgsize, multihop, nametoolong, netdown, netreset
    case netunreach, nfile, nobufs, nodev, noent, noexec, nolck, nolink, nomem, nomsg, noprotoopt
    case nospc, nosys, notconn, notdir, notempty, notrecoverable, notsock, notsup, notty, nxio
    case overflow, ownerdead, perm, pipe, proto, protonosupport, prototype, range, rofs, spipe
    case srch, stale, timedout, txtbsy, xdev, notcapable

    /// The WASI errno for the host's `errno` now (after a failed call).
    static var lastHostError: Errno { Errno(host: errno) }

    /// The WASI errno for a host `errno` value (`io` for one WASI has no name for).
    init(host: Int32) {
        self = Self.fromHost[host] ?? .io
    }

    private static let fromHost: [Int32: Errno] = [
        E2BIG: .toobig, EACCES: .acces, EADDRINUSE: .addrinuse, EADDRNOTAVAIL: .addrnotavail,
        EAFNOSUPPORT: .afnosupport, EAGAIN: .again, EALREADY: .already, EBADF: .badf,
        EBADMSG: .badmsg, EBUSY: .busy, ECANCELED: .canceled, ECHILD: .child,
        ECONNABORTED: .connaborted, ECONNREFUSED: .connrefused, ECONNRESET: .connreset,
        EDEADLK: .deadlk, EDESTADDRREQ: .destaddrreq, EDOM: .dom, EDQUOT: .dquot, EEXIST: .exist,
        EFAULT: .fault, EFBIG: .fbig, EHOSTUNREACH: .hostunreach, EIDRM: .idrm, EILSEQ: .ilseq,
        EINPROGRESS: .inprogress, EINTR: .intr, EINVAL: .inval, EIO: .io, EISCONN: .isconn,
        EISDIR: .isdir, ELOOP: .loop, EMFILE: .mfile, EMLINK: .mlink, EMSGSIZE: .msgsize,
        EMULTIHOP: .multihop, ENAMETOOLONG: .nametoolong, ENETDOWN: .netdown,
        ENETRESET: .netreset, ENETUNREACH: .netunreach, ENFILE: .nfile, ENOBUFS: .nobufs,
        ENODEV: .nodev, ENOENT: .noent, ENOEXEC: .noexec, ENOLCK: .nolck, ENOLINK: .nolink,
        ENOMEM: .nomem, ENOMSG: .nomsg, ENOPROTOOPT: .noprotoopt, ENOSPC: .nospc, ENOSYS: .nosys,
        ENOTCONN: .notconn, ENOTDIR: .notdir, ENOTEMPTY: .notempty,
        ENOTRECOVERABLE: .notrecoverable, ENOTSOCK: .notsock, ENOTSUP: .notsup, ENOTTY: .notty,
        ENXIO: .nxio, EOVERFLOW: .overflow, EOWNERDEAD: .ownerdead, EPERM: .perm, EPIPE: .pipe,
        EPROTO: .proto, EPROTONOSUPPORT: .protonosupport, EPROTOTYPE: .prototype, ERANGE: .range,
        EROFS: .rofs, ESPIPE: .spipe, ESRCH: .srch, ESTALE: .stale, ETIMEDOUT: .timedout,
        ETXTBSY: .txtbsy, EXDEV: .xdev,
    ]
}
