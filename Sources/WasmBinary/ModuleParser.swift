/// Decodes a binary module (spec 5.5). Checks structure only; `WasmEngine` validates.
public enum ModuleParser {
    /// The most locals one function may declare; more is rejected as malformed.
    package static let maxLocals = 50_000

    /// Decodes `bytes` into a module: the sections in order, every vector and immediate
    /// structurally checked. Throws the first malformation with its byte offset.
    public static func parse(_ bytes: [UInt8]) throws(WasmBinaryError) -> BinaryModule {
        // Offsets are kept in 32 bits (`Code`).
        guard bytes.count <= UInt32.max else { throw WasmBinaryError("module larger than 4 GiB", offset: 0) }
        var reader = BinaryReader(bytes: bytes)
        var module = BinaryModule()
        module.bytes = bytes
        // A file too short for the header is truncated, whatever its first bytes.
        guard try reader.readBytes(4).elementsEqual([0x00, 0x61, 0x73, 0x6D]) else {
            throw WasmBinaryError("magic header not detected", offset: 0)
        }
        guard try reader.readBytes(4).elementsEqual([0x01, 0x00, 0x00, 0x00]) else {
            throw WasmBinaryError("unknown binary version", offset: 4)
        }
        var lastOrder = 0
        var functionCount: Int?
        while !reader.isAtEnd {
            let idOffset = reader.offset
            let id = try reader.readByte()
            if id != 0 {
                guard let order = sectionOrder[id] else {
                    throw WasmBinaryError("malformed section id \(id)", offset: idOffset)
                }
                guard order > lastOrder else {
                    throw WasmBinaryError("unexpected content after last section (section \(id) out of order)", offset: idOffset)
                }
                lastOrder = order
            }
            let size = Int(try reader.readU32())
            let start = reader.offset
            guard size <= bytes.count - start else {
                throw WasmBinaryError(
                    "length out of bounds: section \(id) needs \(size) bytes, \(bytes.count - start) left", offset: start)
            }
            var section = BinaryReader(bytes: bytes, offset: start, limit: start + size)
            switch id {
            case 0: try module.readCustomSection(&section)
            case 1: try section.readVector { (r: inout BinaryReader) throws(WasmBinaryError) in
                    try r.readRecursionGroup(into: &module)
                }
            case 2: try section.readVector { (r: inout BinaryReader) throws(WasmBinaryError) in
                    module.imports.append(try r.readImport())
                }
            case 3:
                let count = try section.readCount()
                module.functions.reserveCapacity(count)
                for _ in 0..<count { module.functions.append(try section.readU32()) }
                functionCount = module.functions.count
            case 4: try section.readVector { (r: inout BinaryReader) throws(WasmBinaryError) in
                    let (type, initializer) = try r.readTable()
                    module.tables.append(type)
                    module.tableInitializers.append(initializer)
                }
            case 5: try section.readVector { (r: inout BinaryReader) throws(WasmBinaryError) in
                    module.memories.append(try r.readMemoryType())
                }
            case 13: try section.readVector { (r: inout BinaryReader) throws(WasmBinaryError) in
                    module.tags.append(try r.readTagType())
                }
            case 6: try section.readVector { (r: inout BinaryReader) throws(WasmBinaryError) in
                    let type = try r.readGlobalType()
                    module.globals.append(GlobalDeclaration(type: type, initializer: try r.readConstExpression()))
                }
            case 7: try section.readVector { (r: inout BinaryReader) throws(WasmBinaryError) in
                    let name = try r.readName()
                    let kindOffset = r.offset
                    guard let kind = ExternalKind(rawValue: try r.readByte()) else {
                        throw r.error("malformed export kind", at: kindOffset)
                    }
                    module.exports.append(Export(name: Name(bytes: name), kind: kind, index: try r.readU32()))
                }
            case 8: module.start = try section.readU32()
            case 9: try section.readVector { (r: inout BinaryReader) throws(WasmBinaryError) in
                    module.elements.append(try r.readElementSegment())
                }
            case 12: module.dataCount = try section.readU32()
            case 10:
                let count = try section.readCount()
                guard count == (functionCount ?? 0) else {
                    throw WasmBinaryError("function and code section have inconsistent lengths", offset: start)
                }
                module.codes.reserveCapacity(count)
                for _ in 0..<count { module.codes.append(try section.readCode()) }
            case 11:
                let count = try section.readCount()
                if let dataCount = module.dataCount, dataCount != count {
                    throw WasmBinaryError("data count and data section have inconsistent lengths", offset: start)
                }
                for _ in 0..<count { module.data.append(try section.readDataSegment()) }
            default: break
            }
            guard section.offset == start + size else {
                throw WasmBinaryError("section size mismatch in section \(id)", offset: section.offset)
            }
            reader.offset = start + size
        }
        if module.codes.count != module.functions.count {
            throw WasmBinaryError("function and code section have inconsistent lengths", offset: bytes.count)
        }
        if let dataCount = module.dataCount, Int(dataCount) != module.data.count {
            throw WasmBinaryError("data count and data section have inconsistent lengths", offset: bytes.count)
        }
        return module
    }

