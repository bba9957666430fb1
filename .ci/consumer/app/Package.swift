// swift-tools-version:6.1

import PackageDescription

// An app that embeds Hearth the way README.md tells an app to: by version, from its URL.
// `.ci/consumer/check.sh` copies this folder, puts the URL of a tagged clone of Hearth in
// place of HEARTH_URL and builds it in release mode.
let package = Package(
    name: "HearthConsumer",
    dependencies: [
        .package(url: "HEARTH_URL", from: "0.1.0"),
    ],
    targets: [
        .executableTarget(
            name: "HearthConsumer",
            dependencies: [.product(name: "Hearth", package: "Hearth")]
        ),
    ]
)
