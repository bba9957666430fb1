import Foundation
import Hearth

/// Runs the JSON command scripts of the WebAssembly spec testsuite (converted by
/// `wasm-tools json-from-wast`; see ../shared/spectest/README.md).
/// (Package-only: the CLI and the spec tests are its users.)
package struct SpecTestRunner {
    /// Outcome counts of one script or of a whole run.
    package struct Tally: Sendable, Equatable {
        package var passed = 0
        package var failed = 0
        /// Commands on a module that exists only in the text format, which the runner cannot
        /// read (it reads binary modules only).
        package var skippedTextModules = 0
        /// Commands the runner does not know, such as those of later script formats.
        package var skippedUnsupported = 0
        /// Commands on modules that use a proposal Hearth does not implement, by proposal.
        package var skippedFeatures: [WasmFeature: Int] = [:]
        package init() {}

        /// All skipped commands, for whatever reason.
        package var skipped: Int { skippedTextModules + skippedUnsupported + skippedFeatures.values.reduce(0, +) }

        package static func += (lhs: inout Tally, rhs: Tally) {
            lhs.passed += rhs.passed
            lhs.failed += rhs.failed
            lhs.skippedTextModules += rhs.skippedTextModules
            lhs.skippedUnsupported += rhs.skippedUnsupported
            lhs.skippedFeatures.merge(rhs.skippedFeatures, uniquingKeysWith: +)
        }

        /// "P passed, F failed, S skipped", with the skips that are not text-format modules
        /// named when there are any.
        package var summary: String {
            var reasons: [String] = []
            if skippedTextModules > 0 && skippedTextModules < skipped { reasons.append("\(skippedTextModules) text format") }
            for (feature, count) in skippedFeatures.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                reasons.append("\(count) \(feature)")
            }
            if skippedUnsupported > 0 { reasons.append("\(skippedUnsupported) unsupported") }
            return "\(passed) passed, \(failed) failed, \(skipped) skipped" + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: ", ")))")
        }
    }

    package struct ScriptResult: Sendable {
        package var path: String
        package var tally: Tally
        /// One line per failed command: line number and what went wrong.
        package var failures: [String]
        /// One line per command skipped as unsupported: line number and type.
        package var unsupported: [String]
    }

    package init() {}

    /// The `.json` scripts at `path`: the file itself, or every script below a folder, sorted.
    package static func scripts(at path: String) -> [String] {
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
    package func run(script path: String) -> ScriptResult {
        var result = ScriptResult(path: path, tally: Tally(), failures: [], unsupported: [])
        guard let data = FileManager.default.contents(atPath: path),
              let commands = try? JSONDecoder().decode(Script.self, from: data).commands else {
            result.tally.failed = 1
            result.failures.append("cannot read script")
            return result
        }
        var session = ScriptSession(path: path)
        for command in commands {
            let line = command.line ?? 0
            switch session.execute(command) {
            case .passed: result.tally.passed += 1
            case .skipped(.textModule): result.tally.skippedTextModules += 1
            case .skipped(.feature(let feature)): result.tally.skippedFeatures[feature, default: 0] += 1
            case .skipped(.unsupported):
                result.tally.skippedUnsupported += 1
                result.unsupported.append("line \(line): \(command.type): unsupported command")
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
    case skipped(SkipReason)
}

enum SkipReason {
    /// The command's module exists only in the text format.
    case textModule
    /// The runner does not know the command.
    case unsupported
    /// The module uses a proposal Hearth does not implement (or the command acts on such a
    /// module).
    case feature(WasmFeature)
}

/// The state of one script: its store, the spectest host module, named modules, registry.
struct ScriptSession {
    let directory: String
    /// The script as `suite/folder/file.json` (e.g. `wasm2/binary/binary.json`), which
    /// `ErrorReasons` knows commands by: wasm2 and wasm3 have scripts of the same names.
    let scriptName: String
    let store = Store()
    var linker = Linker()
    var current: Instance?
    var named: [String: Instance] = [:]
    /// Modules defined by `module_definition`, not yet instantiated.
    var definitions: [String: Module] = [:]
    /// The feature of the current module when it was skipped for one (commands acting on it
    /// are skipped too), and of named modules skipped so.
    var currentSkip: WasmFeature?
    var skippedNames: [String: WasmFeature] = [:]
    /// Names under which a skipped module would have been registered: a module importing
    /// from one is skipped for the same feature.
    var skippedRegistrations: [String: WasmFeature] = [:]

    init(path: String) {
        directory = (path as NSString).deletingLastPathComponent
        scriptName = URL(fileURLWithPath: path).pathComponents.suffix(3).joined(separator: "/")
        // The spectest module's memory and table are tiny; allocating them cannot fail.
        for (name, value) in try! SpecTestHost.exports(store: store) { linker.define("spectest", Name(name), value) }
    }

    mutating func execute(_ command: Command) -> Outcome {
        let type = command.type
        if command.action != nil, let feature = skippedFeature(of: command.action) { return .skipped(.feature(feature)) }
        switch type {
        case "module":
            guard let file = moduleFile(command) else { return .skipped(.textModule) }
            currentSkip = nil
            do {
                let instance = try instantiate(file)
                current = instance
                if let name = command.name { named[name] = instance }
                return .passed
            } catch {
                current = nil
                if let feature = Self.unsupportedFeature(of: error) {
                    currentSkip = feature
                    if let name = command.name { skippedNames[name] = feature }
                    return .skipped(.feature(feature))
                }
                return .failed("module \(file) did not load: \(error)")
            }
        case "module_definition":
            guard let file = moduleFile(command), let name = command.name else { return .skipped(.textModule) }
            do {
                definitions[name] = try Module(bytes: try bytes(of: file))
                return .passed
            } catch {
                if let feature = Self.unsupportedFeature(of: error) {
                    skippedNames[name] = feature
                    return .skipped(.feature(feature))
                }
                return .failed("module \(file) did not load: \(error)")
            }
        case "module_instance":
            guard let name = command.module, let instanceName = command.instance else { return .failed("no module or instance name") }
            if let feature = skippedNames[name] {
                skippedNames[instanceName] = feature
                return .skipped(.feature(feature))
            }
            guard let module = definitions[name] else { return .failed("no module definition \(name)") }
            do {
                let instance = try linker.instantiate(module, in: store)
                named[instanceName] = instance
                current = instance
                currentSkip = nil
                return .passed
            } catch {
                return .failed("module \(name) did not instantiate: \(error)")
            }
        case "register":
            if let feature = command.name.flatMap({ skippedNames[$0] }) ?? (command.name == nil ? currentSkip : nil) {
                if let alias = command.as { skippedRegistrations[alias] = feature }
                return .skipped(.feature(feature))
            }
            guard let instance = command.name.flatMap({ named[$0] }) ?? current, let alias = command.as else {
                return .failed("nothing to register")
            }
            linker.define(Name(alias), instance: instance)
            return .passed
        case "assert_exception":
            return assertException(command)
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
        case "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable":
            guard let file = moduleFile(command) else { return .skipped(.textModule) }
            return assertRejected(command, file: file)
        default:
            return .skipped(.unsupported)
        }
    }

    /// A module that must fail for the command's reason: malformed is a decoding error,
    /// invalid a validation error, unlinkable a link error, uninstantiable a trap while
    /// instantiating (segment initialisation or the start function).
    func assertRejected(_ command: Command, file: String) -> Outcome {
        let type = command.type
        guard let text = command.text else { return .failed("no reason given") }
        if let verdict = ChangedIn3.verdicts[location(of: command)] {
            return checkChangedIn3(verdict, file: file)
        }
        let message: String
        do {
            if type == "assert_malformed" || type == "assert_invalid" {
                _ = try Module(bytes: try bytes(of: file))
            } else {
                _ = try instantiate(file)
            }
            return .failed("module \(file) was accepted; expected \"\(text)\"")
        } catch let error where Self.unsupportedFeature(of: error) != nil {
            return .skipped(.feature(Self.unsupportedFeature(of: error)!))
        } catch let error as WasmBinaryError where type == "assert_malformed" {
            message = error.message
        } catch let error as InvalidModuleError where type == "assert_invalid" {
            message = error.message
        } catch let error as LinkError where type == "assert_unlinkable" {
            message = error.message
        } catch let error as Trap where type == "assert_uninstantiable" {
            message = error.message
        } catch {
            return .failed("expected \"\(text)\", got \(error)")
        }
        guard ErrorReasons.message(message, means: text, at: location(of: command)) else {
            return .failed("expected \"\(text)\", got \"\(message)\"")
        }
        return .passed
    }

    /// A 2.0 command whose module 3.0 reads differently: checks 3.0's verdict on it.
    func checkChangedIn3(_ verdict: ChangedIn3.Verdict, file: String) -> Outcome {
        do {
            _ = try Module(bytes: try bytes(of: file))
            if case .invalid(let text) = verdict { return .failed("module \(file) was accepted; 3.0 rejects it: \"\(text)\"") }
            return .passed
        } catch let error as InvalidModuleError {
            guard case .invalid(let text) = verdict else { return .failed("3.0 accepts module \(file), got \(error)") }
            return error.message.hasPrefix(text) ? .passed : .failed("3.0 rejects module \(file) for \"\(text)\", got \(error)")
        } catch {
            return .failed("3.0's verdict on module \(file) is \(verdict), got \(error)")
        }
    }

    func location(of command: Command) -> String { "\(scriptName):\(command.line ?? 0)" }

    /// The feature a module load failed for, when it failed for one.
    static func unsupportedFeature(of error: any Error) -> WasmFeature? {
        (error as? WasmBinaryError)?.unsupportedFeature ?? (error as? SkippedImport)?.feature
    }

    /// The feature for which the module an action acts on was skipped, if it was.
    func skippedFeature(of action: Action?) -> WasmFeature? {
        if let name = action?.module { return skippedNames[name] }
        return currentSkip
    }

    /// A call that must end in an exception no guest code caught.
    func assertException(_ command: Command) -> Outcome {
        do {
            let results = try perform(command.action)
            return .failed("expected an exception, got \(results)")
        } catch is WasmException {
            return .passed
        } catch {
            return .failed("expected an exception, got \(error)")
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
        if let feature = module.imports.lazy.compactMap({ skippedRegistrations[$0.module.description] }).first {
            throw SkippedImport(feature: feature)
        }
        return try linker.instantiate(module, in: store)
    }

    /// A module imports from one skipped for `feature`.
    struct SkippedImport: Error {
        var feature: WasmFeature
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
        guard let text = command.text else { return .failed("no reason given") }
        do {
            let results = try perform(command.action)
            return .failed("expected trap \"\(text)\", got \(results)")
        } catch let trap as Trap {
            if ErrorReasons.message(trap.message, means: text, at: location(of: command)) { return .passed }
            return .failed("expected trap \"\(text)\", got \"\(trap.message)\"")
        } catch {
            return .failed("expected trap \"\(text)\", got \(error)")
        }
    }
}
