import DatasetIO
import Foundation
import TrialCore

/// Chunked CSV binding: plan once, then bind a few thousand subjects at a time so memory stays
/// bounded by the chunk, not by the study.
///
/// ```swift
/// let plan = try Binder.planChunks(csvDirectory: csv, mapping: m, subjectsPerChunk: 10_000) { subject, site in
///     "\(m.study)-\(site)-\(subject)"
/// }
/// for k in 0..<plan.chunkCount {
///     let part = try Binder.bind(csvDirectory: csv, mapping: m, chunk: k, of: plan)   // part.study, part.report
/// }
/// ```
extension Binder {
    /// Reads the CSV export once (fast zero-copy `CSVReader.read(into:)` path) and plans chunks of
    /// `subjectsPerChunk` subjects, ordered by `sortKey(subjectID, siteID)` of the subjects entity's rows
    /// (the lead passes the USUBJID formula STUDYID-SITEID-SUBJID so concatenated chunks come out in
    /// USUBJID order). Records whose subject is not in the subjects file go to the last chunk; unreadable
    /// or ragged rows to the first chunk (so each is reported exactly once).
    ///
    /// A row's subject is read as binding reads it (the `subjectID` field's column, trimmed, or the
    /// field's `whenBlank`); rows with a blank subject go to the first chunk (they are rejected
    /// there). A subject's site is that of its first row in the subjects file. Throws when a file is
    /// missing or lacks a mapped column (as `bind` does), when `subjectsPerChunk` < 1, or when an
    /// entity's key lacks `subjectID` (duplicate keys could then span chunks).
    public static func planChunks(csvDirectory: String, mapping: StudyMapping, subjectsPerChunk: Int,
                                  sortKey: (_ subjectID: String, _ siteID: String) -> String) throws(InputError) -> CSVChunkPlan {
        guard subjectsPerChunk >= 1 else {
            throw InputError(at: .unknown, "chunk size must be at least one subject", value: String(subjectsPerChunk), expected: "1 or more")
        }
        for e in mapping.entities where !e.key.contains("subjectID") {
            throw InputError(at: .file(StudyMapping.fileName),
                             "entities[\(e.entity.rawValue)].key lacks subjectID: chunked binding cannot find duplicate keys across subjects",
                             value: e.key.joined(separator: ", "), expected: "subjectID among the key fields")
        }
        let options = try csvOptions(mapping)
        let unassigned = UInt32.max
        var rowChunks: [EntityKind: [UInt32]] = [:]
        var runs: [EntityKind: [CSVChunkPlan.Run]] = [:]

        // 1. The subjects file: each row's subject (as an index into `found`), in file order.
        var found: [(id: String, site: String)] = []
        var subjectNumber: [String: UInt32] = [:]
        if let dm = mapping.entity(.subjects) {
            var rows: [UInt32] = []
            var lines: [Int] = []   // -1 for an unreadable row
            try scanSubjects(csvDirectory, dm, options) { id, row, scan, line in
                lines.append(line ?? -1)
                guard let id else { rows.append(unassigned); return }
                if let n = subjectNumber[id] { rows.append(n); return }
                let site = scan.entity.field("siteID").flatMap { f in scan.column(of: f).map { text(row, $0, whenBlank: f.whenBlank) } } ?? ""
                let n = UInt32(found.count)
                subjectNumber[id] = n
                found.append((id, site))
                rows.append(n)
            }
            // Subjects in sort-key order (ties by subject id), cut into chunks.
            let keys = found.map { sortKey($0.id, $0.site) }
            let order = found.indices.sorted { (keys[$0], found[$0].id) < (keys[$1], found[$1].id) }
            var chunkOfSubject = [UInt32](repeating: 0, count: found.count)
            for (position, s) in order.enumerated() { chunkOfSubject[s] = UInt32(position / subjectsPerChunk) }
            rowChunks[dm.entity] = rows.map { $0 == unassigned ? 0 : chunkOfSubject[Int($0)] }
            var runBuilder = RunBuilder()
            for (i, c) in rowChunks[dm.entity]!.enumerated() { runBuilder.add(c, line: lines[i] < 0 ? nil : lines[i]) }
            runs[dm.entity] = runBuilder.runs
            subjectNumber = Dictionary(uniqueKeysWithValues: found.indices.map { (found[$0].id, chunkOfSubject[$0]) })
            var subjects: [[String]] = []
            for (position, s) in order.enumerated() {
                if position % subjectsPerChunk == 0 { subjects.append([]) }
                subjects[subjects.count - 1].append(found[s].id)
            }
            let last = UInt32(max(subjects.count, 1) - 1)
            // 2. Every other file: a row goes with its subject, or to the last chunk.
            for e in mapping.entities where e.entity != .subjects {
                var rows: [UInt32] = []
                var runBuilder = RunBuilder()
                try scanSubjects(csvDirectory, e, options) { id, _, _, line in
                    let c = id.map { subjectNumber[$0] ?? last } ?? 0
                    rows.append(c)
                    runBuilder.add(c, line: line)
                }
                rowChunks[e.entity] = rows
                runs[e.entity] = runBuilder.runs
            }
            return CSVChunkPlan(subjects: subjects, rowChunks: rowChunks, runs: runs, sizes: try fileSizes(csvDirectory, mapping))
        }
        // No subjects entity: one chunk, every record an orphan.
        for e in mapping.entities {
            var rows: [UInt32] = []
            try scanSubjects(csvDirectory, e, options) { _, _, _, _ in rows.append(0) }
            rowChunks[e.entity] = rows
        }
        return CSVChunkPlan(subjects: [[]], rowChunks: rowChunks, runs: [:], sizes: try fileSizes(csvDirectory, mapping))
    }

