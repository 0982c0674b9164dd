import Foundation

/// A fixed-size array that several threads fill, each writing its own slots (used with
/// `DispatchQueue.concurrentPerform`). Reads happen after all writes are done.
final class ParallelResults<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    /// `count` empty slots.
    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores `value` in slot `i`.
    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    /// The value of slot `i` (must have been set).
    func get(_ i: Int) -> T {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]!
    }
}
