import WasmEngine
import Testing

/// A float compared with a constant and branched on, fused into one instruction: the
/// constant is a float's bits, and the branch goes the right way on both sides of it.
@Suite struct CompareBranchTests {
    let instance = try! Instance(module: try! Fixtures.module("compares"), store: Store())

    @Test func f32() throws {
        let equalsOne = try instance.function(named: "f32_eq_one")!.typed(Float.self, returning: Int32.self)
        let differsFromHalf = try instance.function(named: "f32_ne_half")!.typed(Float.self, returning: Int32.self)
        #expect(try equalsOne(1) == 1)
        #expect(try equalsOne(1.5) == 0)
        #expect(try equalsOne(.nan) == 0)
        #expect(try differsFromHalf(0.5) == 0)
        #expect(try differsFromHalf(2) == 1)
        #expect(try differsFromHalf(.nan) == 1)
    }

    @Test func f64() throws {
        let equalsOne = try instance.function(named: "f64_eq_one")!.typed(Double.self, returning: Int32.self)
        let differsFromHalf = try instance.function(named: "f64_ne_half")!.typed(Double.self, returning: Int32.self)
        #expect(try equalsOne(1) == 1)
        #expect(try equalsOne(-1) == 0)
        #expect(try differsFromHalf(0.5) == 0)
        #expect(try differsFromHalf(0.25) == 1)
    }
}
