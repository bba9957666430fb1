// swift-tools-version:6.1

import Foundation
import PackageDescription

// A path dependency is named after its folder, which differs between checkouts.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// Side-by-side benchmarks: every workload runs in Hearth and in WasmKit 0.4.2, in one process.
let package = Package(
    name: "HearthBenchmarks",
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
    ],
    targets: [
        .executableTarget(
            name: "HearthBenchmarks",
            dependencies: [
                .product(name: "Hearth", package: root),
                .product(name: "WasmKit", package: "WasmKit"),
                .product(name: "WasmKitWASI", package: "WasmKit"),
            ]
        ),
    ]
)
