import WasmEngine

/// `sock_*`: the guest has no sockets (preview 1 cannot open one, and Hearth pre-opens none),
/// so each answers as for any other descriptor: `badf` if it is not open, else `notsock`.
extension WASI {
    func defineSockets(in linker: inout Linker) {
        let module = WASI.moduleName
        linker.define(module, "sock_accept") { (_: Caller, fd: Int32, _: Int32, _: Int32) -> Int32 in
            self.notSocket(fd)
        }
        linker.define(module, "sock_recv") { (_: Caller, fd: Int32, _: Int32, _: Int32, _: Int32, _: Int32, _: Int32) -> Int32 in
            self.notSocket(fd)
        }
        linker.define(module, "sock_send") { (_: Caller, fd: Int32, _: Int32, _: Int32, _: Int32, _: Int32) -> Int32 in
            self.notSocket(fd)
        }
        linker.define(module, "sock_shutdown") { (_: Caller, fd: Int32, _: Int32) -> Int32 in
            self.notSocket(fd)
        }
    }

    private func notSocket(_ fd: Int32) -> Int32 {
        Self.returningErrno { () throws(WASIError) in
            _ = try descriptors.get(fd)
            throw WASIError(.notsock)
        }
    }
}
