import CWasmEngine
import WasmBinary

extension Module {
    /// The threaded code of a defined function as text, one instruction per line: position,
    /// operation and operand words (slot operands are byte offsets, `lo|hi` when packed).
    public func disassemble(functionIndex: UInt32) throws -> String {
        let definedIndex = Int(functionIndex) - context.importedFunctionCount
        guard definedIndex >= 0, definedIndex < binary.codes.count else {
            throw CallError("function \(functionIndex) is not defined by this module")
        }
        var translator = makeTranslator()
        let result: FunctionTranslator.Result
        do {
            result = try translator.translate(functionIndex: functionIndex, code: binary.codes[definedIndex])
        } catch {
            throw error.reported
        }
        var lines = ["function \(functionIndex)" + (binary.functionNames[functionIndex].map { " (\($0))" } ?? "")
            + ": \(result.frameSlots) frame slots, \(result.code.count) code words"]
        let starts = result.instructions.map(\.start)
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : result.code.count
            let name = String(cString: hearth_op_name(result.code[start]))
            var words = Array(result.code[(start + 1)..<end])
            if name.hasPrefix("br_table") {  // each entry's copy of its target's code word left out
                words = [words[0]] + stride(from: 2, to: words.count, by: 2).map { words[$0] }
            }
            let operands = words.map { word in
                word >> 32 == 0 || word >> 32 == 0xFFFF_FFFF ? "\(Int64(bitPattern: word))" : "\(word & 0xFFFF_FFFF)|\(word >> 32)"
            }
            lines.append(String(repeating: " ", count: max(0, 6 - "\(start)".count)) + "\(start)  \(name) " + operands.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
