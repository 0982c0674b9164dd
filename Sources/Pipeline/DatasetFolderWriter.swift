import DatasetIO
import Dispatch
import Foundation
import TrialCore

/// Writes datasets that arrive in chunks (the same dataset again and again, one chunk of
/// subjects at a time) into a folder as `<name>.<format>` files, one open `DatasetAppender` per
/// dataset and format, so no dataset is ever held whole.
///
/// ```swift
/// let w = DatasetFolderWriter(folder: staging + "/sdtm", formats: [.xpt, .json], lengths: .minimal, options: options)
/// for chunk in chunks { try w.append(chunk.datasets) }
/// let (files, warnings) = try w.finish()     // ["dm.xpt", "dm.json", …]
/// ```
/// The first chunk of a dataset fixes its columns and metadata (spec-conformed chunks all
/// have the same); a later chunk with other columns is an error. File names are the dataset
/// names in lower case, as submissions name them.
public final class DatasetFolderWriter {
    /// The folder written into (created when missing).
    public let folder: String
    /// The formats each dataset is written in.
    public let formats: [DatasetFormat]
    private let lengths: DatasetSpec.LengthPolicy
    private let options: DatasetFile.WriteOptions
    private var open: [(name: String, files: [(path: String, appender: DatasetAppender)])] = []

    /// A writer into `folder`; `lengths` and `options` as for `DatasetFile.write`.
    public init(folder: String, formats: [DatasetFormat], lengths: DatasetSpec.LengthPolicy = .spec,
                options: DatasetFile.WriteOptions = .init()) {
        self.folder = folder
        self.formats = formats
        self.lengths = lengths
        self.options = options
    }

    /// Appends the rows of each dataset to its files (opening them on the dataset's first chunk).
    public func append(_ datasets: [Dataset]) throws(InputError) {
        for ds in datasets { try append(ds) }
    }

    /// Appends the rows of `dataset` to its files, named `fileBase` (default: the dataset name
    /// in lower case) plus the format's extension.
    public func append(_ dataset: Dataset, as fileBase: String? = nil) throws(InputError) {
        let base = fileBase ?? dataset.name.lowercased()
        if let i = open.firstIndex(where: { $0.name == base }) {
            for f in open[i].files { try f.appender.append(dataset) }
            return
        }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw InputError(at: .file(folder), "cannot create the output folder: \(error.localizedDescription)")
        }
        var files: [(path: String, appender: DatasetAppender)] = []
        for f in formats {
            let name = base + "." + f.rawValue
            let a = try DatasetAppender(path: (folder as NSString).appendingPathComponent(name), format: f, template: dataset,
                                        lengths: lengths, options: options)
            try a.append(dataset)
            files.append((name, a))
        }
        open.append((base, files))
    }

    /// Completes every file; returns the file names (relative to `folder`, in dataset then
    /// format order) and the writers' warnings.
    public func finish() throws(InputError) -> (files: [String], warnings: [Diagnostic]) {
        // Files are completed on every core (an XPT with `.minimal` lengths copies its spilled
        // rows into place at this point).
        let all = open.flatMap(\.files)
        open = []
        // Each job touches its own appender only.
        nonisolated(unsafe) let appenders = all.map(\.appender)
        let results = ParallelSlots.run(appenders.count) { k in
            Result { () throws(InputError) -> [Diagnostic] in try appenders[k].finish() }
        }
        var warnings: [Diagnostic] = []
        for r in results { warnings += try r.get() }
        return (all.map(\.path), warnings)
    }
}
