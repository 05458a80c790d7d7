import NIOCore

/// The checked-in OpenAPI document, the contract every route follows, as served bytes.
///
/// The document is embedded in the binary at build time, so a release binary is one file.
enum OpenAPIDocument {
    /// The document's bytes.
    static let bytes = ByteBuffer(bytes: PackageResources.openapi_json)
}
