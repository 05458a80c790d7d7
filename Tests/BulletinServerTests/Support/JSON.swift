import BulletinServerTestSupport
import BulletinTestSupport
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

extension EventStreamClient {
    /// The problem `type` slug, such as `unauthenticated`, of a refused stream's body, once
    /// the whole body has arrived.
    func problemType(limit: Duration = .seconds(20)) async throws -> String? {
        var object: [String: Any]?
        try await waitUntil("the refused stream's problem arrives", limit: limit) {
            object = (try? JSONSerialization.jsonObject(with: Data(received))) as? [String: Any]
            return object != nil
        }
        return BulletinServerTestSupport.problemType(of: object)
    }
}
