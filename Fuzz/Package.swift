// swift-tools-version: 6.1
// libFuzzer targets for MirrorSweep's untrusted-input parsers; `make fuzz` builds and runs them.
// A separate package so that the main one stays free of unsafe flags.
import PackageDescription

/// libFuzzer supplies `main` and calls `LLVMFuzzerTestOneInput`; AddressSanitizer checks memory.
let fuzzerFlags: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])]
let fuzzerLinking: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "MirrorSweepFuzz",
    dependencies: [
        .package(name: "MirrorSweep", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "fuzz-message",
            dependencies: [.product(name: "Wire", package: "MirrorSweep")],
            swiftSettings: fuzzerFlags,
            linkerSettings: fuzzerLinking
        ),
        .executableTarget(
            name: "fuzz-spec",
            dependencies: [.product(name: "SweepSpecs", package: "MirrorSweep")],
            swiftSettings: fuzzerFlags,
            linkerSettings: fuzzerLinking
        ),
    ],
    swiftLanguageModes: [.v6]
)
