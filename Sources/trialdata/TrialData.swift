import ArgumentParser
import TrialCore

/// `trialdata`: EDC exports → SDTM → ADaM → validation → survival analyses and a report.
///
/// Each subcommand is one stage and can run alone on files:
/// ```
/// trialdata run                      # the whole pipeline on examples/crlm
/// trialdata survival km --input adtte.xpt --where PARAMCD=OS --group TRT01P
/// ```
@main
struct TrialData: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trialdata",
        abstract: "Turn clinical trial EDC exports into CDISC SDTM/ADaM datasets, validate them, and run the survival analyses.",
        discussion: """
        Exit codes: 0 success; 1 validation found errors (outputs written); 64 usage error; \
        65 bad input data (nothing written); 70 internal error.
        Every error names the file, line/column or ODM OID path, the value and what was expected.
        """,
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self,
            SimulateCommand.self,
            ImportCommand.self,
            SDTMCommand.self,
            ADaMCommand.self,
            ValidateCommand.self,
            SurvivalCommand.self,
            BalanceCommand.self,
            ReportCommand.self,
            ConvertCommand.self,
        ]
    )
}
