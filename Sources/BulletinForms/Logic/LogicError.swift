/// Why a JSON Logic rule could not be evaluated, as the JSON Logic community's compatibility
/// tables name the kinds: `NaN`, `Invalid Arguments`, or a value the rule threw.
public enum LogicError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Arithmetic or a comparison met a value that is no number, or produced no finite number.
    case notANumber
    /// An operator was given arguments of the wrong shape (too few, or no array where one is needed).
    case invalidArguments
    /// An object with one key that names no operator.
    case unknownOperator(String)
    /// `{"throw": value}`.
    case thrown(JSONValue)

    /// The error as the rule's `try` fallback and the compatibility tables see it: an object with
    /// a `type` (a thrown object is passed on as it is).
    public var payload: JSONValue {
        switch self {
        case .notANumber: ["type": "NaN"]
        case .invalidArguments: ["type": "Invalid Arguments"]
        case .unknownOperator: ["type": "Unknown Operator"]
        case .thrown(let value): value.objectValue != nil ? value : ["type": value]
        }
    }

    public var description: String {
        switch self {
        case .notANumber: "NaN"
        case .invalidArguments: "Invalid Arguments"
        case .unknownOperator(let name): "Unknown Operator: \(name)"
        case .thrown(let value): "thrown: \(value.jsonText())"
        }
    }
}
