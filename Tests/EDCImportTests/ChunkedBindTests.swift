import Foundation
import Testing
import StudyModel
import TrialCore
@testable import EDCImport

/// `Binder.planChunks` + `Binder.bind(csvDirectory:mapping:chunk:of:)` against the whole bind of
/// the same export: the chunks together must give the same study, counts and rejections.
@Suite struct ChunkedBindTests {
    static let clean = TestPaths.root + "/examples/crlm/export/csv"
    static let dirty = TestPaths.root + "/examples/crlm-dirty/export/csv"
    /// The lead's USUBJID formula STUDYID-SITEID-SUBJID.
    static func usubjid(_ subject: String, _ site: String) -> String { "CRLM-LOCAL-\(site)-\(subject)" }

    func mapping() throws -> StudyMapping { try StudyMapping.load(directory: TestPaths.crlmMapping) }

    /// The chunks' studies concatenated, then put in key order as one bind does.
    static func union(_ parts: [BindResult], studyID: String) -> StudyData {
        var s = StudyData(studyID: studyID)
        for p in parts {
            s.subjects += p.study.subjects
            s.procedures += p.study.procedures
            s.systemicTherapies += p.study.systemicTherapies
            s.lesions += p.study.lesions
            s.responses += p.study.responses
            s.adverseEvents += p.study.adverseEvents
            s.questionnaires += p.study.questionnaires
            s.dispositions += p.study.dispositions
            s.visits += p.study.visits
        }
        BindAccumulator.sort(&s)
        return s
    }

    /// Every record's provenance, entity by entity (provenance takes no part in `==`).
    static func provenance(_ s: StudyData) -> [String] {
        s.subjects.map(\.provenance.description) + s.procedures.map(\.provenance.description)
            + s.systemicTherapies.map(\.provenance.description) + s.lesions.map(\.provenance.description)
            + s.responses.map(\.provenance.description) + s.adverseEvents.map(\.provenance.description)
            + s.questionnaires.map(\.provenance.description) + s.dispositions.map(\.provenance.description)
            + s.visits.map(\.provenance.description)
    }

    /// Rejections as sorted `location | reason` lines (a multiset: a rejection reported twice shows twice).
    static func rejectionLines(_ rs: [Rejection]) -> [String] {
        rs.map { "\($0.location.description) | \($0.entity.rawValue) | \($0.reason)" }.sorted()
    }

