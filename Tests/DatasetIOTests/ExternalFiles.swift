import Foundation
import Testing

/// Locates `/work/shared/external`-style reference data: the package root is found by
/// walking up from this file to `Package.swift`; the data is `../shared/external` next to it.
enum ExternalFiles {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return "."
    }()

    /// `../shared/external` relative to the package root.
    static let root = URL(fileURLWithPath: packageRoot).deletingLastPathComponent()
        .appendingPathComponent("shared/external").path

    /// The path of `relative` under the external root, or `nil` when absent.
    static func path(_ relative: String) -> String? {
        let p = root + "/" + relative
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// True when the external data is present; otherwise tests are skipped with this reason.
    static var available: Bool { path("cdisc-dataset-json-examples/adam/adtte.xpt") != nil }
    static let skipReason: Comment = "external CDISC files not found at ../shared/external next to the package root"
}
