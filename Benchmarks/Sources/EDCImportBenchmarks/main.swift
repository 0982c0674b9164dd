// EDCImport benchmarks. Subcommands (run by edcimport-bench.sh, which times them with
// /usr/bin/time next to the peers):
//   gen-odm TEMPLATE.xml MAPPING_DIR OUT.xml MB     ODM 1.3.2 file of about MB megabytes
//   gen-csv TEMPLATE_CSV_DIR OUT_DIR MB             CSV export of about MB megabytes
//   read-odm FILE                                    ODMReader pass (transactions, checks)
//   flatten-odm FILE OUT_DIR                         ODMFlattener
//   bind-odm FILE MAPPING_DIR                        Binder on ODM
//   read-csv DIR                                     DatasetIO CSVReader over every file, to rows
//   bind-csv DIR MAPPING_DIR                         Binder on CSV
//   bind-csv-chunks DIR MAPPING_DIR N [K…]           Binder.planChunks (N subjects per chunk), then
//                                                    Binder.bind(chunk:of:) of chunks K… (default 0),
//                                                    CPU seconds of each step on its own line
import DatasetIO
import EDCImport
import Foundation
import TrialCore

func fail(_ s: String) -> Never {
    FileHandle.standardError.write(Data((s + "\n").utf8))
    exit(2)
}

func esc(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
}

/// MetaDataVersion written from the mapping (the inversion a writer does).
func metadata(_ m: StudyMapping) -> String {
    var out = "<Study OID=\"\(esc(m.odm.studyOID))\"><GlobalVariables><StudyName>\(esc(m.study))</StudyName><StudyDescription>benchmark</StudyDescription><ProtocolName>\(esc(m.study))</ProtocolName></GlobalVariables>\n"
    out += "<MetaDataVersion OID=\"\(esc(m.odm.metaDataVersionOID))\" Name=\"\(esc(m.odm.metaDataVersionName ?? "v1"))\">\n"
    var events = m.visits.map(\.studyEventOID)
    for e in m.entities { if let se = e.odm.studyEventOID, !events.contains(se) { events.append(se) } }
    for se in events {
        let forms = m.entities.filter { $0.odm.studyEventOID == nil || $0.odm.studyEventOID == se }.map(\.odm.formOID)
        out += "<StudyEventDef OID=\"\(se)\" Name=\"\(se)\" Repeating=\"\(se == "SE.UNS" ? "Yes" : "No")\" Type=\"Scheduled\">"
        out += forms.map { "<FormRef FormOID=\"\($0)\" Mandatory=\"No\"/>" }.joined() + "</StudyEventDef>\n"
    }
    var codeLists: [String: FieldMapping] = [:]
    var itemDefs = ""
    for e in m.entities {
        out += "<FormDef OID=\"\(e.odm.formOID)\" Name=\"\(e.odm.formOID)\" Repeating=\"No\"><ItemGroupRef ItemGroupOID=\"\(e.odm.itemGroupOID)\" Mandatory=\"Yes\"/></FormDef>\n"
        out += "<ItemGroupDef OID=\"\(e.odm.itemGroupOID)\" Name=\"\(e.odm.itemGroupOID)\" Repeating=\"\(e.odm.repeating == true ? "Yes" : "No")\">"
        for (k, oid) in e.odmItems.enumerated() { out += "<ItemRef ItemOID=\"\(oid)\" OrderNumber=\"\(k + 1)\" Mandatory=\"No\"/>" }
        out += "</ItemGroupDef>\n"
        for f in e.fields {
            for oid in f.list?.items ?? (f.item.map { [$0] } ?? []) {
                let length = f.length.map { " Length=\"\($0)\"" } ?? (f.odmDataType == "text" ? " Length=\"200\"" : "")
                var d = "<ItemDef OID=\"\(oid)\" Name=\"\(oid)\" DataType=\"\(f.odmDataType)\"\(f.odmDataType == "float" ? "" : length)>"
                if let cl = f.codeListOID { d += "<CodeListRef CodeListOID=\"\(cl)\"/>"; codeLists[cl] = f }
                itemDefs += d + "</ItemDef>\n"
            }
        }
    }
    out += itemDefs
    for (oid, f) in codeLists.sorted(by: { $0.key < $1.key }) {
        out += "<CodeList OID=\"\(oid)\" Name=\"\(oid)\" DataType=\"\(f.odmDataType == "integer" ? "integer" : "text")\">"
        for (c, v) in zip(f.codes?.codes ?? [], f.codes?.values ?? []) {
            out += "<CodeListItem CodedValue=\"\(esc(c))\"><Decode><TranslatedText>\(esc(v))</TranslatedText></Decode></CodeListItem>"
        }
        out += "</CodeList>\n"
    }
    return out + "</MetaDataVersion></Study>\n"
}

