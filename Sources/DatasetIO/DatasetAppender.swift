import TrialCore

/// Writes one dataset chunk by chunk — for studies too large to hold a whole domain — through
/// the same encoders as the whole-dataset writers: the same data gives the same bytes however
/// it is split.
///
/// The file appears at `path` only when `finish()` succeeds (written to a hidden temporary
/// `.<name>.tmp-…` beside it and renamed). After an error, or when the appender is released
/// without `finish()`, nothing is left: rows that must wait for the header (XPT with
/// `.minimal` lengths, Dataset-JSON) go to a scratch file that is unlinked as soon as it is
/// opened. Memory is one chunk plus 1 MiB buffers.
/// ```swift
/// let qs = try DatasetAppender(path: "qs.xpt", format: .xpt, template: qsTemplate, lengths: .minimal)
/// for subjects in chunks { try qs.append(mapQS(subjects)) }
/// try qs.finish()
/// ```
/// Lengths are in bytes (UTF-8); row numbers in errors count across all chunks from 1.
public final class DatasetAppender {
    private enum Backend {
        /// XPT: the member, the output and (for `.minimal`) the spilled rows.
        case xpt(XPTMember, FileOutput, spill: FileOutput?)
        /// Dataset-JSON: the encoder, the output and the rows waiting for the header.
        case json(DatasetJSONEncoder, DatasetJSONWriter.Form, FileOutput, rows: FileOutput)
        /// CSV: the encoder and the writer (rows stream straight to the file).
        case csv(DatasetJSONEncoder, CSVWriter)
    }

    private let path: String
    private let lengths: DatasetSpec.LengthPolicy
    private let options: DatasetFile.WriteOptions
    private let template: Dataset
    private var notes: [Diagnostic]
    private var backend: Backend?
    private var failed = false
    /// XPT `.minimal`: the longest text of each variable so far (at least 1).
    private var longest: [Int]

    /// Rows appended so far.
    public private(set) var rowCount: Int = 0

    /// Opens `path` for `format` (.xpt, .json, .ndjson, .csv); `template` gives name, label, keys and the
    /// columns' metadata (name, label, type, length = the declared maximum, format); its rows are ignored.
    ///
    /// With `options.spec`, the template is conformed to the spec first (a spec variable
    /// without a length keeps the template's) and so is every chunk. `options.lengths` is not
    /// used: `lengths` decides (`.spec`: the template's lengths; `.minimal`: the longest value
    /// over all chunks, at least 1, never above the template's).
    public init(path: String, format: DatasetFormat, template: Dataset,
                lengths: DatasetSpec.LengthPolicy = .spec,
                options: DatasetFile.WriteOptions = .init()) throws(InputError) {
        self.path = path
        self.lengths = lengths
        self.options = options
        var t = template
        for k in t.columns.indices { t.columns[k].values = [] }
        notes = []
        if let spec = options.spec {
            let declared = t
            (t, notes) = try spec.conform(t, lengths: .spec)
            for k in t.columns.indices where t.columns[k].type == .character && spec.variable(t.columns[k].name)?.length == nil {
                if let c = declared.column(t.columns[k].name), c.type == .character { t.columns[k].length = c.length }
            }
        }
        self.template = t
        longest = Array(repeating: 1, count: t.columns.count)
        switch format {
        case .xpt:
            let member = try XPTMember(template: t, file: path, options: options.xpt)
            let out = try FileOutput(path: path)
            let stamp = options.xpt.timestamp ?? "01JAN60:00:00:00"
            try XPTMember.writeLibraryHeader(stamp: stamp, to: out)
            if lengths == .spec {
                try member.writeHeader(lengths: member.declared, stamp: stamp, to: out)
                backend = .xpt(member, out, spill: nil)
            } else {
                backend = .xpt(member, out, spill: try FileOutput(scratchBeside: path))
            }
        case .json, .ndjson:
            let form: DatasetJSONWriter.Form = format == .json ? .json : .ndjson
            let encoder = DatasetJSONEncoder(template: t, target: .json(form), info: options.json, file: path, strict: true)
            let out = try FileOutput(path: path)
            backend = .json(encoder, form, out, rows: try FileOutput(scratchBeside: path))
        case .csv:
            let encoder = DatasetJSONEncoder(template: t, target: .csv, info: options.json, file: path, strict: true)
            let w = try CSVWriter(path: path)
            try encoder.writeCSVHeader(to: w)
            backend = .csv(encoder, w)
        }
    }

