extension String {
    /// The string without leading and trailing blanks (spaces, tabs, NULs), as XPT and CSV
    /// values are compared.
    var trimmedBlanks: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{0}" }
        // Fast path: nothing to trim (the usual case) returns the string without copying.
        guard let f = first else { return self }
        if !isBlank(f), let l = last, !isBlank(l) { return self }
        guard let first = firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = lastIndex(where: { !isBlank($0) })!
        return String(self[first...last])
    }
}
