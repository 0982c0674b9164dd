import ArgumentParser
import Foundation
import TrialCore

/// Prints diagnostics to standard error and maps failures to the exit codes of DESIGN.md.
///
/// Call from a subcommand's `run()`:
/// ```swift
/// do { ... } catch let e as InputError { throw CommandLineFailure.badInput(e) }
/// ```
enum CommandLineFailure {
    /// Exit code 65 (EX_DATAERR): unreadable or invalid input; nothing was written.
    static let dataError = ExitCode(65)
    /// Exit code 70 (EX_SOFTWARE): an internal error.
    static let internalError = ExitCode(70)
    /// Exit code 1: validation found errors (outputs were written).
    static let validationErrors = ExitCode(1)

    /// Prints every diagnostic of `error` to stderr and returns exit code 65.
    static func badInput(_ error: InputError) -> ExitCode {
        for d in error.diagnostics { printError(d.description) }
        return dataError
    }

    /// Writes one line to standard error.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
