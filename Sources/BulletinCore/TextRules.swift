import Foundation

/// The rules every free text of a draft keeps: required or not, a length in Unicode code
/// points (as JSON Schema's `maxLength` counts), and no control characters but newlines and tabs.
public enum TextRules {
    /// The problem with `value` at `pointer`, if any (`label` starts the sentence).
    public static func problems(_ value: String, at pointer: String, label: String, required: Bool, maximum: Int) -> [FieldError] {
        if required && value.isEmpty { return [FieldError(pointer: pointer, message: "\(label) is required.")] }
        if value.unicodeScalars.count > maximum {
            return [FieldError(pointer: pointer, message: "\(label) has at most \(maximum) characters.")]
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
            return [FieldError(pointer: pointer, message: "\(label) contains control characters.")]
        }
        return []
    }

    /// The text without surrounding white space.
    public static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
