import Foundation
import Hearth

/// Runs the JSON command scripts of the WebAssembly spec testsuite (converted by
/// `wasm-tools json-from-wast`; see ../shared/spectest/README.md).
public struct SpecTestRunner {
    /// Outcome counts of one script or of a whole run.
    public struct Tally: Sendable, Equatable {
        public var passed = 0
        public var failed = 0
        public var skipped = 0
        public init() {}

        public static func += (lhs: inout Tally, rhs: Tally) {
            lhs.passed += rhs.passed
            lhs.failed += rhs.failed
            lhs.skipped += rhs.skipped
        }

        public var summary: String { "\(passed) passed, \(failed) failed, \(skipped) skipped" }
    }

    public struct ScriptResult: Sendable {
        public var path: String
        public var tally: Tally
        /// One line per failed command: line number and what went wrong.
        public var failures: [String]
    }

    public init() {}

    /// The `.json` scripts at `path`: the file itself, or every script below a folder, sorted.
    public static func scripts(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        while let entry = enumerator?.nextObject() as? String {
            if entry.hasSuffix(".json") && !entry.hasSuffix("conversion_log.json") {
                found.append((path as NSString).appendingPathComponent(entry))
            }
        }
        return found.sorted()
    }

    /// Runs one script.
    public func run(script path: String) -> ScriptResult {
        var result = ScriptResult(path: path, tally: Tally(), failures: [])
        guard let data = FileManager.default.contents(atPath: path),
              let commands = try? JSONDecoder().decode(Script.self, from: data).commands else {
            result.tally.failed = 1
            result.failures.append("cannot read script")
            return result
        }
        var session = ScriptSession(directory: (path as NSString).deletingLastPathComponent)
        for command in commands {
            let line = command.line ?? 0
            switch session.execute(command) {
            case .passed: result.tally.passed += 1
            case .skipped: result.tally.skipped += 1
            case .failed(let why):
                result.tally.failed += 1
                result.failures.append("line \(line): \(command.type): \(why)")
            }
        }
        return result
    }
}

enum Outcome {
    case passed
    case failed(String)
    case skipped
}

/// The state of one script: its store, the spectest host module, named modules, registry.
struct ScriptSession {
    let directory: String
    let store = Store()
    var linker = Linker()
    var current: Instance?
    var named: [String: Instance] = [:]

    init(directory: String) {
        self.directory = directory
        // The spectest module's memory and table are tiny; allocating them cannot fail.
        for (name, value) in try! SpecTestHost.exports(store: store) { linker.define("spectest", Name(name), value) }
    }

    mutating func execute(_ command: Command) -> Outcome {
        let type = command.type
        switch type {
        case "module":
            guard let file = moduleFile(command) else { return .skipped }
            do {
                let instance = try instantiate(file)
                current = instance
                if let name = command.name { named[name] = instance }
                return .passed
            } catch {
                current = nil
                return .failed("module \(file) did not load: \(error)")
            }
        case "register":
            guard let instance = command.name.flatMap({ named[$0] }) ?? current, let alias = command.as else {
                return .failed("nothing to register")
            }
            linker.define(Name(alias), instance: instance)
            return .passed
        case "action":
            do {
                _ = try perform(command.action)
                return .passed
            } catch {
                return .failed("action failed: \(error)")
            }
        case "assert_return":
            return assertReturn(command)
        case "assert_trap", "assert_exhaustion":
            return assertTrap(command)
        case "assert_invalid", "assert_malformed":
            guard let file = moduleFile(command) else { return .skipped }
            do {
                _ = try Module(bytes: try bytes(of: file))
                return .failed("module \(file) should not decode and validate (\(command.text ?? ""))")
            } catch is WasmBinaryError {
                return .passed
            } catch is ValidationError {
                return .passed
            } catch {
                return .failed("unexpected error \(error)")
            }
        case "assert_unlinkable", "assert_uninstantiable":
            guard let file = moduleFile(command) else { return .skipped }
            do {
                _ = try instantiate(file)
                return .failed("module \(file) should not instantiate (\(command.text ?? ""))")
            } catch let error as LinkError where type == "assert_unlinkable" {
                _ = error
                return .passed
            } catch let error as Trap where type == "assert_uninstantiable" {
                _ = error
                return .passed
            } catch {
                return .failed("wrong error: \(error)")
            }
        default:
            return .skipped
        }
    }

    /// The binary to load; nil for text-only modules, which this runner skips.
    func moduleFile(_ command: Command) -> String? {
        if let binary = command.binary_filename { return binary }
        if command.module_type == "text" { return nil }
        return command.filename
    }

    func bytes(of file: String) throws -> [UInt8] {
        let path = (directory as NSString).appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        return [UInt8](data)
    }

    func instantiate(_ file: String) throws -> Instance {
        let module = try Module(bytes: try bytes(of: file))
        return try linker.instantiate(module, in: store)
    }

    func perform(_ action: Action?) throws -> [Value] {
        guard let action else { throw CallError("command without an action") }
        let instance = action.module.flatMap { named[$0] } ?? current
        guard let instance else { throw CallError("no module instantiated") }
        let field = Name(action.field)
        switch action.type {
        case "invoke":
            guard let function = instance.function(named: field) else { throw CallError("no function export \(field)") }
            let arguments = try (action.args ?? []).map(SpecValue.argument)
            return try function.call(arguments)
        case "get":
            guard let global = instance.global(named: field) else { throw CallError("no global export \(field)") }
            return [global.value]
        default:
            throw CallError("unknown action")
        }
    }

    func assertReturn(_ command: Command) -> Outcome {
        let expected = command.expected ?? []
        do {
            let results = try perform(command.action)
            guard results.count == expected.count else {
                return .failed("expected \(expected.count) results, got \(results.count)")
            }
            for (result, expectation) in zip(results, expected) where !SpecValue.matches(result, expectation) {
                return .failed("expected \(expectation.type) \(expectation.value ?? expectation.lanes.map { "\(expectation.laneType ?? "") " + $0.joined(separator: " ") } ?? ""), got \(result)")
            }
            return .passed
        } catch {
            return .failed("\(error)")
        }
    }

    func assertTrap(_ command: Command) -> Outcome {
        let text = command.text ?? ""
        do {
            let results = try perform(command.action)
            return .failed("expected trap \"\(text)\", got \(results)")
        } catch let trap as Trap {
            if text.hasPrefix(trap.message) || trap.message.hasPrefix(text) { return .passed }
            return .failed("expected trap \"\(text)\", got \"\(trap.message)\"")
        } catch {
            return .failed("expected trap \"\(text)\", got \(error)")
        }
    }

}
