import ArgumentParser
import EDCImport
import Foundation
import TrialCore

/// `trialdata import STUDY_DIR`: binds a study's EDC export to the typed model and prints the
/// reconciliation (records read, bound and rejected per entity, and every rejection).
///
/// ```
/// trialdata import examples/crlm                      # CSV export, text table
/// trialdata import examples/crlm --source odm --format json
/// ```
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bind a study's CSV or ODM export to the typed study model and report read/bound/rejected records.",
        discussion: """
        STUDY_DIR holds study.yaml naming the mapping folder and the exports, e.g.
          study: CRLM-LOCAL
          mapping: ../../mappings/crlm
          export: {csv: export/csv, odm: export/odm/crlm.xml}
        Every record ends bound or rejected (records read = bound + rejected); each rejection \
        names its file and line, or its ODM path, with the reason.
        Exit codes: 0 all records bound; 1 some records rejected (report printed); \
        65 an export or the mapping cannot be read.
        Example: trialdata import examples/crlm --source odm --format json
        """)

    /// Which export to bind.
    enum Source: String, ExpressibleByArgument, CaseIterable {
        case csv, odm
    }

    /// Output format.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Study folder containing study.yaml.")
    var studyDir: String

    @Option(help: "Export to bind: csv or odm.")
    var source: Source = .csv

    @Option(help: "Report format: text or json.")
    var format: Format = .text

    func run() throws {
        let result: BindResult
        do {
            let dir = try StudyDirectory.load(directory: studyDir)
            let mapping = try StudyMapping.load(directory: dir.mapping)
            switch source {
            case .csv:
                guard let csv = dir.export.csv else {
                    throw InputError(at: .file(studyDir + "/study.yaml"), "study.yaml names no CSV export", expected: "export: {csv: FOLDER}")
                }
                result = try Binder.bind(csvDirectory: csv, mapping: mapping)
            case .odm:
                guard let odm = dir.export.odm else {
                    throw InputError(at: .file(studyDir + "/study.yaml"), "study.yaml names no ODM export", expected: "export: {odm: FILE}")
                }
                result = try Binder.bind(odmFile: odm, mapping: mapping)
            }
        } catch let e as InputError {
            throw CommandLineFailure.badInput(e)
        }
        switch format {
        case .json:
            print(result.report.json())
        case .text:
            print(ImportCommand.text(result.report))
        }
        if result.report.total.rejected > 0 { throw CommandLineFailure.validationErrors }
    }

    /// `s` right-aligned in `width` columns.
    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
    }

    /// The report as a table followed by the rejections and warnings.
    static func text(_ r: BindReport) -> String {
        func row(_ name: String, _ c: BindReport.Count) -> String {
            name.padding(toLength: 20, withPad: " ", startingAt: 0)
                + pad(String(c.read), 8) + pad(String(c.bound), 8) + pad(String(c.rejected), 10)
        }
        var lines = ["\(r.study): \(r.source) export",
                     "entity".padding(toLength: 20, withPad: " ", startingAt: 0) + pad("read", 8) + pad("bound", 8) + pad("rejected", 10)]
        for (e, c) in r.counts { lines.append(row(e.rawValue, c)) }
        lines.append(row("total", r.total))
        if !r.rejections.isEmpty {
            lines.append("")
            lines.append("rejections (\(r.rejections.count)):")
            lines += r.rejections.map { "  " + $0.description }
        }
        if !r.warnings.isEmpty {
            lines.append("")
            lines.append("warnings (\(r.warnings.count)):")
            lines += r.warnings.map { "  " + $0.description }
        }
        return lines.joined(separator: "\n")
    }
}
