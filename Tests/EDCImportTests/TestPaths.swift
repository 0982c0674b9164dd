import Foundation

/// Paths of the repository and the test fixtures, found from this file's location.
enum TestPaths {
    /// Repository root.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    /// `Tests/EDCImportTests/Fixtures`.
    static let fixtures = root + "/Tests/EDCImportTests/Fixtures"
    /// `mappings/crlm`.
    static let crlmMapping = root + "/mappings/crlm"

    /// A fresh temporary directory.
    static func tempDir() -> String {
        let d = NSTemporaryDirectory() + "edcimport-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// Writes `text` to `dir/name` and returns the path.
    @discardableResult
    static func write(_ text: String, to dir: String, _ name: String) -> String {
        let p = dir + "/" + name
        FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }
}
