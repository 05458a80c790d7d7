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
}