    /// Position of each known section in the required order (tags sit between memories and
    /// globals, data count before code).
    private static let sectionOrder: [UInt8: Int] = [
        1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13,
    ]
}

extension BinaryModule {
    /// A malformed custom section name is an error; malformed contents are not (spec 5.5.3).
    mutating func readCustomSection(_ reader: inout BinaryReader) throws(WasmBinaryError) {
        let nameBytes = try reader.readName()
        let name = String(decoding: nameBytes, as: UTF8.self)
        let contents = reader.bytes[reader.offset..<reader.limit]
        customSections.append(CustomSection(name: name, bytes: contents))
        if name == "name" { functionNames = (try? NameSection.functionNames(contents)) ?? [:] }
        reader.offset = reader.limit
    }
}

extension BinaryReader {
    mutating func readVector(_ body: (inout BinaryReader) throws(WasmBinaryError) -> Void) throws(WasmBinaryError) {
        let count = try readCount()
        for _ in 0..<count { try body(&self) }
    }

    /// One entry of the type section: a function type, or a recursive group of them (0x4E).
    /// Subtypes, structs and arrays are GC's.
    mutating func readRecursionGroup(into module: inout BinaryModule) throws(WasmBinaryError) {
        let first = module.types.count
        if offset < limit, bytes[offset] == 0x4E {
            offset += 1
            try readVector { (r: inout BinaryReader) throws(WasmBinaryError) in module.types.append(try r.readFunctionType()) }
        } else {
            module.types.append(try readFunctionType())
        }
        module.recursionGroups.append(first..<module.types.count)
    }

    mutating func readFunctionType() throws(WasmBinaryError) -> FunctionType {
        let at = offset
        let form = try readByte()
        switch form {
        case 0x60: break
        case 0x50, 0x4F: throw WasmBinaryError(unsupported: .gc, "a subtype declaration", offset: at)
        case 0x5F, 0x5E: throw WasmBinaryError(unsupported: .gc, form == 0x5F ? "a struct type" : "an array type", offset: at)
        default: throw error("malformed function type", at: at)
        }
        var parameters: [ValueType] = []
        try readVector { (r: inout BinaryReader) throws(WasmBinaryError) in parameters.append(try r.readValueType()) }
        var results: [ValueType] = []
        try readVector { (r: inout BinaryReader) throws(WasmBinaryError) in results.append(try r.readValueType()) }
        return FunctionType(parameters: parameters, results: results)
    }

    /// Limits (spec 5.3.7). A table's are read as 64-bit numbers, as in 3.0 (a size past
    /// 32 bits is then invalid, "table size"); a memory's as 32-bit ones.
    mutating func readLimits(bits: Int = 32) throws(WasmBinaryError) -> Limits {
        let at = offset
        let flags = try readByte()
        switch flags {
        case 0: return Limits(min: try readUnsigned(bits: bits))
        case 1:
            let min = try readUnsigned(bits: bits)
            return Limits(min: min, max: try readUnsigned(bits: bits))
        case 4...7: throw WasmBinaryError(unsupported: .memory64, "64-bit limits", offset: at)
        default: throw error("malformed limits flags \(hex(flags))", at: at)
        }
    }

    mutating func readTableType() throws(WasmBinaryError) -> TableType {
        let type = try readReferenceType()
        return TableType(elementType: .ref(type), limits: try readLimits(bits: 64))
    }

    /// A table of the table section: its type, and the expression that initialises its
    /// elements when it has one (0x40 0x00 first).
    mutating func readTable() throws(WasmBinaryError) -> (TableType, ConstExpression?) {
        guard offset < limit, bytes[offset] == 0x40 else { return (try readTableType(), nil) }
        offset += 1
        let at = offset
        guard try readByte() == 0 else { throw error("malformed table type", at: at) }
        let type = try readTableType()
        return (type, try readConstExpression())
    }

    /// A tag's type: an attribute byte (0, an exception) and a function type index.
    mutating func readTagType() throws(WasmBinaryError) -> UInt32 {
        let at = offset
        guard try readByte() == 0 else { throw error("malformed tag attribute", at: at) }
        return try readU32()
    }

    mutating func readMemoryType() throws(WasmBinaryError) -> MemoryType {
        MemoryType(limits: try readLimits(bits: 64))
    }

    mutating func readGlobalType() throws(WasmBinaryError) -> GlobalType {
        let type = try readValueType()
        let at = offset
        let mutability = try readByte()
        guard mutability <= 1 else { throw error("malformed mutability", at: at) }
        return GlobalType(valueType: type, isMutable: mutability == 1)
    }

