// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "MirrorSweep",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mirrorsweep", targets: ["mirrorsweep"]),
        .library(name: "Core", targets: ["Core"]),
        .library(name: "Protocol", targets: ["Protocol"]),
        .library(name: "Coordinator", targets: ["Coordinator"]),
        .library(name: "Worker", targets: ["Worker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .systemLibrary(
            name: "CLinearAlgebra",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(
            name: "CKernels",
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "Core",
            dependencies: ["CKernels"]
        ),
        .target(
            name: "Protocol",
            dependencies: [
                "CZeroMQ",
                "Core",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Coordinator",
            dependencies: [
                "Core",
                "Protocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Worker",
            dependencies: [
                "Core",
                "Protocol",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "mirrorsweep",
            dependencies: [
                "Core",
                "Protocol",
                "Coordinator",
                "Worker",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "mirrorsweep-bench",
            dependencies: ["Core", "CLinearAlgebra"],
            path: "Benchmarks/CoreBench"
        ),
        .executableTarget(name: "mirrorsweep-swarm", dependencies: ["Core", "Protocol"], path: "Benchmarks/Swarm"),
        .executableTarget(
            name: "mirrorsweep-journal-fill",
            dependencies: ["Core", "Coordinator", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/JournalFill"
        ),
        .testTarget(name: "CoreTests", dependencies: ["Core", "CLinearAlgebra"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ProtocolTests", dependencies: ["Protocol", "Core", "CZeroMQ"]),
        .target(
            name: "SimulationSupport",
            dependencies: ["Coordinator", "Worker", "Core", "Protocol"],
            path: "Tests/SimulationSupport"),
        .testTarget(
            name: "CoordinatorTests",
            dependencies: [
                "Coordinator", "Core", "Protocol", "SimulationSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "WorkerTests", dependencies: ["Worker", "Protocol", "Core", "SimulationSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Core", "Protocol", "Coordinator", .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
