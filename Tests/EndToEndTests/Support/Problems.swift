import Foundation

/// The problem `type` slug, such as `not-found`, of a problem+json body; nil when the body
/// is not a problem.
func problemType(of json: [String: Any]?) -> String? {
    (json?["type"] as? String)?.components(separatedBy: "/").last
}

/// The problem `type` slug of a problem+json body read as bytes.
func problemType(of body: Data) -> String? {
    problemType(of: (try? JSONSerialization.jsonObject(with: body)) as? [String: Any])
}
