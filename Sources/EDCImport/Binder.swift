import DatasetIO
import Foundation
import StudyModel
import TrialCore

/// Turns a study's CSV export or ODM export into `StudyData` through its `StudyMapping`,
/// rejecting (never dropping) records it cannot bind: every source record ends bound or in
/// `BindReport.rejections`, and per entity read = bound + rejected.
///
/// ```swift
/// let mapping = try StudyMapping.load(directory: "mappings/crlm")
/// let csv = try Binder.bind(csvDirectory: "examples/crlm/export/csv", mapping: mapping)
/// let odm = try Binder.bind(odmFile: "examples/crlm/export/odm/crlm.xml", mapping: mapping)
/// assert(csv.study == odm.study)
/// ```
/// Locations name the file by its name only (`ae.csv:12`, `crlm.xml: SubjectData[…]/…`).
/// A large CSV export can be bound a few thousand subjects at a time with `planChunks` and
/// `bind(csvDirectory:mapping:chunk:of:)` (Binder+Chunks.swift); the chunks add up to the whole bind.
/// Throws only when an export cannot be used at all: a missing file, a header without a
/// mapped column, malformed XML.
public enum Binder {
    /// Binds a CSV export folder (one file per entity, as the mapping names them).
    ///
    /// Files are bound on up to two threads (one accumulator per file, merged in mapping order,
    /// so the result is the same as binding them one after another).
    public static func bind(csvDirectory: String, mapping: StudyMapping) throws(InputError) -> BindResult {
        try bindCSVFiles(csvDirectory: csvDirectory, mapping: mapping, plan: nil, chunk: 0)
    }

    /// Binds every file of the export (only chunk `chunk`'s rows when `plan` is given), the files
    /// split over two threads by size when there are two cores, and merged in mapping order.
    static func bindCSVFiles(csvDirectory: String, mapping: StudyMapping, plan: CSVChunkPlan?, chunk: Int) throws(InputError) -> BindResult {
        let options = try csvOptions(mapping)
        let entities = mapping.entities
        var tables: [[UInt32]?] = []
        var runs: [[CSVChunkPlan.Run]?] = []
        let paths = entities.map { (csvDirectory as NSString).appendingPathComponent($0.csv) }
        let sizes = paths.map { ((try? FileManager.default.attributesOfItem(atPath: $0))?[.size] as? Int) ?? -1 }
        for (i, e) in entities.enumerated() {
            guard let plan else { tables.append(nil); runs.append(nil); continue }
            guard let rows = plan.rowChunks[e.entity] else { throw changedSincePlanning(e.csv) }
            if sizes[i] >= 0, let planned = plan.sizes[e.entity], planned != sizes[i] { throw changedSincePlanning(e.csv) }
            tables.append(rows)
            runs.append(plan.runs[e.entity] ?? nil)
        }
        // Two groups of files of about equal size (largest first, each to the lighter group).
        let threads = ProcessInfo.processInfo.activeProcessorCount >= 2 && entities.count > 1 ? 2 : 1
        var group = [Int](repeating: 0, count: entities.count)
        if threads == 2 {
            var load = [0, 0]
            for i in entities.indices.sorted(by: { sizes[$0] > sizes[$1] }) {
                let g = load[0] <= load[1] ? 0 : 1
                group[i] = g
                load[g] += sizes[i]
            }
        }
        let accs = entities.map { _ in BindAccumulator(mapping: mapping, source: "csv") }
        var errors = [InputError?](repeating: nil, count: entities.count)
        errors.withUnsafeMutableBufferPointer { errs in
            let errs = WorkerShared(errs)
            let work = WorkerShared((accs, tables, runs, paths, entities, group))
            DispatchQueue.concurrentPerform(iterations: threads) { g in
                let (accs, tables, runs, paths, entities, group) = work.value
                for i in entities.indices where group[i] == g {
                    do throws(InputError) {
                        try bindCSVFile(path: paths[i], name: entities[i].csv, entity: entities[i], options: options,
                                        rows: tables[i], runs: runs[i], chunk: UInt32(chunk), into: accs[i])
                    } catch {
                        errs.value[i] = error
                        return
                    }
                }
            }
        }
        if let first = errors.first(where: { $0 != nil }), let error = first { throw error }
        let acc = accs[0]
        for other in accs.dropFirst() { acc.absorb(other) }
        return acc.finish()
    }

