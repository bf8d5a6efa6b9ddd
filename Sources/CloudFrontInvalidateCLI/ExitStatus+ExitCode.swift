import ArgumentParser
import ExitCodes

extension ExitStatus {
    /// The process exit code of this outcome, thrown by a command to end with it.
    var exitCode: ExitCode { ExitCode(code) }
}
