import DatasetIO
import Foundation
import TrialCore

/// Generic ODM flattening: one CSV per ItemGroupOID, needing no study mapping.
///
/// Each file `<ItemGroupOID>.csv` has one row per ItemGroupData instance (after every
/// transaction of the file was applied in document order) and the columns
/// `SubjectKey, StudyEventOID, StudyEventRepeatKey, FormOID, FormRepeatKey, ItemGroupRepeatKey`
/// followed by the group's ItemOIDs in MetaDataVersion order (ItemRef OrderNumber, else
/// document order). An absent repeat key, an absent item and an `IsNull` item are empty fields.
/// Values that break their ItemDef DataType or CodeList are written as they stand and reported
/// as warnings. An item group without an ItemGroupDef gets its ItemOIDs in order of first
/// appearance (its rows are held until the end of the file). A `/` in an OID becomes `_` in the file name.
/// ```swift
/// let report = try ODMFlattener.flatten(odmFile: "study.xml", outputDirectory: "out/")
/// ```
public enum ODMFlattener {
    /// The key columns that start every file.
    public static let keyColumns = ["SubjectKey", "StudyEventOID", "StudyEventRepeatKey", "FormOID",
                                    "FormRepeatKey", "ItemGroupRepeatKey"]

    /// One output file being written.
    private final class Sink {
        let oid: String
        let path: String
        var itemOIDs: [String]
        var index: [String: Int]
        var writer: CSVWriter?
        var pending: [[String: String?]] = []
        var pendingKeys: [[String]] = []
        var rows = 0
        var notInDef: Set<String> = []
        init(oid: String, path: String, itemOIDs: [String]?) {
            self.oid = oid
            self.path = path
            self.itemOIDs = itemOIDs ?? []
            self.index = Dictionary(self.itemOIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        }
        var fixedColumns: Bool { writer != nil }
    }

    /// Flattens `odmFile` into `outputDirectory` (created if missing).
    ///
    /// Throws for unreadable or malformed ODM (nothing is left in place of the files then:
    /// each file is written to a temporary name and renamed when complete).
    public static func flatten(odmFile: String, outputDirectory: String) throws(InputError) -> FlattenReport {
        do {
            try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw InputError(at: .file(outputDirectory), "cannot create output directory", value: (error as NSError).localizedDescription)
        }
        var sinks: [String: Sink] = [:]
        var order: [String] = []
        var failure: InputError?
        var extraWarnings: [Diagnostic] = []

        let result = try ODMReader.read(file: odmFile) { subject, mdv in
            guard failure == nil else { return }
            do throws(InputError) {
                for e in subject.events {
                    for f in e.forms {
                        for g in f.itemGroups {
                            let sink: Sink
                            if let s = sinks[g.oid] { sink = s } else {
                                let name = g.oid.replacingOccurrences(of: "/", with: "_") + ".csv"
                                sink = Sink(oid: g.oid, path: (outputDirectory as NSString).appendingPathComponent(name),
                                            itemOIDs: mdv?.itemGroups[g.oid]?.itemOIDs)
                                if mdv?.itemGroups[g.oid] != nil {
                                    sink.writer = try CSVWriter(path: sink.path)
                                    try sink.writer?.write(keyColumns + sink.itemOIDs)
                                }
                                sinks[g.oid] = sink
                                order.append(g.oid)
                            }
                            let keys = [subject.subjectKey, e.oid, e.repeatKey ?? "", f.oid, f.repeatKey ?? "", g.repeatKey ?? ""]
                            if let w = sink.writer {
                                var row = keys + Array(repeating: "", count: sink.itemOIDs.count)
                                for item in g.items {
                                    if let i = sink.index[item.oid] {
                                        row[keyColumns.count + i] = item.value ?? ""
                                    } else if sink.notInDef.insert(item.oid).inserted {
                                        extraWarnings.append(Diagnostic(.warning, at: .odm(file: odmFile, path: ODMSubject.path(
                                            subject: subject.subjectKey, event: (e.oid, e.repeatKey), form: (f.oid, f.repeatKey),
                                            itemGroup: (g.oid, g.repeatKey), item: item.oid)),
                                            "ItemOID is not an ItemRef of ItemGroupDef \(g.oid): its values are not written to \((sink.path as NSString).lastPathComponent)",
                                            value: item.oid))
                                    }
                                }
                                try w.write(row)
                            } else {
                                for item in g.items where sink.index[item.oid] == nil {
                                    sink.index[item.oid] = sink.itemOIDs.count
                                    sink.itemOIDs.append(item.oid)
                                }
                                sink.pending.append(Dictionary(g.items.map { ($0.oid, $0.value) }, uniquingKeysWith: { _, b in b }))
                                sink.pendingKeys.append(keys)
                            }
                            sink.rows += 1
                        }
                    }
                }
            } catch { failure = error }
        }
        if let failure { throw failure }
        var files: [FlattenReport.File] = []
        for oid in order {
            guard let sink = sinks[oid] else { continue }
            if sink.writer == nil {
                let w = try CSVWriter(path: sink.path)
                try w.write(keyColumns + sink.itemOIDs)
                for (keys, values) in zip(sink.pendingKeys, sink.pending) {
                    try w.write(keys + sink.itemOIDs.map { (values[$0] ?? nil) ?? "" })
                }
                sink.writer = w
            }
            try sink.writer?.finish()
            files.append(.init(itemGroupOID: oid, path: sink.path, columns: keyColumns + sink.itemOIDs, rows: sink.rows))
        }
        return FlattenReport(files: files, subjects: result.subjectCount, diagnostics: result.diagnostics + extraWarnings,
                             suppressedDiagnostics: result.suppressedDiagnostics)
    }
}