func genODM(template: String, mappingDir: String, out: String, mb: Int) throws {
    let m = try StudyMapping.load(directory: mappingDir)
    let text = try String(contentsOfFile: template, encoding: .utf8)
    // Subject blocks of the first ClinicalData block.
    let firstBlockEnd = text.range(of: "</ClinicalData>")!.lowerBound
    var blocks: [String] = []
    var rest = text[..<firstBlockEnd]
    while let a = rest.range(of: "<SubjectData "), let b = rest.range(of: "</SubjectData>") {
        blocks.append(String(rest[a.lowerBound..<b.upperBound]))
        rest = rest[b.upperBound...]
    }
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    let h = FileHandle(forWritingAtPath: out)!
    h.write(Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ODM xmlns=\"http://www.cdisc.org/ns/odm/v1.3\" FileOID=\"BENCH\" FileType=\"Snapshot\" ODMVersion=\"1.3.2\" CreationDateTime=\"2026-01-01T00:00:00\">\n".utf8))
    h.write(Data(metadata(m).utf8))
    h.write(Data("<ClinicalData StudyOID=\"\(m.odm.studyOID)\" MetaDataVersionOID=\"\(m.odm.metaDataVersionOID)\">\n".utf8))
    var written = 0, i = 0
    while written < mb * 1_000_000 {
        let b = blocks[i % blocks.count]
        let key = String(format: "%03d-%06d", 1 + i % 8, i)
        let s = b.replacingOccurrences(of: "SubjectKey=\"001-00\(1 + i % blocks.count)\"", with: "SubjectKey=\"\(key)\"") + "\n"
        let d = Data(s.utf8)
        h.write(d)
        written += d.count
        i += 1
    }
    h.write(Data("</ClinicalData>\n</ODM>\n".utf8))
    try h.close()
    print("subjects \(i)")
}

func genCSV(template: String, out: String, mb: Int) throws {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let names = try FileManager.default.contentsOfDirectory(atPath: template).filter { $0.hasSuffix(".csv") }.sorted()
    var files: [(name: String, header: String, rows: [String])] = []
    var perCopy = 0
    for n in names {
        let lines = try String(contentsOfFile: template + "/" + n, encoding: .utf8).split(separator: "\n").map(String.init)
        files.append((n, lines[0], Array(lines.dropFirst())))
        perCopy += lines.dropFirst().reduce(0) { $0 + $1.utf8.count + 1 }
    }
    let copies = max(1, mb * 1_000_000 / perCopy)
    for f in files {
        _ = FileManager.default.createFile(atPath: out + "/" + f.name, contents: nil)
        let h = FileHandle(forWritingAtPath: out + "/" + f.name)!
        h.write(Data((f.header + "\n").utf8))
        var buf = ""
        for c in 0..<copies {
            for r in f.rows {
                // Template subjects are 001-001 and 001-002; copy c renumbers them.
                buf += r.replacingOccurrences(of: "001-001", with: String(format: "%03d-%06d", 1 + c % 8, 2 * c))
                        .replacingOccurrences(of: "001-002", with: String(format: "%03d-%06d", 1 + c % 8, 2 * c + 1)) + "\n"
            }
            if buf.utf8.count > 1 << 20 { h.write(Data(buf.utf8)); buf = "" }
        }
        h.write(Data(buf.utf8))
        try h.close()
    }
    print("copies \(copies) subjects \(2 * copies)")
}

let args = CommandLine.arguments
guard args.count >= 3 else { fail("usage: see the header of main.swift") }
let t0 = Date()
do {
    switch args[1] {
    case "gen-odm": try genODM(template: args[2], mappingDir: args[3], out: args[4], mb: Int(args[5])!)
    case "gen-csv": try genCSV(template: args[2], out: args[3], mb: Int(args[4])!)
    case "read-odm":
        var items = 0
        let r = try ODMReader.read(file: args[2]) { s, _ in for e in s.events { for f in e.forms { for g in f.itemGroups { items += g.items.count } } } }
        print("subjects \(r.subjectCount) itemData \(r.itemDataCount) items-after-transactions \(items) warnings \(r.diagnostics.count + r.suppressedDiagnostics)")
    case "flatten-odm":
        let r = try ODMFlattener.flatten(odmFile: args[2], outputDirectory: args[3])
        print("files \(r.files.count) rows \(r.files.reduce(0) { $0 + $1.rows }) warnings \(r.diagnostics.count + r.suppressedDiagnostics)")
    case "bind-odm":
        let r = try Binder.bind(odmFile: args[2], mapping: StudyMapping.load(directory: args[3]))
        print("read \(r.report.total.read) bound \(r.report.total.bound) rejected \(r.report.total.rejected)")
    case "read-csv":
        var rows = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: args[2]).filter({ $0.hasSuffix(".csv") }).sorted() {
            let reader = try CSVReader(path: args[2] + "/" + name)
            while try reader.next() != nil { rows += 1 }
            rows += 1  // the header row, as Python's csv.reader counts it
        }
        print("rows \(rows)")
    case "bind-csv":
        let r = try Binder.bind(csvDirectory: args[2], mapping: StudyMapping.load(directory: args[3]))
        print("read \(r.report.total.read) bound \(r.report.total.bound) rejected \(r.report.total.rejected)")
    case "bind-csv-chunks":
        let m = try StudyMapping.load(directory: args[3])
        func cpu() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }   // process CPU time, all threads
        var c0 = cpu(), w0 = Date()
        let plan = try Binder.planChunks(csvDirectory: args[2], mapping: m, subjectsPerChunk: Int(args[4])!) { s, site in "\(m.study)-\(site)-\(s)" }
        print(String(format: "plan chunks %d cpu_s %.2f wall_s %.2f", plan.chunkCount, cpu() - c0, Date().timeIntervalSince(w0)))
        for k in (args.count > 5 ? args[5...].map { Int($0)! } : [0]) {
            c0 = cpu(); w0 = Date()
            let r = try Binder.bind(csvDirectory: args[2], mapping: m, chunk: k, of: plan)
            print(String(format: "chunk %d subjects %d read %d bound %d rejected %d cpu_s %.2f wall_s %.2f", k, r.study.subjects.count,
                         r.report.total.read, r.report.total.bound, r.report.total.rejected, cpu() - c0, Date().timeIntervalSince(w0)))
        }
    default: fail("unknown subcommand \(args[1])")
    }
} catch let e as InputError {
    fail(e.description)
} catch {
    fail("\(error)")
}
print(String(format: "seconds %.2f", Date().timeIntervalSince(t0)))
