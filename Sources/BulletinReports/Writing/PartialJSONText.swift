/// The words of a JSON answer still being written, for people to watch: the string values
/// so far (the last one perhaps unfinished), a line each, without keys, quotes or brackets.
///
/// Written by hand: the answer is incomplete until its last token, which no JSON parser reads.
enum PartialJSONText {
    static func values(in json: String) -> String {
        var lines: [String] = []
        var current = ""
        var inString = false
        var isKey = false
        var escaped = false
        // The open objects and arrays, and the last structural character: a string that
        // starts right after `{` or after `,` in an object is a key.
        var containers: [Character] = []
        var last: Character = " "
        var characters = json.makeIterator()
        while let character = characters.next() {
            if inString {
                if escaped {
                    escaped = false
                    switch character {
                    case "n", "t", "r": current.append(" ")
                    case "u":
                        var hex = ""
                        while hex.count < 4, let digit = characters.next() { hex.append(digit) }
                        if let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) { current.unicodeScalars.append(scalar) }
                    default: current.append(character)
                    }
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                    if !isKey { lines.append(current) }
                    current = ""
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                inString = true
                isKey = containers.last == "{" && (last == "{" || last == ",")
                last = "\""
            case "{", "[":
                containers.append(character)
                last = character
            case "}", "]":
                _ = containers.popLast()
                last = character
            case ",", ":": last = character
            default: break
            }
        }
        if inString, !isKey, !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}
