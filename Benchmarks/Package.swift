// swift-tools-version:6.1
// Benchmarks for TrialData, kept out of the root package so CI's test build does not pay for
// them. Run from this folder, e.g. `bash datasetio-bench.sh` (see BENCHMARKS.md at the root).
import PackageDescription

let package = Package(
    name: "TrialDataBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "TrialData", path: ".."),
    ],
    targets: [
        // DatasetIO: XPT, Dataset-JSON and CSV read/write on 1,000,000 rows × 20 variables.
        .executableTarget(name: "DatasetIOBenchmarks", dependencies: [
            .product(name: "DatasetIO", package: "TrialData"),
            .product(name: "TrialCore", package: "TrialData"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