    /// Binds `dir` whole and in chunks of `size`, and checks the chunks add up to the whole.
    func expectChunksEqualWhole(_ dir: String, size: Int, _ label: String) throws -> (whole: BindResult, parts: [BindResult], plan: CSVChunkPlan) {
        let m = try mapping()
        let whole = try Binder.bind(csvDirectory: dir, mapping: m)
        let plan = try Binder.planChunks(csvDirectory: dir, mapping: m, subjectsPerChunk: size, sortKey: Self.usubjid)
        let subjectCount = whole.report.count(.subjects).read
        #expect(plan.chunkCount == max(1, (subjectCount + size - 1) / size), "\(label) chunk count")
        var parts: [BindResult] = []
        for k in 0..<plan.chunkCount { parts.append(try Binder.bind(csvDirectory: dir, mapping: m, chunk: k, of: plan)) }

        let union = Self.union(parts, studyID: m.study)
        #expect(union == whole.study, "\(label): union of chunk studies")
        #expect(Self.provenance(union) == Self.provenance(whole.study), "\(label): provenance")
        for (k, p) in parts.enumerated() {
            #expect(p.study.subjects.map(\.subjectID).sorted() == plan.subjects[k].filter { id in whole.study.subjects.contains { $0.subjectID == id } }.sorted(),
                    "\(label): chunk \(k) holds its planned subjects")
        }
        for e in EntityKind.allCases {
            let sum = parts.reduce(BindReport.Count()) { a, p in
                let c = p.report.count(e)
                return BindReport.Count(read: a.read + c.read, bound: a.bound + c.bound, rejected: a.rejected + c.rejected)
            }
            #expect(sum == whole.report.count(e), "\(label): \(e) counts")
        }
        #expect(Self.rejectionLines(parts.flatMap(\.report.rejections)) == Self.rejectionLines(whole.report.rejections), "\(label): rejections")
        #expect(parts.flatMap(\.report.warnings) == whole.report.warnings, "\(label): warnings")
        return (whole, parts, plan)
    }

    @Test(arguments: [1, 7, 100, 100_000])
    func cleanExportChunksAddUpToTheWholeBind(size: Int) throws {
        let (whole, _, plan) = try expectChunksEqualWhole(Self.clean, size: size, "clean/\(size)")
        #expect(whole.report.rejections.isEmpty)
        #expect(whole.study.subjects.count == 240)
        // Chunks hold `size` subjects each (the last the rest), in USUBJID order.
        #expect(plan.subjects.dropLast().allSatisfy { $0.count == size })
        let expectedOrder = whole.study.subjects.sorted { Self.usubjid($0.subjectID, $0.siteID) < Self.usubjid($1.subjectID, $1.siteID) }.map(\.subjectID)
        #expect(plan.subjects.flatMap { $0 } == expectedOrder)
    }

    @Test(arguments: [1, 7, 100, 100_000])
    func dirtyExportChunksAddUpToTheWholeBind(size: Int) throws {
        let (whole, parts, plan) = try expectChunksEqualWhole(Self.dirty, size: size, "dirty/\(size)")
        // The faults listed in expected-rejections.json, each rejected exactly once over all chunks.
        let listed = [("adverseEvents", "ae.csv:11"), ("adverseEvents", "ae.csv:988"), ("adverseEvents", "ae.csv:989"),
                      ("procedures", "proc.csv:2"), ("questionnaires", "qlq.csv:22"), ("dispositions", "ds.csv:4")]
        let all = parts.flatMap(\.report.rejections)
        for (entity, location) in listed {
            let hits = all.filter { $0.entity.rawValue == entity && ($0.location.description.hasPrefix(location + ":") || $0.location.description == location) }
            #expect(hits.count == 1, "dirty/\(size): \(location) rejected \(hits.count) times")
        }
        #expect(all.count == listed.count)
        #expect(whole.report.total == BindReport.Count(read: 14598, bound: 14592, rejected: 6))
        // The AE of subject 009-001 (not in DM) is in the last chunk; the unreadable row in the first.
        let orphanChunk = parts.indices.filter { parts[$0].report.rejections.contains { $0.location.description == "ae.csv:988" } }
        #expect(orphanChunk == [plan.chunkCount - 1])
        let unreadableChunk = parts.indices.filter { parts[$0].report.rejections.contains { $0.location.description.hasPrefix("ae.csv:989") } }
        #expect(unreadableChunk == [0])
        #expect(parts[0].report.rejections.first { $0.location.description.hasPrefix("ae.csv:989") }?.reason.hasPrefix("unreadable CSV row: unbalanced quote") == true)
    }

    @Test func chunksFollowTheSortKeyNotTheFileOrder() throws {
        let m = try mapping()
        // Reverse order: the last subject of dm.csv comes first.
        let plan = try Binder.planChunks(csvDirectory: Self.clean, mapping: m, subjectsPerChunk: 50) { s, _ in String(s.reversed()) }
        let ids = plan.subjects.flatMap { $0 }
        #expect(ids.count == 240)
        #expect(ids == ids.sorted { String($0.reversed()) < String($1.reversed()) })
        #expect(plan.subjects.map(\.count) == [50, 50, 50, 50, 40])
        let first = try Binder.bind(csvDirectory: Self.clean, mapping: m, chunk: 0, of: plan)
        #expect(Set(first.study.subjects.map(\.subjectID)) == Set(plan.subjects[0]))
        #expect(Set(first.study.lesions.map(\.subjectID)).isSubset(of: Set(plan.subjects[0])))
        #expect(first.report.rejections.isEmpty)
    }

    /// A hand-made export: rows of one subject spread over the file, a duplicate key across
    /// distant rows, an orphan, a ragged row, a blank subject and an unreadable row.
    @Test func scatteredRowsOfOneSubjectStayTogether() throws {
        let dir = TestPaths.tempDir()
        let small = TestPaths.fixtures + "/crlm-small/csv"
        for name in try FileManager.default.contentsOfDirectory(atPath: small) {
            var text = try String(contentsOfFile: small + "/" + name, encoding: .utf8)
            if name == "ae.csv" {
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let first = lines[1]
                lines.insert(first.replacingOccurrences(of: "001-001,", with: "001-777,"), at: 2)     // orphan
                lines.insert("001-002,9,Cough", at: 3)                                                // ragged
                lines.append(first)                                                                   // duplicate key, far away
                lines.append(first.replacingOccurrences(of: "001-001,", with: " ,"))                  // blank subject
                text = lines.filter { !$0.isEmpty }.joined(separator: "\n") + "\n" + "001-002,10,\"Nausea\n"
            }
            TestPaths.write(text, to: dir, name)
        }
        let m = try mapping()
        let whole = try Binder.bind(csvDirectory: dir, mapping: m)
        let plan = try Binder.planChunks(csvDirectory: dir, mapping: m, subjectsPerChunk: 1, sortKey: Self.usubjid)
        #expect(plan.subjects == [["001-001"], ["001-002"]])
        let parts = try (0..<2).map { k throws(InputError) in try Binder.bind(csvDirectory: dir, mapping: m, chunk: k, of: plan) }
        #expect(Self.union(parts, studyID: m.study) == whole.study)
        #expect(Self.rejectionLines(parts.flatMap(\.report.rejections)) == Self.rejectionLines(whole.report.rejections))
        let lines0 = Self.rejectionLines(parts[0].report.rejections), lines1 = Self.rejectionLines(parts[1].report.rejections)
        // Chunk 0: ragged row, blank subject, unreadable row, the duplicate of 001-001's AE.
        #expect(lines0.count == 4)
        #expect(lines0.contains { $0.hasPrefix("ae.csv:4 | adverseEvents | ragged row") })
        #expect(lines0.contains { $0.contains("duplicate key subjectID=001-001") })
        #expect(lines0.contains { $0.contains("missing required value for subjectID") })
        #expect(lines0.contains { $0.contains("unreadable CSV row") })
        // Chunk 1 (the last): the orphan.
        #expect(lines1 == ["ae.csv:3 | adverseEvents | subject 001-777 has no bound record in dm.csv"])
        #expect(whole.report.rejections.count == 5)
    }

    @Test func badArgumentsAndChangedFilesAreErrors() throws {
        let m = try mapping()
        #expect(throws: InputError.self) { try Binder.planChunks(csvDirectory: Self.clean, mapping: m, subjectsPerChunk: 0, sortKey: Self.usubjid) }
        let plan = try Binder.planChunks(csvDirectory: Self.clean, mapping: m, subjectsPerChunk: 100, sortKey: Self.usubjid)
        #expect(plan.chunkCount == 3)
        do {
            _ = try Binder.bind(csvDirectory: Self.clean, mapping: m, chunk: 3, of: plan)
            Issue.record("chunk 3 of 3 bound")
        } catch {
            #expect(error.diagnostics[0].message == "chunk number out of range" && error.diagnostics[0].value == "3")
        }
        // A key without subjectID cannot be chunked.
        var noSubjectKey = m
        noSubjectKey.entities[6].key = ["number"]
        do {
            _ = try Binder.planChunks(csvDirectory: Self.clean, mapping: noSubjectKey, subjectsPerChunk: 10, sortKey: Self.usubjid)
            Issue.record("planned with a key lacking subjectID")
        } catch {
            #expect(error.diagnostics[0].message.hasPrefix("entities[adverseEvents].key lacks subjectID"))
        }
        // A file with one more row than planned.
        let dir = TestPaths.tempDir()
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.clean) {
            var text = try String(contentsOfFile: Self.clean + "/" + name, encoding: .utf8)
            if name == "ds.csv" { text += text.components(separatedBy: "\r\n")[1] + "\r\n" }
            TestPaths.write(text, to: dir, name)
        }
        do {
            _ = try Binder.bind(csvDirectory: dir, mapping: m, chunk: 0, of: plan)
            Issue.record("bound a changed export")
        } catch {
            #expect(error.diagnostics[0].location == .file("ds.csv"))
            #expect(error.diagnostics[0].message == "export file changed since its chunks were planned")
        }
    }
}

