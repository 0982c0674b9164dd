// swift-tools-version:6.1
// TrialData benchmarks, kept out of the root package so CI's `swift test` does not build them.
// Each benchmark is one executable target under Sources/<Name>/; scripts beside them run the
// peers (R, Python, xmllint) on the same inputs in the same run and print ratios.
// Results: ../BENCHMARKS.md. Run from this folder, e.g. `bash datasetio-bench.sh`.
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
        // DatasetIO: XPT, Dataset-JSON and CSV read/write on 1,000,000 rows × 20 variables.
        .executableTarget(name: "DatasetIOBenchmarks", dependencies: [
            .product(name: "DatasetIO", package: "TrialData"),
            .product(name: "TrialCore", package: "TrialData"),
        ]),
        // EDCImport: ODM streaming read / flatten / bind (peer: xmllint --stream) and CSV export bind (peer: Python csv).
        .executableTarget(name: "EDCImportBenchmarks", dependencies: [
            .product(name: "EDCImport", package: "TrialData"),
            .product(name: "DatasetIO", package: "TrialData"),
        ]),
        // SDTM: mapping an N-subject synthetic study to all domains.
        .executableTarget(name: "SDTMBench", dependencies: [
            .product(name: "SDTM", package: "TrialData"), .product(name: "StudyModel", package: "TrialData"),
            .product(name: "TrialCore", package: "TrialData"),
        ]),
        // Validation: all rules over a synthetic SDTM made from the specs.
        .executableTarget(name: "ValidationBench", dependencies: [
            .product(name: "Validation", package: "TrialData"), .product(name: "TrialCore", package: "TrialData"),
        ]),
        // Analysis + Reports: TrialAnalysis.run and ReportWriter on a big study's ADaM (ADQS streamed in chunks).
        .executableTarget(name: "AnalysisBench", dependencies: [
            .product(name: "Analysis", package: "TrialData"), .product(name: "Reports", package: "TrialData"),
            .product(name: "DatasetIO", package: "TrialData"), .product(name: "TrialCore", package: "TrialData"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
