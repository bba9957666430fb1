import CWasmEngine

extension CodeBuilder {
    /// Sends each `br` that lands on a `br_table` straight to the entry the table would take,
    /// when a `const` right before the `br` (and no branch between them) writes the slot the
    /// table reads: the table's dispatch is saved. Go compiles every function that can yield
    /// into a state machine that sets its next state and jumps back to such a table. A branch
    /// into a loop in code with limit checks is `br_checked`, which this leaves alone. Call
    /// once, when the code is complete, before superinstructions form.
    mutating func threadConstantBranchesThroughTables() {
        let instructions = self.instructions
        for index in instructions.indices.dropFirst() where instructions[index].op == HOP_br {
            guard !instructions[index].isBranchTarget, instructions[index - 1].op == HOP_const else { continue }
            let branch = instructions[index].start
            let table = branch + Int(Int64(bitPattern: words[branch + 1]))
            guard instructions.startsInstruction(table, op: HOP_br_table) else { continue }
            let constant = instructions[index - 1].start
            // [const] [dst] [value]; [br_table] [index slot|count] [code word 0] [offset 0] ...
            guard UInt32(truncatingIfNeeded: words[constant + 1]) == UInt32(truncatingIfNeeded: words[table + 1]) else { continue }
            let selected = min(UInt32(truncatingIfNeeded: words[constant + 2]), UInt32(truncatingIfNeeded: words[table + 1] >> 32))
            let target = table + Int(Int64(bitPattern: words[table + 3 + 2 * Int(selected)]))
            patch(position: branch, word: 1, half: .full, target: target)
        }
    }
}

extension GrowableBuffer<CodeBuilder.Emitted> {
    /// Whether an instruction of operation `op` starts at word `position` (the instructions
    /// are in order of their starts).
    func startsInstruction(_ position: Int, op: HOp) -> Bool {
        let index = partitioningIndex { $0.start >= position }
        return index < count && self[index].start == position && self[index].op == op
    }
}
