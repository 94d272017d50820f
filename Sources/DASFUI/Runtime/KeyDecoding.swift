/// Turns a character code from the terminal into a `Key`: control codes become named keys,
/// everything else a character (kept apart from ncurses so it can be tested).
public enum KeyDecoding {
    public static func character(_ code: UInt32) -> Key {
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 9: return .tab
        case 1...26: return .control(Character(Unicode.Scalar(code + 96)!))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .character("\u{FFFD}") }
            return .character(Character(scalar))
        }
    }
}
