import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Analysis
import Reports

/// Every figure is a well-formed standalone XML document (figures/*.svg are read by XML
/// parsers, not only inlined into HTML), also when a p-value prints as "p < 0.001".
@Suite("SVG figures are well-formed XML")
struct FigureXMLTests {
    @Test func everyFigureParsesWithASmallPValue() throws {
        var r = try ColonResults.compute()
        for k in r.endpoints.indices { r.endpoints[k].logRank.p = 2e-7 }
        let figures = HTMLReport(results: r).figures
        #expect(figures.count >= 2)
        for f in figures {
            let parser = XMLParser(data: Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + f.svg).utf8))
            let ok = parser.parse()
            #expect(ok, "\(f.id): \(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)")
        }
        let km = try #require(figures.first { $0.id.hasPrefix("km-") })
        #expect(km.svg.contains("Log-rank p &lt; 0.001"))
    }
}
