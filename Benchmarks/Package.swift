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
        // EDCImport: ODM streaming read / flatten / bind (peer: xmllint --stream) and CSV export bind (peer: Python csv).
        .executableTarget(name: "EDCImportBenchmarks", dependencies: [
            .product(name: "EDCImport", package: "TrialData"),
            .product(name: "DatasetIO", package: "TrialData"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
