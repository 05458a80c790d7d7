/// `format` as an assertion, when the caller or the dialect asks for it.
extension SchemaEvaluator {
    func applyFormat(_ frame: SchemaFrame, into outcome: inout SchemaOutcome) {
        guard case .string(let format) = frame.members["format"], case .string(let text) = frame.instance else { return }
        if let valid = SchemaFormats.check(format, text), !valid {
            outcome.fail("format", "must be a valid \(format)", at: frame.location)
        }
    }
}
