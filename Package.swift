// swift-tools-version:6.1

import PackageDescription

// Dependencies point one way: Diagnostics -> JSON, WasmBinary -> WasmEngine -> HearthWASI -> Bridge -> HearthPlugin -> Hearth -> hearth
// (Bridge links WASI for guests that import it: a Go reactor does).
// CWasmEngine holds the generated threaded-code handlers (see docs/architecture.md).
let package = Package(
    name: "Hearth",
    products: [
        .library(name: "Hearth", targets: ["Hearth"]),
        .library(name: "WasmBinary", targets: ["WasmBinary"]),
        .library(name: "WasmEngine", targets: ["WasmEngine"]),
        .library(name: "JSON", targets: ["JSON"]),
        .executable(name: "hearth", targets: ["hearth"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CJSONC", pkgConfig: "json-c", providers: [.apt(["libjson-c-dev"])]),
        .target(name: "Diagnostics"),
        .target(name: "JSON", dependencies: ["CJSONC", "Diagnostics"]),
        .target(name: "WasmBinary", dependencies: ["Diagnostics"]),
        // No unsafe build flags anywhere: SwiftPM refuses them in a package another depends on
        // by version. The handlers need none (see handlers.c's SLOT and docs/performance.md).
        .target(name: "CWasmEngine"),
        .target(name: "WasmEngine", dependencies: ["Diagnostics", "WasmBinary", "CWasmEngine"]),
        .target(name: "HearthWASI", dependencies: ["Diagnostics", "WasmEngine", "WasmBinary"]),
        .target(name: "Bridge", dependencies: ["Diagnostics", "WasmEngine", "WasmBinary", "HearthWASI", "JSON"]),
        .target(name: "HearthPlugin", dependencies: ["Diagnostics", "JSON", "WasmBinary", "WasmEngine", "HearthWASI", "Bridge"]),
        .target(name: "Hearth", dependencies: ["Diagnostics", "WasmEngine", "WasmBinary", "HearthWASI", "Bridge", "JSON", "HearthPlugin"]),
        .target(name: "SpecTestRunner", dependencies: ["Hearth"]),
        .executableTarget(
            name: "hearth",
            dependencies: [
                "Hearth", "SpecTestRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "HearthPluginTests", dependencies: ["HearthPlugin", "JSON", "Bridge", "WasmEngine", "WasmBinary", "HearthWASI"], exclude: ["Fixtures"]),
        .testTarget(name: "BridgeTests", dependencies: ["Bridge", "JSON", "WasmEngine", "WasmBinary", "HearthWASI", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "WasmBinaryTests", dependencies: ["WasmBinary"]),
        .testTarget(
            name: "WasmEngineTests", dependencies: ["WasmEngine", "WasmBinary", "Diagnostics", "TestSupport", "AllocationCounter"],
            exclude: ["Fixtures"]),
        .testTarget(name: "HearthWASITests", dependencies: ["HearthWASI", "WasmEngine", "WasmBinary", "AllocationCounter"], exclude: ["Fixtures"]),
        .testTarget(name: "SpecTests", dependencies: ["SpecTestRunner"]),
        .testTarget(name: "HearthCLITests", dependencies: ["hearth", "Hearth"], exclude: ["Fixtures"]),
    ]
)
