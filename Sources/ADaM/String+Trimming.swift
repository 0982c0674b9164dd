extension String {
    /// The string without leading and trailing blanks (spaces, tabs, NULs), as XPT and CSV
    /// values are compared.
    var trimmedBlanks: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{0}" }
        // Faster path: first and last bytes are not blank bytes (a blank Character is that one
        // byte), so neither end Character is blank.
        if let f = utf8.first, let l = utf8.last, f != 0x20, f != 0x09, f != 0x00, l != 0x20, l != 0x09, l != 0x00 {
            return self
        }
        // Fast path: nothing to trim (the usual case) returns the string without copying.
        guard let f = first else { return self }
        if !isBlank(f), let l = last, !isBlank(l) { return self }
        guard let first = firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = lastIndex(where: { !isBlank($0) })!
        return String(self[first...last])
    }
}
