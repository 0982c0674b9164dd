import DatasetIO
import Foundation
import SDTM
import TrialCore

extension SDTMStage {
    /// What `write` produced.
    public struct Written: Sendable {
        /// The stage's totals (reconciliation, rejections, rows per dataset).
        public var summary: SDTMSummary
        /// Files written, relative to the folder.
        public var files: [String]
        /// The writers' warnings.
        public var warnings: [Diagnostic]
    }

    /// The open files of `write`, handed to its background lane.
    private final class Files: @unchecked Sendable {
        let datasets: DatasetFolderWriter
        let traces: DatasetFolderWriter?
        init(datasets: DatasetFolderWriter, traces: DatasetFolderWriter?) {
            self.datasets = datasets
            self.traces = traces
        }
        func appendDatasets(_ sdtm: SDTMResult) throws(InputError) {
            try datasets.append(sdtm.datasets)
        }
        func appendTraces(_ sdtm: SDTMResult) throws(InputError) {
            if let traces {
                for d in sdtm.datasets {
                    // Trace files are plain CSV without metadata: no declared length to keep,
                    // so every chunk may hold longer text than the first.
                    var t = sdtm.traceDataset(d.name)
                    for c in t.columns.indices where t.columns[c].type == .character { t.columns[c].length = Int.max }
                    try traces.append(t, as: d.name.lowercased())
                }
            }
        }
    }

    /// Writes the folder of `trialdata sdtm`: `<domain>.<format>` for every domain in each of
    /// `formats`, `trace/<domain>.csv` (each row's export file and line, or ODM path) when
    /// `trace`, and `mapping-log.txt`. `folder` must exist (a staging folder to swap in).
    ///
    /// Character lengths follow `lengths`: `.spec` (the default) keeps the spec's lengths;
    /// `.minimal` writes each variable with the length of its longest value in the study, never
    /// above the spec's, as the FDA's Technical Conformance Guide asks of submission datasets. XPT headers carry the fixed time stamp `01JAN60:00:00:00` and Dataset-JSON a
    /// fixed creation time, so the same export gives the same bytes.
    public static func write(_ input: Input, to folder: String, formats: [DatasetFormat],
                             lengths: DatasetSpec.LengthPolicy = .spec, trace: Bool = true,
                             subjectsPerChunk: Int = defaultSubjectsPerChunk,
                             progress: (Chunk) -> Void = { _ in }) throws(PipelineError) -> Written {
        let options = DatasetFile.WriteOptions(xpt: XPTWriter.Options(timestamp: "01JAN60:00:00:00"),
                                               json: DatasetJSONInfo(studyOID: input.mapping.study))
        let datasets = DatasetFolderWriter(folder: folder, formats: formats, lengths: lengths, options: options)
        let traces = DatasetFolderWriter(folder: (folder as NSString).appendingPathComponent("trace"), formats: [.csv],
                                         options: DatasetFile.WriteOptions(csvMetadata: false))
        func output<T>(_ body: () throws(InputError) -> T) throws(PipelineError) -> T {
            do { return try body() } catch { throw .badInput(stage: "sdtm write", error) }
        }
        // A chunk's rows are written on background lanes (datasets on one, trace files on
        // another) while the next chunk is bound and mapped.
        let lanes = (datasets: WorkLane(label: "trialdata.sdtm.write"), traces: WorkLane(label: "trialdata.sdtm.trace"))
        let open = Files(datasets: datasets, traces: trace ? traces : nil)
        let summary: SDTMSummary
        do throws(PipelineError) {
            summary = try run(input, subjectsPerChunk: subjectsPerChunk) { chunk throws(PipelineError) in
                let sdtm = chunk.sdtm
                try lanes.datasets.submit { () throws(PipelineError) in
                    do throws(InputError) { try open.appendDatasets(sdtm) } catch { throw .badInput(stage: "sdtm write", error) }
                }
                try lanes.traces.submit { () throws(PipelineError) in
                    do throws(InputError) { try open.appendTraces(sdtm) } catch { throw .badInput(stage: "sdtm write", error) }
                }
                progress(chunk)
            }
            try lanes.datasets.wait()
            try lanes.traces.wait()
        } catch {
            try? lanes.datasets.wait()
            try? lanes.traces.wait()
            throw error
        }
        var (files, warnings) = try output { () throws(InputError) in try datasets.finish() }
        if trace {
            let t = try output { () throws(InputError) in try traces.finish() }
            files += t.files.map { "trace/" + $0 }
        }
        let logPath = (folder as NSString).appendingPathComponent("mapping-log.txt")
        guard FileManager.default.createFile(atPath: logPath, contents: Data(summary.mappingLog.utf8)) else {
            throw .output(path: logPath, reason: "cannot write the mapping log")
        }
        files.append("mapping-log.txt")
        return Written(summary: summary, files: files, warnings: warnings)
    }
}
