import Foundation

/// The conversions JSON Logic borrows from JavaScript, reproduced so that the server's engine
/// and the browser's (`json-logic.js`) give the same answer for the same rule and data.
enum LogicCoercion {
    /// JavaScript's truthiness, except that an empty array is false (JSON Logic's one change).
    static func truthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .number(let number): number != 0 && !number.isNaN
        case .string(let text): !text.isEmpty
        case .array(let elements): !elements.isEmpty
        case .object: true
        }
    }

    /// A value as a number for arithmetic and comparison: strings by JavaScript's `Number()`,
    /// Booleans as 0 and 1, null as 0. Arrays, objects and unreadable strings are not numbers.
    static func number(_ value: JSONValue) throws(LogicError) -> Double {
        switch value {
        case .number(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        case .null: return 0
        case .string(let text):
            guard let number = javaScriptNumber(text) else { throw .notANumber }
            return number
        case .array, .object: throw .notANumber
        }
    }

    /// A finite arithmetic result, or `NaN` for a result JSON cannot carry (a division by zero).
    static func finite(_ number: Double) throws(LogicError) -> JSONValue {
        guard number.isFinite else { throw .notANumber }
        return .number(number == 0 ? 0 : number)  // no -0: JSON and the browser print it as 0
    }

    /// A value as text for `cat`, `substr` and `in`: numbers as JavaScript prints them, null as
    /// nothing, arrays as their elements joined by commas.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): javaScriptString(number)
        case .string(let text): text
        case .array(let elements): elements.map(text).joined(separator: ",")
        case .object: "[object Object]"
        }
    }

    /// `==`: values of one type compare as they are; otherwise both sides as numbers, which fails
    /// with `NaN` for arrays, objects and strings that are no numbers.
    static func looselyEqual(_ left: JSONValue, _ right: JSONValue) throws(LogicError) -> Bool {
        switch (left, right) {
        case (.null, .null): return true
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        default: return try number(left) == number(right)
        }
    }

    /// `===`: the same type and the same value. Arrays and objects are never strictly equal, as
    /// in JavaScript (where two reads of one array would be, but JSON values have no identity).
    static func strictlyEqual(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.array, _), (.object, _): false
        default: left == right
        }
    }

    /// Orders two values for `<` and friends: two strings by UTF-16 code units, as JavaScript
    /// does; anything else as numbers.
    static func compare(_ left: JSONValue, _ right: JSONValue) throws(LogicError) -> ComparisonResult {
        if case .string(let a) = left, case .string(let b) = right {
            return a.utf16.lexicographicallyPrecedes(b.utf16)
                ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
        }
        let a = try number(left)
        let b = try number(right)
        return a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
    }

    /// JavaScript's `Number(text)`: surrounding white space ignored, the empty string is 0,
    /// decimal with optional exponent, `Infinity`, and `0x`/`0o`/`0b` integers; anything else is
    /// no number (`nil`).
    static func javaScriptNumber(_ text: String) -> Double? {
        let trimmed = String(
            String.UnicodeScalarView(
                text.unicodeScalars.drop(while: isJavaScriptSpace).reversed().drop(while: isJavaScriptSpace).reversed()))
        if trimmed.isEmpty { return 0 }
        switch trimmed {
        case "Infinity", "+Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: break
        }
        let lower = trimmed.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            return UInt64(lower.dropFirst(2), radix: radix).map { Double($0) }  // not Double.init: that picks bitPattern:
        }
        guard isDecimalLiteral(trimmed) else { return nil }
        return Double(trimmed)
    }

    /// JavaScript's white space and line terminators, which `Number()` trims.
    private static func isJavaScriptSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// `[+-] (digits [. digits?] | . digits) [(e|E) [+-] digits]`, the only decimal form `Number()`
    /// reads (Swift's `Double(_:)` would also take "nan", "inf" and hexadecimal floats).
    private static func isDecimalLiteral(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
        func digits() -> Int {
            let count = scalars.prefix { ("0"..."9").contains($0) }.count
            scalars = scalars.dropFirst(count)
            return count
        }
        var mantissaDigits = digits()
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return false }
        if let marker = scalars.first, marker == "e" || marker == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }

    /// JavaScript's `Number.prototype.toString()`: integers without a point up to 1e21, plain
    /// decimals down to 1e-6, exponent notation (`1e+21`, `1e-7`) beyond.
    static func javaScriptString(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number == 0 { return "0" }
        let sign = number < 0 ? "-" : ""
        let (digits, exponent) = shortestDigits(abs(number))
        let count = digits.count
        let body: String
        if count <= exponent && exponent <= 21 {
            body = digits + String(repeating: "0", count: exponent - count)
        } else if 0 < exponent && exponent <= 21 {
            body = digits.prefix(exponent) + "." + digits.dropFirst(exponent)
        } else if -6 < exponent && exponent <= 0 {
            body = "0." + String(repeating: "0", count: -exponent) + digits
        } else {
            let power = exponent - 1
            let mantissa = count == 1 ? digits : digits.prefix(1) + "." + digits.dropFirst()
            body = mantissa + "e" + (power >= 0 ? "+" : "-") + String(abs(power))
        }
        return sign + body
    }

    /// The shortest decimal digits that read back as `number` (Swift prints those too), and the
    /// exponent `n` with `number = 0.d₁d₂… × 10ⁿ`.
    private static func shortestDigits(_ number: Double) -> (digits: String, exponent: Int) {
        let printed = "\(number)"
        let parts = printed.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let power = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let integerPart = mantissa.split(separator: ".", omittingEmptySubsequences: false)[0]
        var digits = mantissa.replacingOccurrences(of: ".", with: "")
        var exponent = integerPart.count + power
        while digits.hasPrefix("0") {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        return (digits, exponent)
    }
}
