/// How many terminal cells text takes. Pure Swift and locale-independent, so screens render the
/// same in tests, under `LANG=C` and on a projector.
public enum TextWidth {
    /// `count` copies of `character`: what `String(repeating:count:)` makes, which runs
    /// unspecialised here at about 5,000 instructions a call (a frame of the map made dozens).
    public static func repeated(_ character: Character, _ count: Int) -> String {
        var text = ""
        for _ in 0..<max(0, count) { text.append(character) }
        return text
    }

    /// Cells for one grapheme: 0 for marks and format characters, 2 for wide and emoji, else 1.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }
        // Box drawing, blocks and geometric shapes: the map is made of them.
        if (0x2500...0x25FF).contains(first.value) && scalars.count == 1 { return 1 }
        if scalars.count > 1 && needsSplitting(character) { return parts(of: character).reduce(0) { $0 + of($1) } }
        // A regional indicator is one column to the C library (so to ncurses); a pair is a flag
        // of two columns where the terminal draws flags, two letters of one column each elsewhere.
        if (0x1F1E6...0x1F1FF).contains(first.value) { return 1 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if first.properties.isEmojiPresentation { return 2 }
        return isWide(first.value) ? 2 : 1
    }

    /// Emoji sequences are measured differently by different terminals: 🛡️ (a shield and VS16) is
    /// one column to the C library and tmux and two to terminals that honour VS16; 👨‍👩‍👧 (joined by
    /// ZWJ) is two where the terminal joins it and six where it does not; a skin tone is two or
    /// nothing. dasf draws every such grapheme as the parts whose width all agree on: the
    /// selectors, joiners, skin tones and tag characters are left out and each emoji stands alone
    /// (👨👩👧, 🛡). A little of the picture is lost; the layout never breaks.
    public static func parts(of character: Character) -> [Character] {
        guard character.unicodeScalars.count > 1, needsSplitting(character) else { return [character] }
        var parts: [String] = []
        for scalar in character.unicodeScalars where !isLeftOut(scalar) {
            let mark = [.nonspacingMark, .enclosingMark, .spacingMark].contains(scalar.properties.generalCategory)
            if mark && !parts.isEmpty {
                parts[parts.count - 1].unicodeScalars.append(scalar)
            } else {
                parts.append(String(scalar))
            }
        }
        return parts.flatMap { Array($0) }
    }

    static func needsSplitting(_ character: Character) -> Bool {
        character.unicodeScalars.contains { isLeftOut($0) || (0x1F1E6...0x1F1FF).contains($0.value) }
    }

    /// Joiners, variation selectors, skin tones and tag characters: the scalars whose effect on
    /// width terminals disagree about.
    static func isLeftOut(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v == 0x200D || v == 0xFE0E || v == 0xFE0F || (0x1F3FB...0x1F3FF).contains(v) || (0xE0020...0xE007F).contains(v)
    }

    public static func of(_ text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        if isSimple(text) { return text.unicodeScalars.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// True for a scalar that is a whole grapheme by itself, one cell wide, and not a control:
    /// Latin text, punctuation, arrows, box drawing and shapes. Text made only of these needs no
    /// grapheme breaking (the common case, and a large saving on every frame).
    @inline(__always)
    static func isSimple(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x300 { return (v >= 0x20 && v < 0x7F) || (v >= 0xA0 && v != 0xAD) }
        // ✓ ✗ ✎: the state symbols and the comment mark, one column (text presentation).
        if v == 0x2713 || v == 0x2717 || v == 0x270E { return true }
        guard v >= 0x2010 && v <= 0x25FC else { return false }
        if (0x2028...0x202E).contains(v) || (0x2060...0x206F).contains(v) || (0x20D0...0x20FF).contains(v) { return false }
        if (0x2300...0x23FF).contains(v) { return false }
        return true
    }

    static func isSimple(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where !isSimple(scalar) { return false }
        return true
    }

    /// True when every byte is printable ASCII: one cell each, no grapheme work needed.
    @inline(__always)
    static func isPrintableASCII(_ text: String) -> Bool {
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F { return false }
        return true
    }

    static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0, high = wideRanges.count / 2 - 1
        while low <= high {
            let mid = (low + high) / 2
            let first = wideRanges[2 * mid], last = wideRanges[2 * mid + 1]
            if value < first { high = mid - 1 } else if value > last { low = mid + 1 } else { return true }
        }
        return false
    }

    /// `text` cut to at most `width` cells, with "…" (or "~" in ASCII) where it was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let room = width - of(ellipsis)
        if isSimple(text) {
            // Cut at a scalar's index, not by building a scalar view from a slice: that generic
            // path cost the first frame half a million instructions of runtime look-ups.
            guard room >= 0 else { return String(ellipsis.prefix(width)) }
            let scalars = text.unicodeScalars
            return String(text[..<scalars.index(scalars.startIndex, offsetBy: room)]) + ellipsis
        }
        var out = "", used = 0
        cutting: for character in text {
            for part in parts(of: character) {
                let w = of(part)
                if used + w > room { break cutting }
                out.append(part)
                used += w
            }
        }
        return room >= 0 ? out + ellipsis : String(ellipsis.prefix(width))
    }

    /// Splits text into lines of at most `width` cells, breaking at spaces where it can.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                var w = of(word)
                while w > width {
                    if !line.isEmpty { lines.append(line); line = ""; lineWidth = 0 }
                    var head = "", headWidth = 0
                    // A part wider than the line goes on a line of its own (the grid clips it),
                    // so every pass takes something and the loop ends.
                    var rest = ""
                    for character in word {
                        for part in parts(of: character) {
                            let cw = of(part)
                            if rest.isEmpty && (head.isEmpty || headWidth + cw <= width) { head.append(part); headWidth += cw } else { rest.append(part) }
                        }
                    }
                    lines.append(head)
                    word = rest
                    w = of(word)
                }
                if line.isEmpty {
                    line = word; lineWidth = w
                } else if lineWidth + 1 + w <= width {
                    line += " " + word; lineWidth += 1 + w
                } else {
                    lines.append(line); line = word; lineWidth = w
                }
            }
            lines.append(line)
        }
        return lines
    }
}