    /// Appends the rows of `chunk` (same column names in the same order as the template, else an error).
    /// Value errors (too long for the declared length, non-ASCII in XPT, wrong type, IBM overflow) name
    /// dataset, variable and the row number counted across all chunks (1-based), like the whole-dataset writers.
    ///
    /// After an error the appender is closed: its temporary files are removed and further
    /// calls fail.
    public func append(_ chunk: Dataset) throws(InputError) {
        guard let backend, !failed else { throw closedError() }
        do {
            var chunk = chunk
            if let spec = options.spec { chunk = try conformed(chunk, to: spec) }
            switch backend {
            case .xpt(let member, let out, let spill):
                try member.checkShape(chunk, template: false)
                if let spill {
                    try member.spillRows(chunk, firstRow: rowCount, longest: &longest, to: spill)
                } else {
                    try member.writeRows(chunk, lengths: member.declared, firstRow: rowCount, to: out)
                }
            case .json(let encoder, _, _, let rows):
                try encoder.add(chunk)
                try encoder.writeJSONRows(chunk, to: rows)
            case .csv(let encoder, let w):
                try encoder.add(chunk)
                try encoder.writeCSVRows(chunk, to: w)
            }
            rowCount += chunk.rowCount
        } catch {
            close()
            throw error
        }
    }

    /// Completes the file atomically (temporary sibling + rename) and returns warnings.
    @discardableResult public func finish() throws(InputError) -> [Diagnostic] {
        guard let backend, !failed else { throw closedError() }
        do {
            var warnings = notes
            switch backend {
            case .xpt(let member, let out, let spill):
                var written = member.declared
                if let spill {
                    for k in written.indices where !member.isNumeric[k] { written[k] = min(longest[k], member.declared[k]) }
                    try member.writeHeader(lengths: written, stamp: options.xpt.timestamp ?? "01JAN60:00:00:00", to: out)
                    try member.unspill(from: spill, lengths: written, to: out)
                }
                try XPTMember.writeEnd(rows: rowCount, lengths: written, to: out)
                try out.commit()
            case .json(let encoder, let form, let out, let rows):
                try DatasetJSONEncoder.writeHeader(of: template, columns: encoder.columnInfos(),
                                                   lengths: textLengths(encoder), records: rowCount,
                                                   info: options.json, form: form, to: out)
                try out.append(contentsOf: rows)
                try DatasetJSONEncoder.writeEnd(records: rowCount, form: form, to: out)
                try out.commit()
                warnings += encoder.warnings()
            case .csv(let encoder, let w):
                if options.csvMetadata {
                    try encoder.writeCSVMetadata(to: DatasetCSV.metadataPath(for: path), lengths: textLengths(encoder))
                }
                try w.finish()
            }
            self.backend = nil
            return warnings
        } catch {
            close()
            throw error
        }
    }

    /// Character lengths for the JSON metadata: the template's, or the longest values.
    private func textLengths(_ encoder: DatasetJSONEncoder) -> [Int] {
        template.columns.indices.map { k in
            let c = template.columns[k]
            guard c.type == .character, lengths == .minimal else { return c.length }
            return min(encoder.stats[k].longest, max(1, c.length))
        }
    }

    /// `chunk` conformed to `spec`, with error rows counted across chunks.
    private func conformed(_ chunk: Dataset, to spec: DatasetSpec) throws(InputError) -> Dataset {
        do {
            return try spec.conform(chunk, lengths: .spec).0
        } catch {
            var e = error
            for i in e.diagnostics.indices {
                if case .dataset(let name, let row, let variable) = e.diagnostics[i].location, row > 0 {
                    e.diagnostics[i].location = .dataset(name: name, row: row + rowCount, variable: variable)
                }
            }
            throw e
        }
    }

    /// Drops the outputs (their temporary files are removed) after an error.
    private func close() {
        failed = true
        backend = nil
    }

    private func closedError() -> InputError {
        InputError(at: .file(path), failed ? "dataset \(template.name): an earlier append failed; the file was not written"
                                           : "dataset \(template.name): the file is already finished",
                   expected: "a new DatasetAppender")
    }
}
