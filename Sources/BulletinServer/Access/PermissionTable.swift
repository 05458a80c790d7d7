import BulletinCore
import Foundation
import HTTPTypes

/// What each `/v1` operation requires, read from the OpenAPI document's
/// `x-bulletin-permission`: `public`, or an action of ``Permissions``; and which operations
/// accept an `Idempotency-Key` (those declaring the header).
///
/// The document is the one place an operation's permission is declared; an operation
/// without one is refused to everyone, and a name the permission table does not know stops
/// the server from starting.
struct PermissionTable: Sendable {
    /// What an operation requires of its caller.
    enum Requirement: Sendable, Equatable {
        /// Anyone may call it (sign-in, setup, accepting an invitation).
        case none
        /// A principal whose role allows the action.
        case action(Action)
    }

    private let requirements: [String: Requirement]
    private let idempotent: Set<String>
    /// Operations that accept a realtime ticket in the query instead of a bearer header.
    private let ticketed: Set<String>
    /// The operation ID of each method and path template, for tests and logs.
    let operationIDs: [String: String]

    /// Reads the table from an OpenAPI document.
    init(openAPIDocument bytes: [UInt8]) throws {
        guard let document = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let paths = document["paths"] as? [String: Any]
        else { throw PermissionTableError(problem: "the OpenAPI document has no paths") }
        var requirements: [String: Requirement] = [:]
        var operationIDs: [String: String] = [:]
        var idempotent: Set<String> = []
        var ticketed: Set<String> = []
        for (path, item) in paths where path.hasPrefix("/v1/") {
            for (method, value) in item as? [String: Any] ?? [:] {
                guard let operation = value as? [String: Any], let operationID = operation["operationId"] as? String
                else { continue }
                let key = Self.key(method.uppercased(), path)
                operationIDs[key] = operationID
                let parameters = operation["parameters"] as? [[String: Any]] ?? []
                if parameters.contains(where: { ($0["$ref"] as? String)?.hasSuffix("/IdempotencyKey") == true }) {
                    idempotent.insert(key)
                }
                if operation["x-bulletin-ticket"] as? Bool == true { ticketed.insert(key) }
                switch operation["x-bulletin-permission"] as? String {
                case "public": requirements[key] = Requirement.none
                case let name?:
                    guard let action = Permissions.action(named: name) else {
                        throw PermissionTableError(problem: "\(operationID) names an unknown permission '\(name)'")
                    }
                    requirements[key] = .action(action)
                case nil: continue
                }
            }
        }
        self.requirements = requirements
        self.idempotent = idempotent
        self.ticketed = ticketed
        self.operationIDs = operationIDs
    }

    /// What the operation at a method and route template requires, or `nil` when the
    /// document declares nothing for it.
    func requirement(method: HTTPRequest.Method, path: String) -> Requirement? {
        let method = method == .head ? "GET" : method.rawValue
        return requirements[Self.key(method, path)]
    }

    /// Whether the operation at a method and route template accepts `Idempotency-Key`.
    func acceptsIdempotencyKey(method: HTTPRequest.Method, path: String) -> Bool {
        idempotent.contains(Self.key(method.rawValue, path))
    }

    /// Whether the operation accepts a realtime ticket (`x-bulletin-ticket`) in its query.
    func acceptsTicket(method: HTTPRequest.Method, path: String) -> Bool {
        ticketed.contains(Self.key(method == .head ? "GET" : method.rawValue, path))
    }

    private static func key(_ method: String, _ path: String) -> String { method + " " + path }
}

/// The OpenAPI document's permissions cannot be used.
struct PermissionTableError: Error, CustomStringConvertible {
    let problem: String
    var description: String { "invalid x-bulletin-permission: \(problem)" }
}
