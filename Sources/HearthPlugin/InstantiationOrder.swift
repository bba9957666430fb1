/// The order a plugin's modules are instantiated in: every module after the modules it
/// imports from. Among modules that do not depend on each other the manifest's order is kept,
/// so the order is the same on every run.
enum InstantiationOrder {
    /// The indices of `dependencies` (module index -> the indices it imports from) in an order
    /// where each comes after its dependencies. A cycle throws, naming it by `names`:
    /// `a.wasm -> b.wasm -> a.wasm`.
    static func of(_ dependencies: [[Int]], names: [String]) throws(PluginError) -> [Int] {
        enum Mark { case unvisited, visiting, done }
        var marks = [Mark](repeating: .unvisited, count: dependencies.count)
        var order: [Int] = []
        var path: [Int] = []

        func visit(_ node: Int) throws(PluginError) {
            switch marks[node] {
            case .done: return
            case .visiting:
                let cycle = path[path.lastIndex(of: node)!...] + [node]
                throw PluginError(.dependencyCycle, "the modules import from each other in a cycle: "
                    + cycle.map { names[$0] }.joined(separator: " -> "),
                    remedy: "a module can only import from modules that do not import from it")
            case .unvisited:
                marks[node] = .visiting
                path.append(node)
                for dependency in dependencies[node] { try visit(dependency) }
                path.removeLast()
                marks[node] = .done
                order.append(node)
            }
        }
        for node in dependencies.indices { try visit(node) }
        return order
    }
}
