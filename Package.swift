// swift-tools-version:6.1
// TrialData: EDC exports (CSV, CDISC ODM 1.3.2) → SDTM → ADaM → validation → survival analyses.
// Module floors (DESIGN.md): a module imports only modules of lower floors.
import PackageDescription

/// The byte-crunching modules (file writers, SHA-256 of the manifest) are optimized even in debug
/// builds, so that `swift run trialdata run` — the newcomer's first command — takes seconds, not
/// tens of seconds. Everything else keeps the debug defaults.
let optimizedEvenInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "TrialData",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "trialdata", targets: ["trialdata"]),
        .library(name: "Survival", targets: ["Survival"]),
        .library(name: "TrialCore", targets: ["TrialCore"]),
        .library(name: "DatasetIO", targets: ["DatasetIO"]),
        .library(name: "Validation", targets: ["Validation"]),
        .library(name: "StudyModel", targets: ["StudyModel"]),
        .library(name: "SDTM", targets: ["SDTM"]),
        .library(name: "EDCImport", targets: ["EDCImport"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // Floor 0: system library.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),

        // Floor 1.
        .target(name: "Survival"),
        .target(name: "TrialCore", dependencies: [.product(name: "Yams", package: "Yams")]),

        // Floor 2.
        .target(name: "DatasetIO", dependencies: ["TrialCore"], swiftSettings: optimizedEvenInDebug),
        .target(name: "StudyModel", dependencies: ["TrialCore"]),

        // Floor 3.
        .target(name: "EDCImport", dependencies: [
            "TrialCore", "DatasetIO", "StudyModel", "CLibXML2",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "SDTM", dependencies: ["TrialCore", "StudyModel"]),
        .target(name: "ADaM", dependencies: ["TrialCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "Validation", dependencies: ["TrialCore"]),

        // Floor 4.
        .target(name: "Analysis", dependencies: ["TrialCore", "Survival", .product(name: "Yams", package: "Yams")]),
        .target(name: "Reports", dependencies: ["Analysis", "TrialCore"]),
        .target(name: "Simulation", dependencies: ["StudyModel", "TrialCore", "DatasetIO", "EDCImport"]),

        // Floor 5.
        .target(name: "Pipeline", dependencies: [
            "TrialCore", "Survival", "DatasetIO", "StudyModel", "EDCImport", "SDTM",
            "ADaM", "Validation", "Analysis", "Reports", "Simulation", "COpenSSL",
        ], swiftSettings: optimizedEvenInDebug),

        // Floor 6: the command-line tool.
        .executableTarget(name: "trialdata", dependencies: [
            "TrialCore", "Survival", "DatasetIO", "StudyModel", "EDCImport", "SDTM",
            "ADaM", "Validation", "Analysis", "Reports", "Simulation", "Pipeline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Test targets: one per module, added by the module's author. Fixtures under Tests/<Module>Tests/Fixtures.
        .testTarget(name: "TrialCoreTests", dependencies: ["TrialCore"]),
        .testTarget(name: "StudyModelTests", dependencies: ["StudyModel", "TrialCore"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "StudyModel", "TrialCore", "EDCImport", "DatasetIO"]),
        .testTarget(name: "SurvivalTests", dependencies: ["Survival"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SurvivalCLITests", dependencies: ["trialdata", "TrialCore"]),
        .testTarget(name: "EDCImportTests", dependencies: ["EDCImport", "StudyModel", "TrialCore", "DatasetIO"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ADaMTests", dependencies: ["ADaM", "TrialCore", "EDCImport", "SDTM", "StudyModel"]),
        .testTarget(name: "SDTMTests", dependencies: ["SDTM", "StudyModel", "TrialCore", "EDCImport", "trialdata"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "TrialCore", "ADaM", "SDTM", "EDCImport", "StudyModel"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Survival", "TrialCore", "EDCImport", "SDTM", "ADaM", "StudyModel"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "DatasetIOTests", dependencies: ["DatasetIO", "TrialCore", .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["Fixtures", "Interop"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Analysis", "TrialCore"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "TrialCore", "Analysis", "Simulation", "StudyModel"]),
    ],
    swiftLanguageModes: [.v6]
)
