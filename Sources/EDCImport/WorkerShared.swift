/// A value handed to worker threads that each touch only their own part of it (the Binder's
/// per-file accumulators and error slots); the caller guarantees there is no shared mutation.
struct WorkerShared<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
