// Pure CPU work over a batch on every core (parse reads each message independently).
import Dispatch

extension Array where Element: Sendable {
    /// `map` with the calls spread over the machine's cores; results in the original order.
    /// `transform` must be pure: the calls run concurrently and in no particular order.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let shared = slots
        withoutActuallyEscaping(transform) { transform in
            self.withUnsafeBufferPointer { elements in
                nonisolated(unsafe) let input = elements
                // Each index is written by exactly one iteration: no two writes share a slot.
                DispatchQueue.concurrentPerform(iterations: input.count) { index in
                    shared[index] = transform(input[index])
                }
            }
        }
        return slots.compactMap { $0 }
    }
}
