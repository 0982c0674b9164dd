// swift-tools-version:6.1
// TrialData benchmarks: a separate package so that CI's `swift test` does not build it.
// Each benchmark is one executable target under Sources/<Name>/; scripts beside them run the
// peers (R, Python) on the same inputs in the same run and print ratios. Results: ../BENCHMARKS.md.
import PackageDescription

let package = Package(
    name: "TrialDataBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "TrialData", path: ".."),
    ],
    targets: [
        // Add one executable target per benchmark, e.g.
        // .executableTarget(name: "XPTBench", dependencies: [.product(name: "DatasetIO", package: "TrialData")]),
        .executableTarget(name: "ValidationBench", dependencies: [
            .product(name: "Validation", package: "TrialData"), .product(name: "TrialCore", package: "TrialData"),
        ]),
        .executableTarget(name: "SDTMBench", dependencies: [
            .product(name: "SDTM", package: "TrialData"), .product(name: "StudyModel", package: "TrialData"),
            .product(name: "TrialCore", package: "TrialData"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
