import ArgumentParser
import Foundation
import Survival
import TrialCore

/// `trialdata survival`: Kaplan-Meier, log-rank, Cox and the PH check on any dataset file,
/// with R's `survival` conventions.
///
/// ```
/// trialdata survival km --input adtte.csv --where PARAMCD=OS --group TRT01P --times 365,730
/// trialdata survival cox --input adtte.csv --covariates TRT01P,AGE --format json
/// ```
struct SurvivalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survival",
        abstract: "Survival analyses that match R's survival package (KM, log-rank, Cox, cox.zph).",
        discussion: """
        Defaults suit an ADaM ADTTE: --time AVAL --censor CNSR (CNSR 0 = event). Rows with a \
        missing value in any used variable are dropped and counted.
        """,
        subcommands: [SurvivalKMCommand.self, SurvivalLogRankCommand.self, SurvivalCoxCommand.self, SurvivalZPHCommand.self]
    )

    /// Reads the table and runs `body`, returning the text to print (errors propagate:
    /// `InputError` and `SurvivalDataError`).
    static func output(_ options: SurvivalInputOptions, variables: [String],
                       _ body: (SurvivalTable) throws -> String) throws -> String {
        var names = Set(variables)
        names.insert(options.time)
        names.insert(options.outcomeVariable)
        for f in try options.parsedFilters() { names.insert(f.variable) }
        let table = try SurvivalTable.read(path: options.input, names: names)
        let text = try body(table)
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Prints what `produce` returns; input and model errors go to stderr with exit code 65.
    static func emit(_ options: SurvivalInputOptions, _ produce: () throws -> String) throws {
        do {
            let text = try produce()
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch let e as InputError {
            throw CommandLineFailure.badInput(e)
        } catch let e as SurvivalDataError {
            CommandLineFailure.printError("error: \(options.input): \(e.message)")
            throw CommandLineFailure.dataError
        }
    }
}

/// A model error mapped back to the input file (a `SurvivalError` with its row translated).
struct SurvivalDataError: Error {
    let message: String

    /// Translates `error` (rows index `rows.rows`) into a message naming the file line.
    init(_ error: SurvivalError, rows: SurvivalRows) {
        func line(_ r: Int) -> String {
            r < rows.rows.count ? rows.table.rowName(rows.rows[r]) : "row \(r + 1)"
        }
        switch error {
        case let .notFinite(argument, row, value):
            message = "\(line(row)): \(argument) is \(value), expected a finite number"
        case let .negativeTime(row, value):
            message = "\(line(row)): time is \(value), expected a time >= 0"
        case let .nonPositiveWeight(row, value):
            message = "\(line(row)): weight is \(value), expected a weight > 0"
        case let .entryNotBeforeExit(row, entry, exit):
            message = "\(line(row)): entry \(entry) is not before exit \(exit)"
        case .noRows:
            message = "no rows left to analyse after --where and dropping missing values"
        default:
            message = error.description
        }
    }
}

/// Runs a Survival call, translating its typed error.
func survivalCall<T>(_ rows: SurvivalRows, _ body: () throws(SurvivalError) -> T) throws -> T {
    do { return try body() } catch { throw SurvivalDataError(error, rows: rows) }
}
