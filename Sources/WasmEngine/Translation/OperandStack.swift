/// The translator's abstract operand stack, in memory it manages itself: a push or pop is a
/// bounds check and a copy, without `Array`'s uniqueness and capacity bookkeeping (push and
/// pop are the translator's most frequent operations).
///
/// Copies of an `OperandStack` share their storage, so it is moved between owners (see
/// `TranslationBuffers`), never copied and then changed in two places.
struct OperandStack: RandomAccessCollection, MutableCollection {
    /// Owns the memory; replaced when the stack grows.
    private final class Storage {
        let elements: UnsafeMutablePointer<Operand>
        let capacity: Int

        init(capacity: Int) {
            elements = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        deinit { elements.deallocate() }
    }

    private var storage: Storage
    /// `storage`'s memory and size, kept here so that pushes and pops do not go through the
    /// class instance.
    private var elements: UnsafeMutablePointer<Operand>
    private var capacity: Int
    private(set) var endIndex = 0

    init() {
        storage = Storage(capacity: 32)
        elements = storage.elements
        capacity = storage.capacity
    }

    var startIndex: Int { 0 }

    // Written out rather than taken from the protocols' generic defaults, which the compiler
    // did not specialize here (each push copied the whole translator).
    var count: Int { endIndex }

    var last: Operand? { endIndex > 0 ? elements[endIndex - 1] : nil }

    subscript(index: Int) -> Operand {
        get {
            precondition(index >= 0 && index < endIndex, "operand index out of range")
            return elements[index]
        }
        set {
            precondition(index >= 0 && index < endIndex, "operand index out of range")
            elements[index] = newValue
        }
    }

    @inline(__always)
    mutating func append(_ operand: Operand) {
        if endIndex == capacity { grow() }
        (elements + endIndex).initialize(to: operand)
        endIndex += 1
    }

    mutating func append(contentsOf operands: some Sequence<Operand>) {
        for operand in operands { append(operand) }
    }

    @inline(__always)
    @discardableResult
    mutating func removeLast() -> Operand {
        precondition(endIndex > 0, "pop from an empty operand stack")
        endIndex -= 1
        return elements[endIndex]
    }

    mutating func removeLast(_ count: Int) {
        precondition(count >= 0 && count <= endIndex, "removing more operands than there are")
        endIndex -= count
    }

    /// Empties the stack, keeping its memory.
    mutating func removeAll() {
        endIndex = 0
    }

    private mutating func grow() {
        let larger = Storage(capacity: capacity * 2)
        larger.elements.initialize(from: elements, count: endIndex)
        storage = larger
        elements = larger.elements
        capacity = larger.capacity
    }
}
