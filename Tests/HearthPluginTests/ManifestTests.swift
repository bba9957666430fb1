import Foundation
import JSON
import Testing
@testable import HearthPlugin

/// Plugin manifests (docs/manifest.md): what each key means, and an error naming the JSON path
/// for everything that is not what Hearth needs.
@Suite struct ManifestTests {
    static func manifest(_ text: String) throws -> PluginManifest {
        try PluginManifest(json: try JSON.parse(text), baseDirectory: "/plugins/demo")
    }

    /// The first problem's path and expectation.
    static func error(_ text: String) -> ManifestError? {
        do {
            _ = try manifest(text)
            return nil
        } catch let error as ManifestError {
            return error
        } catch {
            return nil
        }
    }

    @Test func aSingleModuleIsTheMainOneWithDefaultLimits() throws {
        let manifest = try Self.manifest(#"{"modules": {"greet.wasm": {"wasm": "build/greet.wasm"}}}"#)
        #expect(manifest.mainModule == "greet.wasm")
        #expect(manifest.modules.first?.source.location == .file("/plugins/demo/build/greet.wasm"))
        #expect(manifest.limits == PluginLimits())
        #expect(manifest.limits.memoryBytes == 128 << 20)
        #expect(manifest.wasi == nil)
    }

    @Test func everyKeyIsRead() throws {
        let hash = String(repeating: "ab", count: 32)
        let manifest = try Self.manifest("""
            {
              "mainModule": "main.wasm",
              "modules": {
                "main.wasm": {"wasm": "/abs/main.wasm", "sha256": "\(hash)"},
                "math.wasm": {"bytes": "AGFzbQEAAAA="}
              },
              "limits": {"memoryBytes": 1048576, "fuel": 1000000, "timeoutMs": 250, "callDepth": 500},
              "wasi": {"args": ["main", "-v"], "env": {"MODE": "test"}, "stdio": "inherit",
                       "dirs": [{"host": "data", "guest": "/data", "readOnly": true}, {"host": "/tmp"}]},
              "config": {"greeting": "hi", "count": 3},
              "signatures": {"math.wasm": {"functions": {}}}
            }
            """)
        #expect(manifest.mainModule == "main.wasm")
        #expect(manifest.modules.map(\.name) == ["main.wasm", "math.wasm"])
        #expect(manifest.modules[0].source.location == .file("/abs/main.wasm"))
        #expect(manifest.modules[0].source.sha256 == [UInt8](repeating: 0xAB, count: 32))
        #expect(manifest.modules[1].source.location == .inline([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]))
        #expect(manifest.limits.memoryBytes == 1 << 20 && manifest.limits.fuel == 1_000_000)
        #expect(manifest.limits.timeoutMs == 250 && manifest.limits.callDepth == 500)
        let wasi = try #require(manifest.wasi)
        #expect(wasi.args == ["main", "-v"])
        #expect(wasi.env.map(\.name) == ["MODE"] && wasi.env.map(\.value) == ["test"])
        #expect(wasi.stdio == .inherit)
        #expect(wasi.dirs == [.init(host: "/plugins/demo/data", guest: "/data", readOnly: true),
                              .init(host: "/tmp", guest: "/tmp", readOnly: false)])
        #expect(manifest.config["count"] == 3)
        #expect(manifest.signatures["math.wasm"] != nil)
    }

    /// The example in docs/manifest.md is a manifest Hearth reads.
    @Test func theDocumentedExampleIsValid() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/manifest.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let manifest = try Self.manifest(String(text[start.upperBound..<end.lowerBound]))
        #expect(manifest.mainModule == "orchestrator.wasm")
        #expect(manifest.modules.count == 3)
        #expect(manifest.wasi?.dirs.first?.readOnly == true)
    }

    @Test(arguments: [
        (#"[]"#, "$", "expected an object"),
        (#"{"modules": {"a.wasm": {"wasm": "a.wasm"}}, "extra": 1}"#, "$.extra", "unknown key"),
        (#"{}"#, "$.modules", "expected an object, found nothing"),
        (#"{"modules": {}}"#, "$.modules", "expected at least one module"),
        (#"{"modules": {"a.wasm": {"wasm": "a"}, "b.wasm": {"wasm": "b"}}}"#, "$.mainModule", "expected the name of the main module"),
        (#"{"mainModule": "c.wasm", "modules": {"a.wasm": {"wasm": "a"}}}"#, "$.mainModule", "expected one of the modules (a.wasm)"),
        (#"{"modules": {"a.wasm": {}}}"#, #"$.modules["a.wasm"]"#, #"expected "wasm" (a path) or "bytes""#),
        (#"{"modules": {"a.wasm": {"wasm": "a", "bytes": "AA=="}}}"#, #"$.modules["a.wasm"]"#, "not both"),
        (#"{"modules": {"a.wasm": {"bytes": "not base64!"}}}"#, #"$.modules["a.wasm"].bytes"#, "base64"),
        (#"{"modules": {"a.wasm": {"wasm": "a", "sha256": "xyz"}}}"#, #"$.modules["a.wasm"].sha256"#, "64 hexadecimal digits"),
        (#"{"modules": {"a.wasm": {"wasm": "a", "path": "a"}}}"#, #"$.modules["a.wasm"].path"#, "unknown key"),
        (#"{"modules": {"a.wasm": {"wasm": "a"}}, "limits": {"fuel": -5}}"#, "$.limits.fuel", "positive whole number of instructions"),
        (#"{"modules": {"a.wasm": {"wasm": "a"}}, "limits": {"memoryBytes": 1.5}}"#, "$.limits.memoryBytes", "positive whole number of bytes"),
        (#"{"modules": {"a.wasm": {"wasm": "a"}}, "limits": {"gas": 1}}"#, "$.limits.gas", "unknown key"),
        (#"{"modules": {"a.wasm": {"wasm": "a"}}, "wasi": {"args": [1]}}"#, "$.wasi.args", "array of strings"),
        (#"{"modules": {"a.wasm": {"wasm": "a"}}, "wasi": {"env": {"A=B": "c"}}}"#, #"$.wasi.env["A=B"]"#, "without"),
        (#"{"modules": {"a.wasm": {"wasm": "a"}}, "wasi": {"dirs": [{"host": "d"}, {"host": "e", "readOnly": "yes"}]}}"#,
         "$.wasi.dirs[1].readOnly", "true or false"),
        (#"{"modules": {"a.wasm": {"wasm": "a"}}, "wasi": {"stdio": "pipe"}}"#, "$.wasi.stdio", #"expected "inherit" or "none""#),
        (#"{"modules": {"a.wasm": {"wasm": "a"}}, "signatures": {"b.wasm": {}}}"#, #"$.signatures["b.wasm"]"#, "a module of the plugin"),
    ])
    func errorsNameTheJSONPath(_ text: String, _ path: String, _ expected: String) {
        let error = Self.error(text)
        #expect(error?.path == path, "\(String(describing: error))")
        #expect(error?.expected.contains(expected) == true, "\(String(describing: error))")
        #expect(error.map { "\($0)".hasPrefix("HEARTH-E601 invalid manifest: \(path): ") } == true)
    }
}

/// The deployment tiers' bounds.
@Suite struct DeploymentTierTests {
    @Test func tiersFollowTheSize() {
        #expect(DeploymentTier.of(size: 99_999) == .optimal)
        #expect(DeploymentTier.of(size: 100_000) == .good)
        #expect(DeploymentTier.of(size: 1_999_999) == .acceptable)
        #expect(DeploymentTier.of(size: 9_999_999) == .monitor)
        #expect(DeploymentTier.of(size: 25_000_000) == .warning)
        #expect(DeploymentTier.of(size: 25_000_001) == .rejected)
        #expect(DeploymentTier.allCases.map(\.verdict) == ["pass", "pass", "pass", "pass", "warn", "fail"])
        var strict = DeploymentTier.Thresholds()
        strict.optimal = 10
        #expect(DeploymentTier.of(size: 10, thresholds: strict) == .good)
    }
}
