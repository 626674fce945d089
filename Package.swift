// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "MirrorSweep",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mirrorsweep", targets: ["mirrorsweep"]),
        .library(name: "Core", targets: ["Core"]),
        .library(name: "ZeroMQ", targets: ["ZeroMQ"]),
        .library(name: "Wire", targets: ["Wire"]),
        .library(name: "SweepSpecs", targets: ["SweepSpecs"]),
        .library(name: "Scheduling", targets: ["Scheduling"]),
        .library(name: "Journaling", targets: ["Journaling"]),
        .library(name: "Serving", targets: ["Serving"]),
        .library(name: "Launchers", targets: ["Launchers"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Dashboard", targets: ["Dashboard"]),
        .library(name: "Worker", targets: ["Worker"]),
        .library(name: "Processes", targets: ["Processes"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
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
            dependencies: ["CKernels", "JSON"]
        ),
        .target(
            name: "ZeroMQ",
            dependencies: ["CZeroMQ"],
            path: "Sources/Protocol/ZeroMQ"
        ),
        .target(
            name: "JSON",
            path: "Sources/Protocol/JSON"
        ),
        .target(
            name: "Wire",
            dependencies: ["Core", "JSON", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Protocol/Wire"
        ),
        .target(
            name: "SweepSpecs",
            dependencies: [
                "Core",
                "JSON",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Coordinator/SweepSpecs"
        ),
        .target(
            name: "Scheduling",
            dependencies: ["Core", "SweepSpecs", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Coordinator/Scheduling"
        ),
        .target(
            name: "Journaling",
            dependencies: [
                "Core",
                "JSON",
                "SweepSpecs",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Coordinator/Journaling"
        ),
        .target(
            name: "Serving",
            dependencies: [
                "Core", "JSON", "SweepSpecs", "Scheduling", "Journaling", "Wire", "ZeroMQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Coordinator/Serving"
        ),
        .target(
            name: "Launchers",
            dependencies: ["Core", "JSON", "Processes", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Coordinator/Launchers"
        ),
        .target(
            name: "Reporting",
            dependencies: [
                "Core", "JSON", "SweepSpecs", "Journaling",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/Coordinator/Reporting"
        ),
        .target(
            name: "Dashboard",
            dependencies: [
                "Core", "JSON", "SweepSpecs", "Journaling", "Reporting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/Coordinator/Dashboard"
        ),
        .target(
            name: "Processes",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(
            name: "Worker",
            dependencies: [
                "Core",
                "JSON",
                "Processes",
                "Wire",
                "ZeroMQ",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "mirrorsweep",
            dependencies: [
                "Core", "JSON", "Wire", "ZeroMQ", "SweepSpecs", "Scheduling", "Journaling", "Serving", "Launchers", "Reporting", "Dashboard", "Worker",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "BenchmarkSupport", path: "Benchmarks/Support"),
        .executableTarget(
            name: "mirrorsweep-bench",
            dependencies: ["Core", "CLinearAlgebra", "BenchmarkSupport"],
            path: "Benchmarks/CoreBench"
        ),
        .executableTarget(name: "mirrorsweep-swarm", dependencies: ["Core", "Wire", "ZeroMQ"], path: "Benchmarks/Swarm"),
        .executableTarget(
            name: "mirrorsweep-codec-bench",
            dependencies: ["Core", "JSON", "Wire", "SweepSpecs", "Journaling", "BenchmarkSupport"],
            path: "Benchmarks/CodecBench"
        ),
        .executableTarget(
            name: "mirrorsweep-journal-fill",
            dependencies: ["Core", "SweepSpecs", "Journaling", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/JournalFill"
        ),
        .testTarget(name: "CoreTests", dependencies: ["Core", "CLinearAlgebra"], resources: [.copy("Fixtures")]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "ProtocolTests", dependencies: ["JSON", "Wire", "ZeroMQ", "Core", "CZeroMQ"]),
        .target(
            name: "SimulationSupport",
            dependencies: ["Scheduling", "Worker", "Core", "Wire"],
            path: "Tests/SimulationSupport"),
        .testTarget(
            name: "CoordinatorTests",
            dependencies: [
                "Core", "JSON", "Wire", "SweepSpecs", "Scheduling", "Journaling", "Serving", "Launchers", "Processes", "Reporting",
                "Dashboard", "SimulationSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "WorkerTests", dependencies: ["Worker", "Wire", "ZeroMQ", "Core", "JSON", "SimulationSupport"]),
        .testTarget(name: "ProcessesTests", dependencies: ["Processes"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Core", "Wire", "ZeroMQ", "SweepSpecs", "Scheduling", "Journaling", "Serving", "Launchers", "Processes", "Reporting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
