import Synchronization
import WasmBinary

/// Gives every distinct function type a process-wide id, so `call_indirect`, `call_ref` and
/// import matching compare one integer, and two modules' structurally equal types (spec 3.0's
/// type equivalence) are the same type. Types are registered a recursive group at a time: a
/// group is keyed by its types with references into the group written as `.recursive(n)` and
/// references outside it as the ids already given.
enum TypeRegistry {
    private struct Table {
        /// Each registered group's first id.
        var groups: [[FunctionType]: UInt32] = [:]
        /// Every type by id, references resolved to ids.
        var types: [FunctionType] = []
    }
    private static let table = Mutex(Table())

    /// The ids of a group's types, in order. `group` refers to its own types as
    /// `.recursive(n)` and to every other type by id.
    static func ids(ofGroup group: [FunctionType]) -> Range<UInt32> {
        table.withLock { table in
            if let first = table.groups[group] { return first..<first + UInt32(group.count) }
            let first = UInt32(table.types.count)
            table.groups[group] = first
            for type in group {
                table.types.append(type.mapReferences { heapType in
                    if case .recursive(let n) = heapType { .concrete(first + n) } else { heapType }
                })
            }
            return first..<first + UInt32(group.count)
        }
    }

    /// The id of a type outside any group (a host function's): its references are ids.
    static func id(of type: FunctionType) -> UInt32 {
        ids(ofGroup: [type]).lowerBound
    }

    static func type(of id: UInt32) -> FunctionType {
        table.withLock { $0.types[Int(id)] }
    }
}

extension FunctionType {
    /// The type with every heap type of its reference types replaced by `transform`'s.
    func mapReferences<E: Error>(_ transform: (HeapType) throws(E) -> HeapType) throws(E) -> FunctionType {
        FunctionType(
            parameters: try parameters.map { (type) throws(E) in try type.mapReferences(transform) },
            results: try results.map { (type) throws(E) in try type.mapReferences(transform) })
    }
}

extension ValueType {
    /// The type with its heap type (if it is a reference) replaced by `transform`'s.
    func mapReferences<E: Error>(_ transform: (HeapType) throws(E) -> HeapType) throws(E) -> ValueType {
        guard case .ref(let reference) = self else { return self }
        return .ref(ReferenceType(nullable: reference.isNullable, try transform(reference.heapType)))
    }

    /// Whether a value of this type is also a value of `expected` (spec 3.0, 3.3.5: a
    /// non-null reference matches a nullable one, a function type `func`, a bottom type its
    /// hierarchy). Both types' concrete heap types must be type ids.
    @inline(__always)
    func matches(_ expected: ValueType) -> Bool {
        if self == expected { return true }
        guard case .ref(let actual) = self, case .ref(let wanted) = expected else { return false }
        guard wanted.isNullable || !actual.isNullable else { return false }
        return actual.heapType.matches(wanted.heapType)
    }
}

extension HeapType {
    /// Heap subtyping without declared subtypes: equal, the top of its hierarchy, or the bottom.
    func matches(_ expected: HeapType) -> Bool {
        if self == expected { return true }
        if top != expected.top { return false }
        return expected == top || self == bottom
    }
}
