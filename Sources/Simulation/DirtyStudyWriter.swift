import EDCImport
import Foundation
import StudyModel
import TrialCore

/// Seeds the faults a real site export has into a clean study folder written by
/// `StudyFolderWriter`, and writes `expected-rejections.json` naming each fault's location.
///
/// CSV: an unknown code (AE outcome `7`), an impossible date (`30-FEB-YYYY` in proc.csv), an AE
/// for a subject not in DM, a duplicated questionnaire row, an unbalanced quote (last row of
/// ae.csv, so nothing after it is swallowed) and a death date before inclusion. ODM: an
/// ItemData whose ItemOID is not in the metadata, an AE for a subject not in DM and a death
/// date before inclusion. Every fault makes exactly one record unusable.
public struct DirtyStudyWriter: Sendable {
    /// The mapping the clean exports were written with.
    public var mapping: StudyMapping
    /// ODM file name under `export/odm/`.
    public var odmFileName: String

    /// A writer for `mapping`.
    public init(mapping: StudyMapping, odmFileName: String = "crlm.xml") {
        self.mapping = mapping
        self.odmFileName = odmFileName
    }

    /// Subject id used for the records of a subject that is not in DM.
    public static let ghostSubject = "009-001"

    /// Seeds the faults into `directory` (which holds the clean CSV and ODM exports of `data`)
    /// and writes `expected-rejections.json`.
    @discardableResult
    public func seed(_ data: StudyData, in directory: String) throws(SimulationError) -> ExpectedRejections {
        let csvDir = (directory as NSString).appendingPathComponent("export/csv")
        let odmPath = (directory as NSString).appendingPathComponent("export/odm/" + odmFileName)
        func entity(_ k: EntityKind) throws(SimulationError) -> EntityMapping {
            guard let e = mapping.entity(k) else { throw .invalidInput(what: "mapping has no \(k.rawValue)", expected: "all entities mapped") }
            return e
        }
        let ae = try entity(.adverseEvents), proc = try entity(.procedures), qlq = try entity(.questionnaires)
        let ds = try entity(.dispositions)
        let format = mapping.csv.dateFormat.format
        let inclusion = Dictionary(uniqueKeysWithValues: data.subjects.map { ($0.subjectID, $0.inclusionDate?.date) })
        var csvFaults: [ExpectedRejections.Fault] = []
        var odmFaults: [ExpectedRejections.Fault] = []
        guard data.adverseEvents.count >= 12, !data.procedures.isEmpty, data.questionnaires.count >= 20,
              let died = data.dispositions.firstIndex(where: { $0.status == .died && $0.deathDate?.isCompleteDate == true }) else {
            throw .invalidInput(what: "study too small to seed faults", expected: "at least 12 AEs, 1 procedure, 20 questionnaires, 1 death")
        }
        let diedID = data.dispositions[died].subjectID
        guard let incl = inclusion[diedID] ?? nil else { throw .invalidInput(what: "\(diedID) has no inclusion date", expected: "a complete inclusion date") }
        let earlyDeath = incl.adding(days: -45)

        // ae.csv: unknown code in row 10, a row for a subject not in DM, unbalanced quote in the last row.
        var aeLines = try Self.lines(csvDir, ae.csv)
        let n = aeLines.count - 1
        let cols = ae.csvColumns
        func col(_ c: String, _ cs: [String]) throws(SimulationError) -> Int {
            guard let i = cs.firstIndex(of: c) else { throw .invalidInput(what: "no column \(c)", expected: cs.joined(separator: ",")) }
            return i
        }
        let outCol = try col(ae.field("outcome")?.column ?? "", cols)
        try Self.setCell(&aeLines, row: 10, column: outCol, to: "7")
        csvFaults.append(.init(fault: "unknown code", entity: "adverseEvents", location: "\(ae.csv):\(10 + 1)",
                               source: cols[outCol], value: "7"))
        var ghost = Self.cells(aeLines[5])
        ghost[try col(ae.field("subjectID")?.column ?? "", cols)] = Self.ghostSubject
        ghost[try col(ae.field("number")?.column ?? "", cols)] = "1"
        let last = aeLines.removeLast()
        aeLines.append(ghost.joined(separator: ","))
        csvFaults.append(.init(fault: "record for a subject not in DM", entity: "adverseEvents", location: "\(ae.csv):\(n + 1)",
                               source: cols[0], value: Self.ghostSubject))
        var lastCells = Self.cells(last)
        let termCol = try col(ae.field("verbatimTerm")?.column ?? "", cols)
        lastCells[termCol] = "\"" + lastCells[termCol]
        aeLines.append(lastCells.joined(separator: ","))
        csvFaults.append(.init(fault: "unbalanced quote", entity: "adverseEvents", location: "\(ae.csv):\(n + 2)",
                               source: cols[termCol], value: lastCells[termCol]))
        try Self.write(aeLines, csvDir, ae.csv)

        // proc.csv: impossible date in the first row.
        var procLines = try Self.lines(csvDir, proc.csv)
        let dateCol = try col(proc.field("date")?.column ?? "", proc.csvColumns)
        let year = data.procedures[0].date?.year ?? 2022
        try Self.setCell(&procLines, row: 1, column: dateCol, to: "30-FEB-\(year)")
        csvFaults.append(.init(fault: "impossible date", entity: "procedures", location: "\(proc.csv):2",
                               source: proc.csvColumns[dateCol], value: "30-FEB-\(year)"))
        try Self.write(procLines, csvDir, proc.csv)

        // qlq.csv: questionnaire row 20 entered twice.
        var qLines = try Self.lines(csvDir, qlq.csv)
        qLines.insert(qLines[20], at: 21)
        csvFaults.append(.init(fault: "duplicated questionnaire", entity: "questionnaires", location: "\(qlq.csv):22",
                               source: nil, value: nil))
        try Self.write(qLines, csvDir, qlq.csv)

        // ds.csv: death date 45 days before inclusion.
        var dsLines = try Self.lines(csvDir, ds.csv)
        let early = FieldEncoder.format(PartialDateTime(earlyDeath), format)
        let dthCol = try col(ds.field("deathDate")?.column ?? "", ds.csvColumns)
        try Self.setCell(&dsLines, row: died + 1, column: dthCol, to: early)
        try Self.setCell(&dsLines, row: died + 1, column: try col(ds.field("date")?.column ?? "", ds.csvColumns), to: early)
        csvFaults.append(.init(fault: "death date before inclusion", entity: "dispositions", location: "\(ds.csv):\(died + 2)",
                               source: ds.csvColumns[dthCol], value: early))
        try Self.write(dsLines, csvDir, ds.csv)

        // ODM.
        var xml: String
        do { xml = try String(contentsOfFile: odmPath, encoding: .utf8) } catch {
            throw .cannotWrite(path: odmPath, reason: "cannot read the clean ODM export: \(error)")
        }
        let file = odmFileName
        let aeEvent = ae.odm.studyEventOID ?? "SE.COMMON"
        // An ItemData with an OID that is not in the metadata, in the AE of the 3rd AE record
        // (skipping the AE the writer corrects with an Upsert).
        let corrected = data.adverseEvents.firstIndex { ($0.grade ?? 0) >= 2 && $0.grade! < 5 }
        let target = (2..<data.adverseEvents.count).first { $0 != corrected && data.adverseEvents[$0].subjectID != data.adverseEvents[corrected ?? 0].subjectID }!
        let tAE = data.adverseEvents[target]
        let aeGroupPath = "SubjectData[\(tAE.subjectID)]/StudyEventData[\(aeEvent)]/FormData[\(ae.odm.formOID)]/ItemGroupData[\(ae.odm.itemGroupOID),\(tAE.number)]"
        let unknownOID = ae.odm.itemGroupOID.replacingOccurrences(of: "IG.", with: "IT.") + ".AECOMMENT"
        try Self.insert(into: &xml, subject: tAE.subjectID,
                        after: "<ItemGroupData ItemGroupOID=\"\(ae.odm.itemGroupOID)\" ItemGroupRepeatKey=\"\(tAE.number)\">\n",
                        text: "            <ItemData ItemOID=\"\(unknownOID)\" Value=\"see source document\"/>\n")
        odmFaults.append(.init(fault: "ItemData for an OID not in the metadata", entity: "adverseEvents",
                               location: "\(file): \(aeGroupPath)", source: unknownOID, value: "see source document"))
        // A death date before inclusion.
        let dsPath = "SubjectData[\(diedID)]/StudyEventData[\(ds.odm.studyEventOID ?? "SE.COMMON")]/FormData[\(ds.odm.formOID)]/ItemGroupData[\(ds.odm.itemGroupOID)]"
        for f in [ds.field("deathDate"), ds.field("date")] {
            guard let oid = f?.item, let old = data.dispositions[died].deathDate?.iso8601 else { continue }
            try Self.replace(in: &xml, subject: diedID, from: "<ItemData ItemOID=\"\(oid)\" Value=\"\(old)\"/>",
                             to: "<ItemData ItemOID=\"\(oid)\" Value=\"\(earlyDeath.iso8601)\"/>")
        }
        odmFaults.append(.init(fault: "death date before inclusion", entity: "dispositions", location: "\(file): \(dsPath)",
                               source: ds.field("deathDate")?.item, value: earlyDeath.iso8601))
        // An AE for a subject not in DM: a SubjectData holding only one AE.
        let site = data.subjects.first?.siteID ?? "01"
        func code(_ field: String, _ value: String) -> String { ae.field(field)?.codes?.code(forValue: value) ?? value }
        let ghostXML = """
            <SubjectData SubjectKey="\(Self.ghostSubject)" TransactionType="Insert">
              <AuditRecord><UserRef UserOID="USR.\(site)"/><LocationRef LocationOID="LOC.\(site)"/><DateTimeStamp>\(incl.iso8601)T11:00:00</DateTimeStamp></AuditRecord>
              <StudyEventData StudyEventOID="\(aeEvent)">
                <FormData FormOID="\(ae.odm.formOID)">
                  <ItemGroupData ItemGroupOID="\(ae.odm.itemGroupOID)" ItemGroupRepeatKey="1">
                    <ItemData ItemOID="\(ae.field("verbatimTerm")?.item ?? "IT.AE.AETERM")" Value="Fatigue"/>
                    <ItemData ItemOID="\(ae.field("grade")?.item ?? "IT.AE.AETOXGR")" Value="2"/>
                    <ItemData ItemOID="\(ae.field("serious")?.item ?? "IT.AE.AESER")" Value="\(code("serious", "false"))"/>
                    <ItemData ItemOID="\(ae.field("relationToLocalTreatment")?.item ?? "IT.AE.AERELLOC")" Value="\(code("relationToLocalTreatment", "NOT APPLICABLE"))"/>
                    <ItemData ItemOID="\(ae.field("relationToSystemicTherapy")?.item ?? "IT.AE.AERELSYS")" Value="\(code("relationToSystemicTherapy", "RELATED"))"/>
                    <ItemData ItemOID="\(ae.field("startDate")?.item ?? "IT.AE.AESTDTC")" Value="\(incl.adding(days: 20).iso8601)"/>
                    <ItemData ItemOID="\(ae.field("endDate")?.item ?? "IT.AE.AEENDTC")" Value="\(incl.adding(days: 26).iso8601)"/>
                    <ItemData ItemOID="\(ae.field("outcome")?.item ?? "IT.AE.AEOUT")" Value="\(code("outcome", "RECOVERED/RESOLVED"))"/>
                  </ItemGroupData>
                </FormData>
              </StudyEventData>
            </SubjectData>

        """
        guard let close = xml.range(of: "  </ClinicalData>") else {
            throw .invalidInput(what: "ODM export without ClinicalData", expected: "a file written by ODMExportWriter")
        }
        xml.insert(contentsOf: ghostXML, at: close.lowerBound)
        odmFaults.append(.init(fault: "record for a subject not in DM", entity: "adverseEvents",
                               location: "\(file): SubjectData[\(Self.ghostSubject)]/StudyEventData[\(aeEvent)]/FormData[\(ae.odm.formOID)]/ItemGroupData[\(ae.odm.itemGroupOID),1]",
                               source: "SubjectKey", value: Self.ghostSubject))
        try AtomicFileWriter.write(Data(xml.utf8), to: odmPath)

        // Reconciliation.
        var readCSV: [String: Int] = [:], readODM: [String: Int] = [:]
        for e in mapping.entities {
            let k = ExportRecord.count(of: e.entity, in: data)
            readCSV[e.entity.rawValue] = k
            readODM[e.entity.rawValue] = k
        }
        readCSV["adverseEvents", default: 0] += 1   // the ghost row
        readCSV["questionnaires", default: 0] += 1  // the duplicate
        readODM["adverseEvents", default: 0] += 1   // the ghost subject's AE
        let csvRead = readCSV.values.reduce(0, +), odmRead = readODM.values.reduce(0, +)
        let expected = ExpectedRejections(
            study: mapping.study,
            description: "Seeded faults; each makes exactly one record unusable. Locations: CSV file:line (header = line 1), ODM record path.",
            csv: .init(read: csvRead, bound: csvRead - csvFaults.count, rejected: csvFaults.count, readByEntity: readCSV, faults: csvFaults),
            odm: .init(read: odmRead, bound: odmRead - odmFaults.count, rejected: odmFaults.count, readByEntity: readODM, faults: odmFaults))
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let json = (try? enc.encode(expected)) ?? Data()
        try AtomicFileWriter.write(json + Data("\n".utf8), to: (directory as NSString).appendingPathComponent("expected-rejections.json"))
        return expected
    }

