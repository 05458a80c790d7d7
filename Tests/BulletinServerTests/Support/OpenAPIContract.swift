import Foundation

/// The checked-in OpenAPI document, read from the source tree.
enum OpenAPIContract {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/BulletinServer/openapi.json")

    static func documentData() throws -> Data {
        try Data(contentsOf: url)
    }

    /// Every operation in the document as "METHOD /path", with path parameters as `{name}`.
    static func operations() throws -> Set<String> {
        let document = try JSONSerialization.jsonObject(with: documentData()) as! [String: Any]
        let paths = document["paths"] as! [String: [String: Any]]
        var operations: Set<String> = []
        let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        for (path, item) in paths {
            for method in item.keys where methods.contains(method) {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        return operations
    }

    /// An operation as the document declares it.
    struct Operation: Sendable, CustomStringConvertible {
        let method: String
        let path: String
        let id: String
        /// `x-bulletin-permission`, or `nil` when missing.
        let permission: String?
        let hasBody: Bool

        var description: String { "\(method) \(path) (\(id))" }
        var pathParameters: [String] {
            path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
        }
    }

    /// Every `/v1` operation with its permission.
    static func versionedOperations() throws -> [Operation] {
        let document = try JSONSerialization.jsonObject(with: documentData()) as! [String: Any]
        let paths = document["paths"] as! [String: [String: Any]]
        var operations: [Operation] = []
        for (path, item) in paths where path.hasPrefix("/v1/") {
            for (method, value) in item {
                guard let operation = value as? [String: Any] else { continue }
                operations.append(
                    Operation(
                        method: method.uppercased(), path: path, id: operation["operationId"] as? String ?? "",
                        permission: operation["x-bulletin-permission"] as? String,
                        hasBody: operation["requestBody"] != nil))
            }
        }
        return operations.sorted { $0.id < $1.id }
    }
}
