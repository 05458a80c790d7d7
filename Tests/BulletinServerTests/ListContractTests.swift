import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// Every list the API answers is `{"items": [...], "nextCursor": "…" | null}`: the cursor is
/// always present, `null` on the last page, as the document's `PageCursor` says.
@Suite("Lists carry their cursor")
struct ListContractTests {
    /// The `GET` operations whose 200 answer is a list, from the document: "/v1/…" paths.
    static func listPaths() throws -> [String] {
        let document = try JSONSerialization.jsonObject(with: OpenAPIContract.documentData()) as! [String: Any]
        let schemas = (document["components"] as! [String: Any])["schemas"] as! [String: [String: Any]]
        let paths = document["paths"] as! [String: [String: Any]]
        return paths.compactMap { path, item in
            let get = item["get"] as? [String: Any]
            let ok = (get?["responses"] as? [String: Any])?["200"] as? [String: Any]
            let schema = ((ok?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
            guard let reference = schema?["$ref"] as? String else { return nil }
            let properties = schemas[String(reference.split(separator: "/").last!)]?["properties"] as? [String: Any]
            return properties?["nextCursor"] != nil ? path : nil
        }.sorted()
    }

    @Test("every list answers nextCursor, null on the last page")
    func everyListHasItsCursor() async throws {
        let paths = try Self.listPaths()
        #expect(paths.count >= 11, "\(paths)")
        try await AccessFixture.run(.sqlite) { fixture in
            let owner = fixture[.owner].accessToken
            let project = try await fixture.call(
                .post, "/v1/projects", token: owner,
                json: ["name": "Lists", "subject": ["name": "Inkwell"], "peers": [["name": "Bear"], ["name": "Quill"]]])
            let projectID = try #require(project.json["id"] as? String, "\(project.json)")
            let form = try await fixture.call(
                .post, "/v1/forms", token: owner, json: ["name": "Lists", "definition": FormsAPITests.definition])
            let formID = try #require(form.json["id"] as? String, "\(form.json)")
            for path in paths {
                let reply = try await fixture.call(
                    .get, path.replacingOccurrences(of: "{projectId}", with: projectID).replacingOccurrences(of: "{formId}", with: formID),
                    token: owner)
                #expect(reply.status == .ok, "\(path): \(reply.text)")
                #expect(reply.json["items"] is [Any], "\(path)")
                #expect(reply.json["nextCursor"] is NSNull, "\(path) answers no null nextCursor: \(reply.text)")
            }
        }
    }
}