    // MARK: - Text helpers (the clean exports hold no quoted fields in the rows touched)

    static func lines(_ dir: String, _ file: String) throws(SimulationError) -> [String] {
        let path = (dir as NSString).appendingPathComponent(file)
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var l = text.components(separatedBy: "\r\n")
            if l.last == "" { l.removeLast() }
            return l
        } catch {
            throw .cannotWrite(path: path, reason: "cannot read the clean export: \(error)")
        }
    }

    static func write(_ lines: [String], _ dir: String, _ file: String) throws(SimulationError) {
        try AtomicFileWriter.write(Data((lines.joined(separator: "\r\n") + "\r\n").utf8),
                                   to: (dir as NSString).appendingPathComponent(file))
    }

    static func cells(_ line: String) -> [String] { line.components(separatedBy: ",") }

    static func setCell(_ lines: inout [String], row: Int, column: Int, to value: String) throws(SimulationError) {
        guard row < lines.count, !lines[row].contains("\"") else {
            throw .invalidInput(what: "row \(row) cannot be edited as plain cells", expected: "an unquoted CSV row")
        }
        var c = cells(lines[row])
        guard column < c.count else { throw .invalidInput(what: "row \(row) has \(c.count) cells", expected: "more than \(column)") }
        c[column] = value
        lines[row] = c.joined(separator: ",")
    }

    /// Range of a subject's SubjectData element in `xml`.
    static func subjectRange(_ xml: String, _ subject: String) throws(SimulationError) -> Range<String.Index> {
        guard let start = xml.range(of: "<SubjectData SubjectKey=\"\(subject)\""),
              let end = xml.range(of: "</SubjectData>", range: start.upperBound..<xml.endIndex) else {
            throw .invalidInput(what: "SubjectData[\(subject)] not found", expected: "a subject of the clean export")
        }
        return start.lowerBound..<end.upperBound
    }

    static func insert(into xml: inout String, subject: String, after anchor: String, text: String) throws(SimulationError) {
        let r = try subjectRange(xml, subject)
        guard let a = xml.range(of: anchor, range: r) else {
            throw .invalidInput(what: "'\(anchor)' not found in SubjectData[\(subject)]", expected: "a record of the clean export")
        }
        xml.insert(contentsOf: text, at: a.upperBound)
    }

    static func replace(in xml: inout String, subject: String, from: String, to: String) throws(SimulationError) {
        let r = try subjectRange(xml, subject)
        guard let a = xml.range(of: from, range: r) else {
            throw .invalidInput(what: "'\(from)' not found in SubjectData[\(subject)]", expected: "a value of the clean export")
        }
        xml.replaceSubrange(a, with: to)
    }
}
