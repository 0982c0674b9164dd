import Foundation
import TrialCore
@testable import ADaM

/// Helpers shared by the ADaM tests: building small SDTM datasets by hand and reading files.
enum TestSupport {
    /// The package root (two levels above this file's folder).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `/work/shared` located from the package root as `../shared`, or `nil` when absent.
    static var sharedFolder: URL? {
        let u = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: u.path) ? u : nil
    }

    /// A character-only dataset from a header and rows of text; columns whose name is in
    /// `numeric` become numeric (empty text → missing).
    static func dataset(_ name: String, _ header: [String], _ rows: [[String]], numeric: Set<String> = []) -> Dataset {
        var cols: [Column] = []
        for (j, h) in header.enumerated() {
            if numeric.contains(h) {
                cols.append(.numeric(h, rows.map { Double($0[j]) }))
            } else {
                cols.append(.character(h, rows.map { $0[j] }))
            }
        }
        return Dataset(name: name, columns: cols)
    }

    /// A simple comma-split CSV reader for the reference files (they contain no quotes).
    static func readSimpleCSV(_ url: URL) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let rows = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (header, rows)
    }

    /// SAS date number of an ISO date.
    static func sas(_ iso: String) -> Double {
        Double((try! PartialDateTime.parseISO8601(iso)).date!.sasDate)
    }
}
