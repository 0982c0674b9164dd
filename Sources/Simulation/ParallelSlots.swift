import Foundation

/// Fixed slots that `DispatchQueue.concurrentPerform` iterations fill, one slot per iteration
/// (each slot written by exactly one thread, read only after the parallel section ends).
final class ParallelSlots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    let count: Int

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<T?>.allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Stores the result of slot `i`.
    func set(_ i: Int, _ value: T) { base[i] = value }

    /// The result of slot `i`.
    func get(_ i: Int) -> T? { base[i] }

    /// Runs `body` for every slot in parallel and returns the results in slot order.
    static func run(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = ParallelSlots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        return (0..<count).map { slots.get($0)! }
    }
}
