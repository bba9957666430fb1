import Foundation
import Testing

/// `hearth call`, `repl` and `inspect` on the Rust examples built with newer wasm-bindgen
/// versions (the fixtures Tests/BridgeTests/Fixtures/build-wasm-bindgen.sh writes): the same for the user as
/// on 0.2.83, and `inspect` names the version and its schema.
@Suite struct BindgenVersionsCLITests {
    /// A build's crate version and the schema its custom section states.
    static let builds = [("0.2.92", "0.2.92"), ("0.2.100", "0.2.100"), ("0.2.105", "0.2.105"), ("0.2.127", "0.2.122")]

    static func path(_ version: String, _ example: String) -> String {
        "Tests/BridgeTests/Fixtures/wasm-bindgen-\(version)/\(example).wasm"
    }

    static func hearth(_ arguments: String..., input: String? = nil) throws -> CLITests.Run {
        try CLITests.run(arguments, input: input)
    }

    @Test(arguments: builds)
    func callWorksOnEveryVersion(version: String, schema: String) throws {
        let greet = try Self.hearth("call", Self.path(version, "greet"), "greet", "\"World\"")
        #expect(greet.status == 0 && greet.output == "\"Hello, World!\"\n", "\(greet.error)")
        #expect(try Self.hearth("call", Self.path(version, "bytes"), "reverse_bytes", "[1,2,3]").output == "[3,2,1]\n")
        let constructed = try Self.hearth("call", Self.path(version, "calculator"), "Calculator.new", "10")
        #expect(constructed.status == 0 && constructed.output.hasPrefix("{\"class\":\"Calculator\""), "\(constructed.error)")
        let point = try Self.hearth("call", Self.path(version, "jsvalue"), "make_point", "1", "2")
        #expect(point.output == "{\"x\":1.0,\"y\":2.0}\n", "\(point.error)")
        let looked = try Self.hearth("call", "--import", "host_lookup=\"found\"", Self.path(version, "host_import"),
                                     "lookup_or", "\"k\"", "\"fallback\"")
        #expect(looked.output == "\"found\"\n", "\(looked.error)")
        let failed = try Self.hearth("call", Self.path(version, "result"), "parse_positive", "\"-1\"")
        #expect(failed.status == 71 && failed.error.contains("-1 is not positive"), "\(failed.error)")
    }

    @Test(arguments: builds)
    func replWorksOnEveryVersion(version: String, schema: String) throws {
        let run = try Self.hearth("repl", Self.path(version, "calculator"),
                                  input: "let c = Calculator.new(10)\nc.add(5)\nc.value()\nc.free()\n")
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.split(separator: "\n").dropFirst() == ["15", "15", "null"])
    }

    @Test(arguments: builds)
    func inspectShowsTheVersionAndItsSchema(version: String, schema: String) throws {
        let run = try Self.hearth("inspect", Self.path(version, "calculator"))
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("wasm-bindgen \(version) (schema \(schema))"))
        #expect(run.output.contains("class Calculator {\n    constructor(initial: i32)"))
        let json = try Self.hearth("inspect", "--json", Self.path(version, "greet"))
        #expect(json.output.contains("\"wasm-bindgen \(version) (schema \(schema))\""))
    }
}
