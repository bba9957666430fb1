/// An array in memory it manages itself, for the translator's busiest arrays (the operand
/// stack, the code words, the instruction records): an append is a capacity check and a
/// store, a removal a bounds check, without `Array`'s uniqueness and capacity bookkeeping.
///
/// Copies share their storage, so a buffer is handed from owner to owner (from a
/// `FunctionTranslator` to its result), never copied and then changed in two places.
struct GrowableBuffer<Element: BitwiseCopyable>: RandomAccessCollection, MutableCollection {
    /// Owns the memory; replaced when the buffer grows.
    private final class Storage {
        let elements: UnsafeMutablePointer<Element>

        init(capacity: Int) {
            elements = .allocate(capacity: capacity)
        }

        deinit { elements.deallocate() }
    }

    private var storage: Storage
    /// `storage`'s memory and size, kept here so that appends and removals do not go
    /// through the class instance.
    private var elements: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    private(set) var endIndex = 0

    init(capacity: Int = 32) {
        storage = Storage(capacity: capacity)
        elements = storage.elements
        self.capacity = capacity
    }

    var startIndex: Int { 0 }

    // Written out rather than taken from the protocols' generic defaults, which the compiler
    // did not specialize (each use copied the whole translator).
    var count: Int { endIndex }

    var last: Element? { endIndex > 0 ? elements[endIndex - 1] : nil }

    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < endIndex, "index out of range")
            return elements[index]
        }
        set {
            precondition(index >= 0 && index < endIndex, "index out of range")
            elements[index] = newValue
        }
    }

    /// The elements in place, valid until the buffer next changes.
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: elements, count: endIndex) }

    // endIndex < capacity here, so `&+` cannot overflow.

    @inline(__always)
    mutating func append(_ element: Element) {
        if endIndex == capacity { grow(to: capacity * 2) }
        (elements + endIndex).initialize(to: element)
        endIndex &+= 1
    }

    /// Appends two elements with one capacity check.
    @inline(__always)
    mutating func append(_ first: Element, _ second: Element) {
        if capacity &- endIndex < 2 { grow(to: capacity * 2 + 2) }
        let end = elements + endIndex
        end.initialize(to: first)
        (end + 1).initialize(to: second)
        endIndex &+= 2
    }

    /// Appends three elements with one capacity check.
    @inline(__always)
    mutating func append(_ first: Element, _ second: Element, _ third: Element) {
        if capacity &- endIndex < 3 { grow(to: capacity * 2 + 3) }
        let end = elements + endIndex
        end.initialize(to: first)
        (end + 1).initialize(to: second)
        (end + 2).initialize(to: third)
        endIndex &+= 3
    }

    mutating func append(contentsOf newElements: some Sequence<Element>) {
        for element in newElements { append(element) }
    }

    @inline(__always)
    @discardableResult
    mutating func removeLast() -> Element {
        precondition(endIndex > 0, "removeLast from an empty buffer")
        endIndex &-= 1
        return elements[endIndex]
    }

    mutating func removeLast(_ count: Int) {
        precondition(count >= 0 && count <= endIndex, "removing more elements than there are")
        endIndex -= count
    }

    /// Empties the buffer, keeping its memory.
    mutating func removeAll() {
        endIndex = 0
    }

    mutating func reserveCapacity(_ minimumCapacity: Int) {
        if minimumCapacity > capacity { grow(to: minimumCapacity) }
    }

    private mutating func grow(to newCapacity: Int) {
        let newCapacity = Swift.max(newCapacity, 1)
        let larger = Storage(capacity: newCapacity)
        larger.elements.initialize(from: elements, count: endIndex)
        storage = larger
        elements = larger.elements
        capacity = newCapacity
    }
}
