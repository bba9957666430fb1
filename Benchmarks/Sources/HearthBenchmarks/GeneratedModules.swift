/// Builds the cold-start modules: `count` functions of straight-line integer code (so the
/// module is about `targetBytes` long) plus an export `small` returning 42.
enum GeneratedModules {
    static func module(targetBytes: Int) -> [UInt8] {
        var body: [UInt8] = [0x01, 0x02, 0x7F]  // two i32 locals
        for k in 0..<20 {
            let c = UInt8(k + 1)
            body += [0x20, 0x00, 0x41, c, 0x6A, 0x21, 0x01, 0x20, 0x01, 0x41, c, 0x6C, 0x21, 0x00]
        }
        body += [0x20, 0x00, 0x0B]
        let entry = leb(body.count) + body
        let count = max(1, targetBytes / entry.count)

        var bytes: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        // Types: 0 = (i32) -> i32, 1 = () -> i32.
        bytes += section(1, [0x02, 0x60, 0x01, 0x7F, 0x01, 0x7F, 0x60, 0x00, 0x01, 0x7F])
        var functions = leb(count + 1) + [0x01]
        for _ in 0..<count { functions += [0x00] }
        bytes += section(3, functions)
        bytes += section(7, [0x01, 0x05] + Array("small".utf8) + [0x00, 0x00])
        var code = leb(count + 1) + [0x04, 0x00, 0x41, 0x2A, 0x0B]
        for _ in 0..<count { code += entry }
        bytes += section(10, code)
        return bytes
    }

    static func section(_ id: UInt8, _ contents: [UInt8]) -> [UInt8] {
        [id] + leb(contents.count) + contents
    }

    static func leb(_ value: Int) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value != 0 { byte |= 0x80 }
            out.append(byte)
        } while value != 0
        return out
    }
}
