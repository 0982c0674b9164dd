import Analysis
import ADaM
import Dispatch
import DatasetIO
import Foundation
import SDTM
import TrialCore
import Validation

/// The back half of a chunked run: for each chunk of subjects (SDTM and ADaM rows), validate it,
/// append it to the open dataset files and keep what the analyses need (ADSL, ADTTE, ADAE rows
/// and the QLQ-C30 values) — on a serial background queue, so that the next chunk is bound,
/// mapped and derived on the other core meanwhile.
///
/// ```swift
/// let acc = RunAccumulator(sdtmFiles: s, adamFiles: a, validation: v, plan: plan)
/// for chunk in chunks { try acc.submit(sdtm: chunk.sdtm, adam: derived) }   // returns at once
/// try acc.wait()                                                             // all chunks done
/// ```
/// At most one chunk waits in the queue (`submit` first waits for the previous one), so memory
/// holds two chunks at most. State is touched only on the queue, or after `wait()`.
final class RunAccumulator: @unchecked Sendable {
    private let lane = WorkLane(label: "trialdata.run.accumulate")
    private let sdtmFiles: DatasetFolderWriter
    private let adamFiles: DatasetFolderWriter
    private let keepsQualityOfLife: Bool

    /// The chunked validation so far.
    private(set) var validation: ChunkedValidation
    /// ADaM rows the analyses need, all chunks so far.
    private(set) var adsl = Dataset(name: "ADSL"), adtte = Dataset(name: "ADTTE"), adae = Dataset(name: "ADAE")
    /// QLQ-C30 values of all chunks so far.
    private(set) var qualityOfLife: QualityOfLifeAccumulator
    /// Rows validated and written so far.
    private(set) var sdtmRows = 0, adamRows = 0
    /// Rows of each ADaM dataset so far (ADSL, ADTTE, ADAE, ADQS).
    private(set) var adamCounts = [0, 0, 0, 0]
    /// Wall seconds spent validating and writing (on the background queue).
    private(set) var validateSeconds = 0.0, writeSeconds = 0.0

    init(sdtmFiles: DatasetFolderWriter, adamFiles: DatasetFolderWriter, validation: ChunkedValidation, plan: AnalysisPlan) {
        self.sdtmFiles = sdtmFiles
        self.adamFiles = adamFiles
        self.validation = validation
        self.qualityOfLife = QualityOfLifeAccumulator(plan: plan)
        self.keepsQualityOfLife = plan.adqs != nil
    }

    /// Queues one chunk after the previous one finished; throws the previous chunk's failure.
    func submit(sdtm: SDTMResult, adam: ADaMResult) throws(PipelineError) {
        try lane.submit { () throws(PipelineError) in try self.add(sdtm: sdtm, adam: adam) }
    }

    /// Waits for the queued chunk; throws its failure.
    func wait() throws(PipelineError) { try lane.wait() }

    private func add(sdtm: SDTMResult, adam: ADaMResult) throws(PipelineError) {
        var t = DispatchTime.now().uptimeNanoseconds
        validation.add(sdtm.datasets + adam.datasets)
        validateSeconds += Self.seconds(since: t)
        t = DispatchTime.now().uptimeNanoseconds
        do throws(InputError) {
            try sdtmFiles.append(sdtm.datasets)
            try adamFiles.append(adam.datasets)
            try adsl.appendRows(of: adam.adsl)
            try adtte.appendRows(of: adam.adtte)
            try adae.appendRows(of: adam.adae)
        } catch { throw .badInput(stage: "write", error) }
        if keepsQualityOfLife {
            do throws(AnalysisError) { try qualityOfLife.add(adqs: adam.adqs, adsl: adam.adsl) } catch { throw .analysis(error.description) }
        }
        writeSeconds += Self.seconds(since: t)
        sdtmRows += sdtm.datasets.reduce(0) { $0 + $1.rowCount }
        adamRows += adam.datasets.reduce(0) { $0 + $1.rowCount }
        for (k, d) in [adam.adsl, adam.adtte, adam.adae, adam.adqs].enumerated() { adamCounts[k] += d.rowCount }
    }

    private static func seconds(since t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds &- t) / 1e9 }
}
