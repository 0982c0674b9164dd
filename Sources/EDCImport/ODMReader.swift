import CLibXML2
import Foundation
import TrialCore

/// Streaming reader of CDISC ODM 1.3.2 files on libxml2's `xmlTextReader` (never a DOM).
///
/// It reads `Study/MetaDataVersion` definitions and `ClinicalData`, applies transactions in
/// document order (Insert/Update/Upsert set, Remove deletes the element and its children,
/// later values win) and hands each subject's final state to `onSubject`. A subject whose key
/// occurs once in the file is delivered at its `</SubjectData>`; subjects that occur in several
/// places (transactional files, several ClinicalData blocks) are kept until the end of the file
/// and delivered then, in order of first appearance. Memory is one subject plus the
/// repeated ones, whatever the file size.
///
/// Parsing uses `XML_PARSE_NONET`, no entity substitution and no DTD loading; a document with a
/// DOCTYPE (the carrier of billion-laughs and external-entity attacks) is rejected.
/// ```swift
/// let result = try ODMReader.read(file: "crlm.xml") { subject, metadata in ... }
/// for d in result.diagnostics { print(d) }
/// ```
public enum ODMReader {
    /// The ODM 1.3 namespace.
    public static let namespace = "http://www.cdisc.org/ns/odm/v1.3"

    /// What a read produced besides the subjects.
    public struct Result: Sendable {
        /// `ODM/@FileType` (`Snapshot` or `Transactional`).
        public var fileType: String?
        /// Every MetaDataVersion in the file, in document order.
        public var metaDataVersions: [ODMMetaData]
        /// Warnings: values that break their ItemDef DataType or CodeList, OIDs not in the metadata.
        /// Each names the ODM path. At most `diagnosticLimit` are kept; `suppressedDiagnostics` counts the rest.
        public var diagnostics: [Diagnostic]
        /// Diagnostics not kept because of the limit.
        public var suppressedDiagnostics: Int
        /// Subjects delivered.
        public var subjectCount: Int
        /// ItemData elements read (before transactions).
        public var itemDataCount: Int
    }

    /// Most diagnostics kept in a `Result`.
    public static let diagnosticLimit = 10_000

    /// Reads `file`, calling `onSubject` with each subject's final state and the MetaDataVersion
    /// its ClinicalData names (`nil` when the file has none).
    ///
    /// Throws for unreadable or malformed XML (with line and column), a DOCTYPE, or ClinicalData
    /// elements out of their ODM nesting.
    public static func read(file: String, checkValues: Bool = true,
                            onSubject: (ODMSubject, ODMMetaData?) -> Void) throws(InputError) -> Result {
        let repeated = try repeatedSubjectKeys(file: file)
        let parser = ODMParser(file: file, repeatedKeys: repeated, checkValues: checkValues)
        try parser.run(onSubject: onSubject)
        return Result(fileType: parser.fileType, metaDataVersions: parser.mdvs, diagnostics: parser.diagnostics,
                      suppressedDiagnostics: parser.suppressed, subjectCount: parser.delivered,
                      itemDataCount: parser.itemDataCount)
    }

    /// SubjectKey values that occur more than once in `file` (a fast byte scan of
    /// `SubjectKey="…"` attributes; over-counting only costs memory, never correctness).
    static func repeatedSubjectKeys(file: String) throws(InputError) -> Set<String> {
        guard let h = FileHandle(forReadingAtPath: file) else {
            throw InputError(at: .file(file), "cannot open file for reading")
        }
        defer { try? h.close() }
        var counts: [String: UInt8] = [:]
        let chunk = 1 << 20
        var carry: [UInt8] = []  // the unfinished tail of the previous chunk (at most one attribute)
        while true {
            let data = h.readData(ofLength: chunk)
            if data.isEmpty && carry.isEmpty { break }
            var buf = carry
            buf.append(contentsOf: data)
            let atEnd = data.isEmpty
            let consumed = buf.withUnsafeBufferPointer { b -> Int in
                scanSubjectKeys(b, atEnd: atEnd, into: &counts)
            }
            carry = Array(buf[consumed...])
            if atEnd { break }
            if carry.count > 1 << 16 { carry = Array(carry.suffix(1 << 16)) }  // an absurd key: give up on it
        }
        return Set(counts.filter { $0.value > 1 }.keys)
    }

    /// Scans `b` for `SubjectKey="…"` and counts keys; returns how many bytes were fully
    /// scanned (the rest may hold an attribute cut by the chunk end).
    private static func scanSubjectKeys(_ b: UnsafeBufferPointer<UInt8>, atEnd: Bool, into counts: inout [String: UInt8]) -> Int {
        guard let base = b.baseAddress else { return 0 }
        let n = b.count
        let pattern = Array("SubjectKey".utf8)
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        var i = 0
        var safe = max(0, n - 256)  // without a match, keep the last bytes for the next chunk
        if atEnd { safe = n }
        while i < n {
            guard let p = memchr(base + i, Int32(UInt8(ascii: "K")), n - i) else { break }
            let k = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            i = k + 1
            guard k >= 7 else { continue }
            if k + 3 > n { return atEnd ? n : min(safe, k - 7) }
            guard memcmp(base + k - 7, pattern, 10) == 0 else { continue }
            var j = k + 3
            while j < n, isSpace(base[j]) { j += 1 }
            if j >= n { return atEnd ? n : min(safe, k - 7) }
            guard base[j] == UInt8(ascii: "=") else { continue }
            j += 1
            while j < n, isSpace(base[j]) { j += 1 }
            if j >= n { return atEnd ? n : min(safe, k - 7) }
            guard base[j] == UInt8(ascii: "\"") || base[j] == UInt8(ascii: "'") else { continue }
            let quote = base[j]
            let start = j + 1
            var e = start
            while e < n, base[e] != quote { e += 1 }
            if e >= n { return atEnd ? n : min(safe, k - 7) }
            let raw = String(decoding: UnsafeBufferPointer(start: base + start, count: e - start), as: UTF8.self)
            let key = decodeXMLEntities(raw)
            counts[key, default: 0] = min(2, counts[key, default: 0] + 1)
            i = e
            safe = max(safe, min(n, e + 1))
        }
        return safe
    }

    /// Replaces the predefined entities and character references of an attribute value.
    static func decodeXMLEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let name = rest[rest.index(after: amp)..<semi]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var scalar: Unicode.Scalar? = nil
                if name.hasPrefix("#x") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
                if let scalar { out.unicodeScalars.append(scalar) } else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        out += rest
        return out
    }
}