    /// Binds only the rows of chunk `chunk` (0-based). Each chunk holds all records of its subjects, so all
    /// cross-record checks (duplicate keys, subject in DM, baseline merge, death before inclusion) give the
    /// same outcome as binding the whole export; line numbers are the files' real lines.
    ///
    /// Rows of other chunks are skipped without making a String. Throws as `bind(csvDirectory:mapping:)`
    /// does, and when `chunk` is out of range or a file's rows differ from those planned.
    public static func bind(csvDirectory: String, mapping: StudyMapping, chunk: Int, of plan: CSVChunkPlan) throws(InputError) -> BindResult {
        guard (0..<plan.chunkCount).contains(chunk) else {
            throw InputError(at: .unknown, "chunk number out of range", value: String(chunk), expected: "0…\(plan.chunkCount - 1)")
        }
        return try bindCSVFiles(csvDirectory: csvDirectory, mapping: mapping, plan: plan, chunk: chunk)
    }

    /// Scans `entity`'s file, calling `body` per row with the row's subject as binding reads it
    /// (`nil` for unreadable and ragged rows and a blank subject). Consecutive rows of the same
    /// subject (compared as raw bytes) reuse the previous row's answer without making a String.
    private static func scanSubjects(_ directory: String, _ entity: EntityMapping, _ options: CSVOptions,
                                     _ body: (_ subjectID: String?, _ row: CSVRow, _ scan: CSVFileScan, _ line: Int?) -> Void) throws(InputError) {
        let path = (directory as NSString).appendingPathComponent(entity.csv)
        let scan = try CSVFileScan(path: path, name: entity.csv, entity: entity, options: options)
        let field = entity.field("subjectID")
        let column = field.flatMap { scan.column(of: $0) }
        let width = scan.header.count
        var previousRaw: [UInt8] = []
        var previousID: String? = nil
        var havePrevious = false
        try scan.forEach { (_, item) throws(InputError) in
            guard case let .row(line, row) = item, row.count == width, let column, let field else {
                if case let .row(line, row) = item { body(nil, row, scan, line) } else { body(nil, CSVRow(), scan, nil) }
                return
            }
            let same = havePrevious && row.withUTF8(column) { $0.elementsEqual(previousRaw) }
            if !same {
                previousRaw = row.withUTF8(column) { Array($0) }
                let t = text(row, column, whenBlank: field.whenBlank)
                previousID = t.isEmpty ? nil : t
                havePrevious = true
            }
            body(previousID, row, scan, line)
        }
    }

    /// Collects the runs of a file's rows (stretches of consecutive rows of one chunk); gives
    /// none at all once a row has no line (an unreadable row: such a file is always read whole).
    private struct RunBuilder {
        var runs: [CSVChunkPlan.Run]? = []
        private var count = 0
        private var previous: UInt32 = 0

        mutating func add(_ chunk: UInt32, line: Int?) {
            defer { count += 1; previous = chunk }
            guard let line else { runs = nil; return }
            if count == 0 || chunk != previous { runs?.append(CSVChunkPlan.Run(chunk: chunk, firstRow: count, line: line)) }
        }
    }

    /// Byte size of each entity's file.
    static func fileSizes(_ directory: String, _ mapping: StudyMapping) throws(InputError) -> [EntityKind: Int] {
        var sizes: [EntityKind: Int] = [:]
        for e in mapping.entities {
            let path = (directory as NSString).appendingPathComponent(e.csv)
            sizes[e.entity] = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? -1
        }
        return sizes
    }

    /// Field `column` of `row` trimmed as `SourceRecord.raw` trims it, or `whenBlank` when blank.
    private static func text(_ row: CSVRow, _ column: Int, whenBlank: String?) -> String {
        let t = SourceRecord.trimmedField(row, column)
        return t.isEmpty ? (whenBlank ?? "") : t
    }
}
