import Foundation
import Testing
import TrialCore
@testable import DatasetIO

/// Writes `bytes` to a fresh temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8], suffix: String = ".csv") -> String {
    let path = NSTemporaryDirectory() + "datasetio-\(UUID().uuidString)\(suffix)"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
}

/// A fresh temporary path (no file created).
func temporaryPath(_ suffix: String) -> String {
    NSTemporaryDirectory() + "datasetio-\(UUID().uuidString)\(suffix)"
}

/// Reads all records through a file, once with the normal buffer and once with a 7-byte
/// buffer (so every quote, CRLF and multi-byte character crosses a chunk edge), and checks
/// both give the same result.
func readCSV(_ text: String, options: CSVOptions = CSVOptions()) throws -> (header: [String]?, records: [CSVRecord]) {
    try readCSV(Array(text.utf8), options: options)
}

func readCSV(_ bytes: [UInt8], options: CSVOptions = CSVOptions()) throws -> (header: [String]?, records: [CSVRecord]) {
    let path = temporaryFile(bytes)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var results: [([String]?, [CSVRecord])] = []
    var errors: [String] = []
    for chunk in [1 << 20, 7, 1] {
        do {
            let r = try CSVReader(path: path, options: options, chunkSize: chunk)
            var recs: [CSVRecord] = []
            while let x = try r.next() { recs.append(x) }
            results.append((r.header, recs))
        } catch {
            errors.append(error.description)
        }
    }
    if !errors.isEmpty {
        #expect(errors.count == 3 && Set(errors).count == 1, "chunk sizes disagree: \(errors)")
        throw InputError(at: .unknown, errors[0])
    }
    #expect(results[0].0 == results[1].0 && results[0].1 == results[1].1)
    #expect(results[0].0 == results[2].0 && results[0].1 == results[2].1)
    return (results[0].0, results[0].1)
}

/// The description of the InputError thrown when reading `text`.
func csvError(_ bytes: [UInt8], name: String = "t.csv", options: CSVOptions = CSVOptions()) -> String? {
    var messages: [String] = []
    for chunk in [1 << 20, 7, 1] {
        let path = temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let r = try CSVReader(path: path, options: options, chunkSize: chunk)
            while try r.next() != nil {}
            return nil
        } catch {
            messages.append(error.description.replacingOccurrences(of: path, with: name))
        }
    }
    #expect(Set(messages).count == 1, "chunk sizes disagree: \(messages)")
    return messages.first
}

func csvError(_ text: String, options: CSVOptions = CSVOptions()) -> String? {
    csvError(Array(text.utf8), options: options)
}

@Suite struct CSVReaderTests {
    @Test func plainRecordsWithHeaderAndLineNumbers() throws {
        let (h, r) = try readCSV("A,B,C\n1,2,3\nx,,z\n")
        #expect(h == ["A", "B", "C"])
        #expect(r == [CSVRecord(fields: ["1", "2", "3"], line: 2), CSVRecord(fields: ["x", "", "z"], line: 3)])
    }

