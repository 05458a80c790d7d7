import Foundation
import NIOCore

/// The checked-in OpenAPI document, the contract every route follows, as served bytes.
enum OpenAPIDocument {
    /// The document's bytes from the module's resources.
    static func load() throws -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "openapi.json is missing from the resources"])
        }
        return ByteBuffer(bytes: try Data(contentsOf: url))
    }
}
