// swift-tools-version:6.1

import PackageDescription

// Dependencies point one way: JSON, WasmBinary -> WasmEngine -> Bridge -> Hearth -> hearth.
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
        .target(name: "JSON", dependencies: ["CJSONC"]),
        .target(name: "WasmBinary"),
        .target(
            name: "CWasmEngine",
            cSettings: [.unsafeFlags(["-O2", "-fno-strict-aliasing"])]
        ),
        .target(name: "WasmEngine", dependencies: ["WasmBinary", "CWasmEngine"]),
        .target(name: "Bridge", dependencies: ["WasmEngine", "WasmBinary", "JSON"]),
        .target(name: "Hearth", dependencies: ["WasmEngine", "WasmBinary", "Bridge", "JSON"]),
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
        .testTarget(name: "BridgeTests", dependencies: ["Hearth", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "WasmBinaryTests", dependencies: ["WasmBinary"]),
        .testTarget(
            name: "WasmEngineTests", dependencies: ["Hearth", "TestSupport", "AllocationCounter"], exclude: ["Fixtures"]),
        .testTarget(name: "SpecTests", dependencies: ["SpecTestRunner"]),
        .testTarget(name: "HearthCLITests", dependencies: ["hearth"]),
    ]
)
