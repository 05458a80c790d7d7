import Foundation
import NIOCore

/// Reads response bodies as JSON in tests.
enum JSON {
    struct NotAnObject: Error {}

    static func object(_ buffer: ByteBuffer) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
            throw NotAnObject()
        }
        return object
    }
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}
