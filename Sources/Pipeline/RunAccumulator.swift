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
/// At most one chunk waits on each lane (`submit` first waits for the lane's previous job), so
/// memory holds two chunks at most. State is touched only on its lane, or after `wait()`.
final class RunAccumulator: @unchecked Sendable {
    // Three lanes, each owning its state: validation; the SDTM files; the ADaM files and the
    // analysis inputs. They run side by side, each one chunk behind the producer.
    private let lanes = (validate: WorkLane(label: "trialdata.run.validate"), sdtm: WorkLane(label: "trialdata.run.sdtm"),
                         adam: WorkLane(label: "trialdata.run.adam"))
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
    /// Wall seconds spent validating, and writing SDTM and ADaM (on the background lanes).
    private(set) var validateSeconds = 0.0, sdtmWriteSeconds = 0.0, adamWriteSeconds = 0.0
    /// Wall seconds spent writing, both lanes.
    var writeSeconds: Double { sdtmWriteSeconds + adamWriteSeconds }

    init(sdtmFiles: DatasetFolderWriter, adamFiles: DatasetFolderWriter, validation: ChunkedValidation, plan: AnalysisPlan) {
        self.sdtmFiles = sdtmFiles
        self.adamFiles = adamFiles
        self.validation = validation
        self.qualityOfLife = QualityOfLifeAccumulator(plan: plan)
        self.keepsQualityOfLife = plan.adqs != nil
    }

    /// Queues one chunk on each lane after the lane's previous job finished; throws a previous
    /// chunk's failure.
    func submit(sdtm: SDTMResult, adam: ADaMResult) throws(PipelineError) {
        try lanes.validate.submit { () throws(PipelineError) in
            let t = DispatchTime.now().uptimeNanoseconds
            self.validation.add(sdtm.datasets + adam.datasets)
            self.validateSeconds += Self.seconds(since: t)
        }
        try lanes.sdtm.submit { () throws(PipelineError) in
            let t = DispatchTime.now().uptimeNanoseconds
            do throws(InputError) { try self.sdtmFiles.append(sdtm.datasets) } catch { throw .badInput(stage: "write", error) }
            self.sdtmRows += sdtm.datasets.reduce(0) { $0 + $1.rowCount }
            self.sdtmWriteSeconds += Self.seconds(since: t)
        }
        try lanes.adam.submit { () throws(PipelineError) in try self.addADaM(adam) }
    }

    /// Waits for every lane; throws the first failure.
    func wait() throws(PipelineError) {
        var failure: PipelineError? = nil
        for lane in [lanes.validate, lanes.sdtm, lanes.adam] {
            do throws(PipelineError) { try lane.wait() } catch { if failure == nil { failure = error } }
        }
        if let failure { throw failure }
    }

    private func addADaM(_ adam: ADaMResult) throws(PipelineError) {
        let t = DispatchTime.now().uptimeNanoseconds
        do throws(InputError) {
            try adamFiles.append(adam.datasets)
            try adsl.appendRows(of: adam.adsl)
            try adtte.appendRows(of: adam.adtte)
            try adae.appendRows(of: adam.adae)
        } catch { throw .badInput(stage: "write", error) }
        if keepsQualityOfLife {
            do throws(AnalysisError) { try qualityOfLife.add(adqs: adam.adqs, adsl: adam.adsl) } catch { throw .analysis(error.description) }
        }
        adamRows += adam.datasets.reduce(0) { $0 + $1.rowCount }
        for (k, d) in [adam.adsl, adam.adtte, adam.adae, adam.adqs].enumerated() { adamCounts[k] += d.rowCount }
        adamWriteSeconds += Self.seconds(since: t)
    }

    private static func seconds(since t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds &- t) / 1e9 }
}
