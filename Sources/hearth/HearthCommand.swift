import ArgumentParser

/// `hearth`: run, inspect and validate WebAssembly modules.
@main
struct HearthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hearth",
        abstract: "Run, inspect and validate WebAssembly modules.",
        discussion: """
            Exit codes: 0 success; 1 spec tests failed; 64 bad usage or arguments; \
            65 malformed, invalid or unsupported module; 66 file not readable; 67 imports not satisfied; \
            70 the guest trapped or threw an exception nothing caught; 71 the guest returned an error (Err or a throw); \
            72 a limit stopped the guest (fuel, time, memory).
            """,
        subcommands: [RunCommand.self, CallCommand.self, ReplCommand.self, InspectCommand.self, ValidateCommand.self, SpecTestCommand.self,
                      DifferentialCommand.self]
    )
}
