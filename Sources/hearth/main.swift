import Foundation
import SpecTestRunner

var total = SpecTestRunner.Tally()
let runner = SpecTestRunner()
let verbose = CommandLine.arguments.contains("-v")
for path in CommandLine.arguments.dropFirst() where path != "-v" {
    for script in SpecTestRunner.scripts(at: path) {
        let result = runner.run(script: script)
        total += result.tally
        print("\(script): \(result.tally.summary)")
        if verbose { for f in result.failures { print("  " + f) } }
    }
}
print(total.summary)
