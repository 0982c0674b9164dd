import Dispatch

/// A serial background queue holding at most one job: `submit` first waits for the previous
/// job, so a producer (bind → map → derive the next chunk) overlaps one consumer job (validate
/// and write the previous chunk) and memory holds at most two chunks.
///
/// ```swift
/// let lane = WorkLane(label: "trialdata.sdtm.write")
/// for chunk in chunks { try lane.submit { () throws(PipelineError) in try write(chunk) } }
/// try lane.wait()      // the last job done; its failure, if any, thrown here
/// ```
/// The job must touch shared state only through objects the producer leaves alone until the
/// next `submit` or `wait` returns.
final class WorkLane: @unchecked Sendable {
    private let queue: DispatchQueue
    private let group = DispatchGroup()
    private var failure: PipelineError?

    init(label: String) { queue = DispatchQueue(label: label) }

    /// Waits for the previous job (throwing its failure), then queues `job`.
    func submit(_ job: @escaping @Sendable () throws(PipelineError) -> Void) throws(PipelineError) {
        try wait()
        queue.async(group: group) {
            do throws(PipelineError) { try job() } catch { self.failure = error }
        }
    }

    /// Waits for the queued job; throws its failure (once).
    func wait() throws(PipelineError) {
        group.wait()
        if let f = failure {
            failure = nil
            throw f
        }
    }
}