extension ChunkedBindTests {
    /// Files whose lines end in CR alone or CRLF (a chunk bind then finds its runs by line, or reads
    /// the file whole) bind in chunks as they do whole, with the files' real line numbers.
    @Test func crAndCRLFLineEndsChunkLikeTheWholeBind() throws {
        let dir = TestPaths.tempDir()
        let small = TestPaths.fixtures + "/crlm-small/csv"
        for name in try FileManager.default.contentsOfDirectory(atPath: small) {
            let text = try String(contentsOfFile: small + "/" + name, encoding: .utf8)
            let ending = name == "visit.csv" ? "\r" : name == "tumor.csv" ? "\r\n" : "\n"
            TestPaths.write(text.replacingOccurrences(of: "\n", with: ending), to: dir, name)
        }
        let m = try mapping()
        let whole = try Binder.bind(csvDirectory: dir, mapping: m)
        #expect(whole.report.rejections.isEmpty)
        let plan = try Binder.planChunks(csvDirectory: dir, mapping: m, subjectsPerChunk: 1, sortKey: Self.usubjid)
        #expect(plan.runs[.visits] != nil && plan.runs[.lesions] != nil)
        let parts = try (0..<plan.chunkCount).map { k throws(InputError) in try Binder.bind(csvDirectory: dir, mapping: m, chunk: k, of: plan) }
        let union = Self.union(parts, studyID: m.study)
        #expect(union == whole.study)
        #expect(Self.provenance(union) == Self.provenance(whole.study))
        #expect(union.visits.map(\.provenance.description) == ["visit.csv:2", "visit.csv:3", "visit.csv:4", "visit.csv:5", "visit.csv:6"])
        // Runs: in file order, one per stretch of rows of one subject.
        #expect(plan.runs[.subjects]??.map(\.line) == [2, 3])
        #expect(CSVFileScan.lineOffsets(-1, []) == [:])
    }
}
