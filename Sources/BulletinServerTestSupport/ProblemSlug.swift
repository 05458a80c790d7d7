import Foundation

/// The problem `type` slug, such as `not-found`, of a problem+json body read as a JSON
/// object; nil when the body is not a problem.
public func problemType(of json: [String: Any]?) -> String? {
    (json?["type"] as? String)?.components(separatedBy: "/").last
}

/// The problem `type` slug of a problem+json body read as bytes.
public func problemType(of body: Data) -> String? {
    problemType(of: (try? JSONSerialization.jsonObject(with: body)) as? [String: Any])
}