    mutating func readImport() throws(WasmBinaryError) -> Import {
        let module = try readName()
        let name = try readName()
        let at = offset
        let descriptor: ExternalType
        switch try readByte() {
        case 0: descriptor = .function(try readU32())
        case 1: descriptor = .table(try readTableType())
        case 2: descriptor = .memory(try readMemoryType())
        case 3: descriptor = .global(try readGlobalType())
        case 4: descriptor = .tag(try readTagType())
        default: throw error("malformed import kind", at: at)
        }
        return Import(module: Name(bytes: module), name: Name(bytes: name), descriptor: descriptor)
    }

    /// Instructions up to the matching `end`; validated later against the module.
    mutating func readConstExpression() throws(WasmBinaryError) -> ConstExpression {
        let start = offset
        var instructions: [ConstInstruction] = []
        while let instruction = try readConstInstruction() {
            instructions.append(instruction)
        }
        return ConstExpression(instructions: instructions, offset: start)
    }

    mutating func readElementSegment() throws(WasmBinaryError) -> ElementSegment {
        let at = offset
        let flags = try readU32()
        guard flags <= 7 else { throw error("malformed elements segment kind \(flags)", at: at) }
        let usesExpressions = flags & 4 != 0
        var mode: ElementSegment.Mode
        // Function indices are non-null references (spec 3.0); expressions may be null.
        var type = usesExpressions ? ValueType.funcref : .ref(ReferenceType(nullable: false, .function))
        if flags & 1 == 0 {
            let table = flags & 2 != 0 ? try readU32() : 0
            mode = .active(table: table, offset: try readConstExpression())
        } else {
            mode = flags & 2 != 0 ? .declarative : .passive
        }
        // Flags 0 and 4 imply funcref; the others spell out an element kind or type.
        if flags & 3 != 0 {
            if usesExpressions {
                type = .ref(try readReferenceType())
            } else {
                let kindOffset = offset
                guard try readByte() == 0x00 else { throw error("malformed element kind", at: kindOffset) }
            }
        }
        var initializers: [ConstExpression] = []
        try readVector { (r: inout BinaryReader) throws(WasmBinaryError) in
            if usesExpressions {
                initializers.append(try r.readConstExpression())
            } else {
                let start = r.offset
                initializers.append(ConstExpression(instructions: [.refFunc(try r.readU32())], offset: start))
            }
        }
        return ElementSegment(type: type, initializers: initializers, mode: mode)
    }

    mutating func readDataSegment() throws(WasmBinaryError) -> DataSegment {
        let at = offset
        let flags = try readU32()
        let mode: DataSegment.Mode
        switch flags {
        case 0: mode = .active(memory: 0, offset: try readConstExpression())
        case 1: mode = .passive
        case 2:
            let memory = try readU32()
            mode = .active(memory: memory, offset: try readConstExpression())
        default: throw error("malformed data segment kind \(flags)", at: at)
        }
        let count = Int(try readU32())
        return DataSegment(bytes: try readBytes(count), mode: mode)
    }

    mutating func readCode() throws(WasmBinaryError) -> Code {
        let size = Int(try readU32())
        let start = offset
        guard size <= limit - start else { throw error("unexpected end of section or function") }
        // The body is read with this reader's limit narrowed to it (a reader of its own would
        // retain the module's bytes once per function).
        let sectionLimit = limit
        limit = start + size
        defer { limit = sectionLimit }
        var total = 0
        let groups = try readCount()
        let localsStart = offset
        for _ in 0..<groups {
            let at = offset
            let count = Int(try readU32())
            total += count
            guard total <= ModuleParser.maxLocals else { throw error("too many locals", at: at) }
            _ = try readValueType()
        }
        let localsEnd = offset
        offset = start + size
        guard localsEnd < start + size else { throw error("unexpected end of section or function", at: start + size) }
        return Code(localGroups: groups, localCount: total, localsStart: localsStart, bodyStart: localsEnd, bodyEnd: start + size)
    }
}

/// Reads function names from the `name` custom section (subsection 1).
enum NameSection {
    static func functionNames(_ contents: ArraySlice<UInt8>) throws(WasmBinaryError) -> [UInt32: String] {
        var reader = BinaryReader(bytes: Array(contents))
        var names: [UInt32: String] = [:]
        while !reader.isAtEnd {
            let id = try reader.readByte()
            let size = Int(try reader.readU32())
            let end = reader.offset + size
            guard end <= reader.limit else { break }
            if id == 1 {
                let count = try reader.readCount()
                for _ in 0..<count {
                    let index = try reader.readU32()
                    names[index] = String(decoding: try reader.readName(), as: UTF8.self)
                }
            }
            reader.offset = end
        }
        return names
    }
}
