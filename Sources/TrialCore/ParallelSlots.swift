import Dispatch

/// Runs `count` independent jobs on every core and returns their results in job order: the
/// one helper behind every `DispatchQueue.concurrentPerform` of the project (SDTM mapping parts,
/// validation rules, date parsing, simulated subject chunks, file hashing, file completion).
///
/// ```swift
/// let sums = ParallelSlots.run(4) { k in (k * 100..<(k + 1) * 100).reduce(0, +) }   // [4950, 14950, …]
/// ```
/// Each job writes only its own slot (no lock needed); the results are read after all jobs
/// ended. Jobs must capture only what they may share across threads.
public enum ParallelSlots {
    /// The results of `body(0)`, …, `body(count - 1)`, computed concurrently, in that order.
    public static func run<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.initialize(i, body(i)) }
        return slots.take()
    }

    /// Uninitialized storage for `count` results; slot `i` is initialized by job `i` only.
    private final class Slots<T>: @unchecked Sendable {
        private let base: UnsafeMutablePointer<T>
        private let count: Int
        private var taken = false

        init(count: Int) {
            self.count = count
            base = UnsafeMutablePointer<T>.allocate(capacity: count)
        }

        func initialize(_ i: Int, _ value: T) { (base + i).initialize(to: value) }

        /// Moves every (initialized) result out.
        func take() -> [T] {
            taken = true
            return Array(unsafeUninitializedCapacity: count) { buffer, n in
                if let target = buffer.baseAddress { target.moveInitialize(from: base, count: count) }
                n = count
            }
        }

        deinit {
            if !taken { base.deinitialize(count: count) }
            base.deallocate()
        }
    }
}
