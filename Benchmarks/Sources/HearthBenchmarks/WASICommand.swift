/// One run of a WASI command module: what the guest is given, and where its output goes.
struct WASICommand {
    /// `argv`, the program name first.
    var arguments: [String]
    /// `environ`, as `NAME=value`.
    var environment: [(name: String, value: String)] = []
    /// Host directories pre-opened for the guest, as (host path, guest path), in this order.
    var directories: [(host: String, guest: String)] = []
    /// The file the guest's standard input reads.
    var standardInput = "/dev/null"
    /// The file the guest's standard output goes to (created or emptied for each run).
    var standardOutput = "/dev/null"
}