    @Test func quotedFieldsWithDelimitersDoubledQuotesAndLineBreaks() throws {
        let text = "ID,TEXT,N\r\n1,\"a, b\",2\r\n2,\"say \"\"hi\"\"\",3\r\n3,\"line1\nline2\r\nline3\",4\r\n4,\"\",5\r\n"
        let (h, r) = try readCSV(text)
        #expect(h == ["ID", "TEXT", "N"])
        #expect(r.map(\.fields) == [["1", "a, b", "2"], ["2", "say \"hi\"", "3"],
                                    ["3", "line1\nline2\r\nline3", "4"], ["4", "", "5"]])
        // The record after the 3-line field starts on line 7.
        #expect(r.map(\.line) == [2, 3, 4, 7])
    }

    @Test func lastRecordWithoutLineBreakAndTrailingEmptyField() throws {
        let (_, r) = try readCSV("A,B\n1,\n2,\"q\"")
        #expect(r.map(\.fields) == [["1", ""], ["2", "q"]])
    }

    @Test func byteOrderMarkIsSkippedAndUTF8Decoded() throws {
        let (h, r) = try readCSV([0xEF, 0xBB, 0xBF] + Array("NAME,CITY\nJosé,Zürich\n".utf8))
        #expect(h == ["NAME", "CITY"])
        #expect(r[0].fields == ["José", "Zürich"])
    }

    @Test func declaredDelimiters() throws {
        for (d, sep) in [(CSVOptions.Delimiter.semicolon, ";"), (.tab, "\t"), (.pipe, "|")] {
            let text = ["A", "B"].joined(separator: sep) + "\n" + ["1,5", "\"x\(sep)y\""].joined(separator: sep) + "\n"
            let options = CSVOptions(delimiter: d)
            let (h, r) = try readCSV(text, options: options)
            #expect(h == ["A", "B"])
            #expect(r[0].fields == ["1,5", "x\(sep)y"])
        }
    }

    @Test func blankLinesAreSkippedCROnlyLineEnds() throws {
        let (h, r) = try readCSV("A,B\r\n\r\n1,2\r3,4\r\n\n")
        #expect(h == ["A", "B"])
        #expect(r == [CSVRecord(fields: ["1", "2"], line: 3), CSVRecord(fields: ["3", "4"], line: 4)])
    }

    @Test func noHeader() throws {
        let (h, r) = try readCSV("1,2\n3,4\n", options: CSVOptions(hasHeader: false))
        #expect(h == nil)
        #expect(r.map(\.fields) == [["1", "2"], ["3", "4"]])
    }

    @Test func latin1DecodedWhenDeclared() throws {
        let bytes: [UInt8] = Array("NAME\n".utf8) + [0x4A, 0x6F, 0x73, 0xE9, 0x0A]  // "José" in Latin-1
        let (_, r) = try readCSV(bytes, options: CSVOptions(encoding: .latin1))
        #expect(r[0].fields == ["José"])
    }

    @Test func raggedRowReportedNotPadded() throws {
        let options = CSVOptions(raggedRows: .report)
        let path = temporaryFile(Array("A,B,C\n1,2\n3,4,5,6\n7,8,9\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CSVReader(path: path, options: options)
        var rows: [[String]] = []
        while let r = try reader.next() { rows.append(r.fields) }
        #expect(rows == [["1", "2"], ["3", "4", "5", "6"], ["7", "8", "9"]])
        #expect(reader.diagnostics.map(\.description) == [
            "\(path):2: warning: ragged row: 2 fields where the header has 3 (expected 3 fields)",
            "\(path):3: warning: ragged row: 4 fields where the header has 3 (expected 3 fields)",
        ])
    }

    // MARK: bad input, exact messages

    @Test func raggedRowRejected() {
        #expect(csvError("A,B,C\n1,2,3\n\"x\ny\",2\n") ==
                "t.csv:3: error: ragged row: 2 fields where the header has 3 (expected 3 fields)")
    }

    @Test func unbalancedQuoteNamesTheLineWhereTheFieldStarted() {
        #expect(csvError("A,B\n1,2\n3,\"open\nmore\nlines\n") ==
                "t.csv:3:3: error: unbalanced quote: the quoted field opened here is never closed (expected a closing '\"' before the end of the file)")
    }

    @Test func textAfterClosingQuote() {
        #expect(csvError("A,B\n1,\"ab\"c\n") ==
                "t.csv:2:7: error: unexpected text after a closing quote (value 'c'; expected the delimiter ',' or the end of the line)")
    }

    @Test func quoteInsideUnquotedField() {
        #expect(csvError("A,B\n1,ab\"c\"\n") ==
                "t.csv:2:5: error: quote character inside an unquoted field (value 'ab\"'; expected the whole field in quotes, with inner quotes doubled)")
    }

    @Test func invalidUTF8WithByteOffset() {
        // "A\nxé,1" with a truncated 3-byte sequence E2 82 then ','.
        let bytes: [UInt8] = Array("A,B\nx".utf8) + [0xE2, 0x82] + Array(",1\n".utf8)
        #expect(csvError(bytes) ==
                "t.csv:2:2: error: invalid UTF-8 at byte offset 5 (value '0xE2 0x82'; expected UTF-8 text, or declare the encoding latin1)")
    }

    @Test func latin1RejectedWithByteOffsetWhenNotDeclared() {
        let bytes: [UInt8] = Array("NAME,CITY\n\"Jos".utf8) + [0xE9] + Array("\",Paris\n".utf8)
        #expect(csvError(bytes) ==
                "t.csv:2:5: error: invalid UTF-8 at byte offset 14 (the file looks like Latin-1) (value '0xE9'; expected UTF-8 text, or declare the encoding latin1)")
    }

    @Test func wrongDelimiter() {
        #expect(csvError("A;B;C\n1;2;3\n") ==
                "t.csv:1: error: header has a single column but contains ';': wrong delimiter? (value 'A;B;C'; expected columns separated by the declared delimiter ',')")
    }

    @Test func emptyFile() {
        #expect(csvError("") == "t.csv: error: empty CSV file: no header row (expected a header row naming the columns)")
    }

    @Test func byteOrderMarkInLatin1File() {
        #expect(csvError([0xEF, 0xBB, 0xBF, 0x41, 0x0A], options: CSVOptions(encoding: .latin1)) ==
                "t.csv:1:1: error: file starts with a UTF-8 byte-order mark but was declared Latin-1 (expected encoding utf8)")
    }

    @Test func missingFile() {
        #expect(throws: InputError.self) { try CSVReader(path: "/nonexistent/x.csv") }
        do { _ = try CSVReader(path: "/nonexistent/x.csv") } catch {
            #expect(error.description == "/nonexistent/x.csv: error: cannot open file: No such file or directory")
        }
    }

    // MARK: writer

    @Test func writerQuotesOnlyWhenNeededAndRoundTrips() throws {
        let rows = [["ID", "TEXT"], ["1", "plain"], ["2", "a,b"], ["3", "say \"hi\""], ["4", "two\nlines"], ["5", ""]]
        let path = temporaryPath(".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let w = try CSVWriter(path: path)
        for r in rows { try w.write(r) }
        try w.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "ID,TEXT\n1,plain\n2,\"a,b\"\n3,\"say \"\"hi\"\"\"\n4,\"two\nlines\"\n5,\n")
        let back = try CSVReader.readAll(path: path)
        #expect([back.header!] + back.records.map(\.fields) == rows)
    }

    @Test func writerLeavesNothingWhenNotFinished() throws {
        let dir = NSTemporaryDirectory() + "datasetio-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let w = try CSVWriter(path: dir + "/x.csv")
            try w.write(["a"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
    }
}

@Suite struct CSVRowTests {
    @Test func readIntoReusesTheRowAndGivesTheSameFields() throws {
        let bytes = Array("A,B\n1,\"x, \"\"y\"\"\"\n2,é\n".utf8)
        let reader = try CSVReader(bytes: bytes, name: "t.csv")
        var row = CSVRow()
        var seen: [[String]] = []
        var lines: [Int] = []
        while try reader.read(into: &row) {
            seen.append(row.fields)
            lines.append(row.line)
            #expect(row.count == 2)
            #expect(row.withUTF8(1) { Array($0) } == Array(row[1].utf8))
        }
        #expect(seen == [["1", "x, \"y\""], ["2", "é"]])
        #expect(lines == [2, 3])
    }
}
