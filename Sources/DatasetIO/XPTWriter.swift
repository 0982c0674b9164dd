#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import TrialCore

/// Writes SAS XPORT version 5 transport files (`.xpt`), one member per dataset.
///
/// Layout per TS-140: 80-byte header records, 140-byte NAMESTRs, fixed-width observations
/// padded with blanks to a multiple of 80. Numbers are IBM doubles (exact, see `IBMFloat`);
/// numeric variables are always written with length 8. Names are written in upper case.
/// Anything that does not fit v5 — a name over 8 characters, a label over 40, a character
/// value over 200 bytes or over its column's length, non-ASCII text when ASCII is required,
/// a number outside the IBM range — is an `InputError` naming dataset, variable, row and
/// value; nothing is truncated and no file is left behind.
/// ```swift
/// try XPTWriter.write([dm, ae], to: "sdtm.xpt")
/// ```
public enum XPTWriter {
    /// Options for writing.
    public struct Options: Sendable, Hashable {
        /// Reject non-ASCII bytes in names, labels and values (FDA guidance); default `true`.
        /// When `false`, text is written as UTF-8 bytes.
        public var requireASCII: Bool
        /// Header time stamp `ddMMMyy:hh:mm:ss` (e.g. `01JAN24:00:00:00`). `nil` writes the fixed
        /// `01JAN60:00:00:00` so that the same data gives the same bytes (DESIGN.md); pass
        /// `XPTWriter.currentTimestamp()` to stamp the current time.
        public var timestamp: String?

        /// Creates options.
        public init(requireASCII: Bool = true, timestamp: String? = nil) {
            self.requireASCII = requireASCII
            self.timestamp = timestamp
        }
    }

    /// Writes `datasets` as the members of one XPT file at `path` (atomically).
    public static func write(_ datasets: [Dataset], to path: String,
                             options: Options = Options()) throws(InputError) {
        let out = try FileOutput(path: path)
        let stamp = options.timestamp ?? "01JAN60:00:00:00"
        try XPTMember.writeLibraryHeader(stamp: stamp, to: out)
        for ds in datasets {
            let member = try XPTMember(template: ds, file: path, options: options)
            try member.checkShape(ds, template: true)
            try member.writeHeader(lengths: member.declared, stamp: stamp, to: out)
            try member.writeRows(ds, lengths: member.declared, firstRow: 0, to: out)
            try XPTMember.writeEnd(rows: ds.rowCount, lengths: member.declared, to: out)
        }
        try out.commit()
    }

    /// Writes one dataset as a single-member XPT file.
    public static func write(_ dataset: Dataset, to path: String,
                             options: Options = Options()) throws(InputError) {
        try write([dataset], to: path, options: options)
    }

    /// Now in UTC as `ddMMMyy:hh:mm:ss`, for `Options.timestamp`.
    public static func currentTimestamp() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return two(tm.tm_mday) + months[Int(tm.tm_mon)] + two((tm.tm_year + 1900) % 100) + ":"
            + two(tm.tm_hour) + ":" + two(tm.tm_min) + ":" + two(tm.tm_sec)
    }
}
