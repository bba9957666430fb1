import CWasmEngine

/// A `check_limits` instruction waiting for its fuel: the instructions of the region it
/// heads — a function's body or a loop's, the loops inside apart, which have checks of their
/// own. Each pass through a check charges its whole region, whatever branches skip, so fuel
/// bounds the instructions run from above: straight-line code in a region runs at most once
/// per pass, since running it again takes a backward branch (to a loop's check) or a call.
struct LimitCheck {
    /// The words of a `check_limits` instruction: its operation and its fuel.
    static let words = 2
    /// The code word that will hold the fuel.
    var word: Int
    /// `instructionsRead` when the region began.
    var start: Int
    /// Instructions of the loops inside, charged by their own checks.
    var inner = 0
}

extension FunctionTranslator {
    /// Emits a limit check for the region starting here; its fuel is filled in when the
    /// region ends (`closeLimitCheck()`).
    mutating func openLimitCheck() {
        let start = builder.emit(HOP_check_limits, 0)
        openChecks.append(LimitCheck(word: start + 1, start: instructionsRead))
    }

    /// Fills in the fuel of the innermost open check, its region ending here.
    mutating func closeLimitCheck() {
        let check = openChecks.removeLast()
        let region = instructionsRead - check.start
        builder.setWord(check.word, UInt64(max(region - check.inner, 1)))
        if !openChecks.isEmpty { openChecks[openChecks.count - 1].inner += region }
    }
}
