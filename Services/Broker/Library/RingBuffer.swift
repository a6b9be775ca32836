/// A first-in first-out queue on a circular buffer: O(1) at both ends, so a service's idle
/// workers and waiting requests cost no copying as they come and go.
struct RingBuffer<Element> {
    private var storage: [Element?]
    private var head = 0
    /// How many elements are queued.
    private(set) var count = 0

    /// Makes an empty queue.
    init() { storage = [] }

    /// True when nothing is queued.
    var isEmpty: Bool { count == 0 }

    /// The element that has waited longest.
    var first: Element? { isEmpty ? nil : storage[head] }

    /// Adds an element at the back.
    mutating func append(_ element: Element) {
        growIfFull()
        storage[(head + count) % storage.count] = element
        count += 1
    }

    /// Puts an element back at the front, ahead of everything queued.
    mutating func prepend(_ element: Element) {
        growIfFull()
        head = (head - 1 + storage.count) % storage.count
        storage[head] = element
        count += 1
    }

    /// Takes the element that has waited longest.
    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) % storage.count
        count -= 1
        return element
    }

    /// Removes every element that matches, keeping the order of the rest; returns the
    /// removed ones in queue order. Touches nothing when none matches.
    @discardableResult
    mutating func removeAll(where shouldRemove: (Element) -> Bool) -> [Element] {
        var removed: [Element] = []
        var kept = 0
        for offset in 0..<count {
            let index = (head + offset) % storage.count
            guard let element = storage[index] else { continue }
            if shouldRemove(element) {
                removed.append(element)
            } else {
                if kept != offset { storage[(head + kept) % storage.count] = element }
                kept += 1
            }
        }
        guard !removed.isEmpty else { return removed }
        for offset in kept..<count { storage[(head + offset) % storage.count] = nil }
        count = kept
        return removed
    }

    /// Calls the body with each element, front to back.
    func forEach(_ body: (Element) -> Void) {
        for offset in 0..<count {
            if let element = storage[(head + offset) % storage.count] { body(element) }
        }
    }

    private mutating func growIfFull() {
        guard count == storage.count else { return }
        var grown: [Element?] = Array(repeating: nil, count: Swift.max(8, storage.count * 2))
        for offset in 0..<count { grown[offset] = storage[(head + offset) % storage.count] }
        storage = grown
        head = 0
    }
}