    /// Binds an ODM 1.3.2 file.
    public static func bind(odmFile: String, mapping: StudyMapping) throws(InputError) -> BindResult {
        let acc = BindAccumulator(mapping: mapping, source: "odm")
        let name = (odmFile as NSString).lastPathComponent
        var byGroup: [String: [EntityMapping]] = [:]
        var knownItems: [EntityKind: Set<String>] = [:]
        for e in mapping.entities { byGroup[e.odm.itemGroupOID, default: []].append(e); knownItems[e.entity] = Set(e.odmItems) }
        var unmapped: [String: (count: Int, location: SourceLocation)] = [:]
        var unmappedOrder: [String] = []
        let result = try ODMReader.read(file: odmFile) { subject, _ in
            for ev in subject.events {
                let visit = mapping.visit(studyEventOID: ev.oid, repeatKey: ev.repeatKey)
                for form in ev.forms {
                    for g in form.itemGroups {
                        let row = SourceRecord.ODMRow(file: name, subjectKey: subject.subjectKey, siteOID: subject.siteOID,
                                                      event: (ev.oid, ev.repeatKey), form: (form.oid, form.repeatKey), group: g, visit: visit)
                        guard let entity = byGroup[g.oid]?.first(where: { $0.odm.formOID == form.oid }) else {
                            if unmapped[g.oid] == nil { unmappedOrder.append(g.oid) }
                            unmapped[g.oid, default: (0, .odm(file: name, path: row.path(item: nil)))].count += 1
                            continue
                        }
                        var problems: [Rejection] = []
                        if let se = entity.odm.studyEventOID, se != ev.oid {
                            problems.append(Rejection(entity: entity.entity, location: .odm(file: name, path: row.path(item: nil)),
                                                      reason: "item group \(g.oid) in an unexpected study event", value: ev.oid,
                                                      expected: "StudyEventOID \(se)"))
                        }
                        let known = knownItems[entity.entity] ?? []
                        for item in g.items where !known.contains(item.oid) {
                            problems.append(Rejection(entity: entity.entity, location: .odm(file: name, path: row.path(item: item.oid)),
                                                      reason: "unknown ItemOID in item group \(g.oid)", value: item.oid,
                                                      expected: "an ItemOID the mapping reads for \(entity.entity.rawValue)"))
                        }
                        acc.add(.odm(row), entity: entity, extraProblems: problems)
                    }
                }
            }
        }
        acc.warnings = result.diagnostics.map { d in
            var d = d
            if case let .odm(_, path) = d.location { d.location = .odm(file: name, path: path) }
            return d
        }
        if result.suppressedDiagnostics > 0 {
            acc.warnings.append(Diagnostic(.note, at: .file(name), "\(result.suppressedDiagnostics) more ODM warnings not shown"))
        }
        for oid in unmappedOrder {
            guard let u = unmapped[oid] else { continue }
            acc.warnings.append(Diagnostic(.warning, at: u.location,
                                           "item group \(oid) is not mapped to any entity: \(u.count) instance\(u.count == 1 ? "" : "s") not imported",
                                           value: oid))
        }
        return acc.finish()
    }

    /// The CSV reader options of the mapping's dialect (ragged rows reported, not thrown).
    static func csvOptions(_ mapping: StudyMapping) throws(InputError) -> CSVOptions {
        guard let delimiter = CSVOptions.Delimiter(text: mapping.csv.delimiter) else {
            throw InputError(at: .unknown, "unsupported CSV delimiter in the mapping", value: mapping.csv.delimiter, expected: ", ; \\t |")
        }
        return CSVOptions(delimiter: delimiter, hasHeader: true,
                          encoding: mapping.csv.encoding == .latin1 ? .latin1 : .utf8, raggedRows: .report)
    }

    /// Reads one CSV file into the accumulator; a row the CSV reader cannot read becomes a
    /// rejection and reading resumes on the next line. With `rows`, only the rows whose entry
    /// (by row ordinal) is `chunk` are bound; the others are skipped without making a String.
    static func bindCSVFile(path: String, name: String, entity: EntityMapping, options: CSVOptions,
                            rows: [UInt32]? = nil, runs: [CSVChunkPlan.Run]? = nil, chunk: UInt32 = 0,
                            into acc: BindAccumulator) throws(InputError) {
        let scan = try CSVFileScan(path: path, name: name, entity: entity, options: options)
        let header = scan.header
        let columns = SourceRecord.CSVColumns(entity: entity, index: scan.columnIndex)
        func bindItem(_ item: CSVFileScan.Item) {
            switch item {
            case let .unreadable(rejection, resumed):
                acc.addUnreadable(entity.entity, rejection)
                if let resumed { acc.warnings.append(resumed) }
            case let .row(line, row):
                if row.count != header.count {
                    acc.addUnreadable(entity.entity, Rejection(entity: entity.entity, location: .text(file: name, line: line, column: nil),
                        reason: "ragged row: \(row.count) field\(row.count == 1 ? "" : "s") where the header has \(header.count)",
                        expected: "\(header.count) fields"))
                    return
                }
                acc.add(.csv(.init(file: name, line: line, row: row, columns: columns)), entity: entity)
            }
        }
        // A planned file without unreadable rows: read only this chunk's runs.
        if let rows, let runs, try scan.forEach(runs: runs, chunk: chunk, rowCount: rows.count, { (_, item) throws(InputError) in bindItem(item) }) {
            return
        }
        var seen = 0
        try scan.forEach { (ordinal, item) throws(InputError) in
            seen = ordinal + 1
            if let rows {
                guard ordinal < rows.count else { throw changedSincePlanning(name) }
                if rows[ordinal] != chunk { return }
            }
            bindItem(item)
        }
        if let rows, seen != rows.count { throw changedSincePlanning(name) }
    }

    /// The error for an export file whose rows differ from those seen when the chunks were planned.
    static func changedSincePlanning(_ name: String) -> InputError {
        InputError(at: .file(name), "export file changed since its chunks were planned",
                   expected: "the same export folder and mapping as given to Binder.planChunks")
    }

    /// Byte offset where 1-based `line` starts, or `nil` past the end.
    static func offset(ofLine line: Int, in bytes: [UInt8]) -> Int? {
        if line <= 1 { return 0 }
        var n = 1
        for (i, b) in bytes.enumerated() where b == 0x0A {
            n += 1
            if n == line { return i + 1 < bytes.count ? i + 1 : nil }
        }
        return nil
    }

    static func shift(_ l: SourceLocation, by n: Int) -> SourceLocation {
        if case let .text(f, line, c) = l { return .text(file: f, line: line + n, column: c) }
        return l
    }

    /// The error with every location's file replaced by `name`.
    static func relabel(_ e: InputError, _ name: String) -> InputError {
        InputError(e.diagnostics.map { d in
            var d = d
            switch d.location {
            case let .text(_, l, c): d.location = .text(file: name, line: l, column: c)
            case let .byteOffset(_, o): d.location = .byteOffset(file: name, offset: o)
            case .file: d.location = .file(name)
            default: break
            }
            return d
        })
    }
}
