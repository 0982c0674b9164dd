import Foundation

extension Truth {
    /// `truth.json` bytes: sorted keys, pretty-printed, so the same truth gives the same bytes.
    public func jsonData() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain structs of numbers and strings cannot fail.
        return (try? e.encode(self)) ?? Data()
    }
}
