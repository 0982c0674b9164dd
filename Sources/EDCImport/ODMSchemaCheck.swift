import CLibXML2
import Foundation
import TrialCore

/// Validates an XML file (an ODM export, ours or a vendor's) against an XML Schema such as the
/// official ODM 1.3.2 XSD (`ODM1-3-2.xsd`, which includes the foundation, xmldsig and xlink
/// schemas from its own folder).
///
/// Streaming: the instance is read with libxml2's text reader (network off, no entity
/// substitution, no DTD loading, as `ODMReader`) and validated as it streams, so memory does not
/// grow with the file. Call:
/// ```swift
/// let problems = try ODMSchemaCheck.validate(file: "crlm.xml", schema: "ODM1-3-2.xsd")
/// ```
public enum ODMSchemaCheck {
    /// At most this many schema violations are returned (the count of the rest is in the last one).
    public static let violationLimit = 100

    /// The schema violations of `file` against `schema`, each at its line and column; empty when
    /// the file is valid. Throws when the schema or the file cannot be read or is not XML.
    public static func validate(file: String, schema: String) throws(InputError) -> [Diagnostic] {
        guard FileManager.default.isReadableFile(atPath: schema),
              let parserContext = xmlSchemaNewParserCtxt(schema) else {
            throw InputError(at: .file(schema), "cannot read the XML Schema", expected: "a readable .xsd file")
        }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        guard let compiled = xmlSchemaParse(parserContext) else {
            throw InputError(at: .file(schema), "the XML Schema does not compile", expected: "a valid XSD with its included schemas beside it")
        }
        defer { xmlSchemaFree(compiled) }
        guard let validator = xmlSchemaNewValidCtxt(compiled) else {
            throw InputError(at: .file(schema), "cannot create a schema validator")
        }
        defer { xmlSchemaFreeValidCtxt(validator) }

        let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_COMPACT.rawValue)
        guard FileManager.default.isReadableFile(atPath: file), let reader = xmlReaderForFile(file, nil, options) else {
            throw InputError(at: .file(file), "cannot open file for reading")
        }
        defer { xmlFreeTextReader(reader) }

        // Violations arrive through libxml2's structured error callback; the box collects them.
        final class Collector {
            var violations: [(line: Int, column: Int, message: String)] = []
            var suppressed = 0
            var fatal: (line: Int, column: Int, message: String)?
        }
        let collector = Collector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let handler: xmlStructuredErrorFunc = { ctx, err in
            guard let ctx, let err else { return }
            let c = Unmanaged<Collector>.fromOpaque(ctx).takeUnretainedValue()
            let message = err.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "XML error"
            let entry = (line: Int(err.pointee.line), column: Int(err.pointee.int2), message: message)
            if err.pointee.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
                if c.violations.count < ODMSchemaCheck.violationLimit { c.violations.append(entry) } else { c.suppressed += 1 }
            } else if err.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, c.fatal == nil {
                c.fatal = entry
            }
        }
        xmlSchemaSetValidStructuredErrors(validator, handler, context)
        xmlTextReaderSetStructuredErrorHandler(reader, handler, context)
        guard xmlTextReaderSchemaValidateCtxt(reader, validator, 0) == 0 else {
            throw InputError(at: .file(schema), "cannot attach the schema validator to the reader")
        }
        var ret = xmlTextReaderRead(reader)
        while ret == 1 { ret = xmlTextReaderRead(reader) }
        if let f = collector.fatal {
            throw InputError(at: .text(file: file, line: f.line, column: f.column > 0 ? f.column : nil),
                             "malformed XML: \(f.message)", expected: "well-formed XML")
        }
        if ret < 0, collector.violations.isEmpty {
            throw InputError(at: .file(file), "the file could not be read to its end", expected: "well-formed XML")
        }
        var out = collector.violations.map {
            Diagnostic(.error, at: .text(file: file, line: $0.line, column: $0.column > 0 ? $0.column : nil),
                       "not valid against \((schema as NSString).lastPathComponent): \($0.message)")
        }
        if collector.suppressed > 0 {
            out.append(Diagnostic(.note, at: .file(file), "\(collector.suppressed) more schema violations not listed"))
        }
        return out
    }
}
