import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// Every `/v1` operation of the OpenAPI document against every kind of caller, with the
/// expected answer computed from the document's `x-bulletin-permission` and the one
/// permission table in BulletinCore.
@Suite("Authorisation matrix")
struct AuthorizationMatrixTests {
    @Test("every /v1 operation declares a permission the table knows")
    func everyOperationDeclaresAPermission() throws {
        let operations = try OpenAPIContract.versionedOperations()
        #expect(operations.count >= 20)
        for operation in operations {
            let permission = try #require(operation.permission, "\(operation) has no x-bulletin-permission")
            #expect(
                permission == "public" || Permissions.action(named: permission) != nil,
                "\(operation) names an unknown permission '\(permission)'")
        }
        // The middleware reads the same document: it knows every operation.
        let table = try PermissionTable(openAPIDocument: PackageResources.openapi_json)
        #expect(Set(table.operationIDs.values) == Set(operations.map(\.id)))
    }

    /// A caller of the matrix.
    enum Caller: CustomStringConvertible {
        case anonymous
        case revokedKey(String)
        case member(Role, String)
        case outsider(String)

        var description: String {
            switch self {
            case .anonymous: "anonymous"
            case .revokedKey: "revoked API key"
            case .member(let role, _): role.rawValue
            case .outsider: "owner of another workspace"
            }
        }

        var token: String? {
            switch self {
            case .anonymous: nil
            case .revokedKey(let key), .member(_, let key), .outsider(let key): key
            }
        }
    }

    /// A valid body for operations whose outsider call must reach the handler (to be not found).
    static var validBodies: [String: [String: Any]] {
        [
            "changeMemberRole": ["role": "viewer"],
            "updateFlag": ["definition": ["name": "acme-flag", "enabled": false]],
            "updateProject": ProjectsAPITests.body(),
            "updateService": BoardAPITests.service("OIL001"),
            "updateAppointment": BoardAPITests.appointment(["OIL001"]),
            "moveAppointment": ["status": "ready"],
            "updateForm": ["name": "Intake", "definition": FormsAPITests.definition],
            "submitForm": ["answers": ["kind": "car"]],
            "saveFormProgress": ["answers": ["kind": "car"]],
            "createFormLink": ["name": "Shop"],
            "setFormFeed": ["projectId": "nothing", "peerField": "plate"],
        ]
    }

    @Test("every operation × caller gets the expected status", arguments: TestDatabases.dialects)
    func matrix(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let owner = fixture[.owner].accessToken
            let key = try await fixture.call(.post, "/v1/api-keys", token: owner, json: ["name": "ci", "role": "viewer"])
            let keyID = try #require((key.json["apiKey"] as? [String: Any])?["id"] as? String)
            let revoked = try await fixture.call(.post, "/v1/api-keys", token: owner, json: ["name": "old", "role": "admin"])
            let revokedSecret = try #require(revoked.json["secret"] as? String)
            let revokedID = try #require((revoked.json["apiKey"] as? [String: Any])?["id"] as? String)
            #expect(try await fixture.call(.delete, "/v1/api-keys/\(revokedID)", token: owner).status == .noContent)
            let invitation = try await fixture.call(
                .post, "/v1/invitations", token: owner, json: ["email": "guest@acme.test", "role": "viewer"])
            let invitationID = try #require((invitation.json["invitation"] as? [String: Any])?["id"] as? String)
            let flag = try await fixture.call(
                .post, "/v1/flags", token: owner, json: ["definition": ["name": "acme-flag", "enabled": true]])
            #expect(flag.status == .created)
            let project = try await fixture.call(.post, "/v1/projects", token: owner, json: ProjectsAPITests.body())
            let projectID = try #require(project.json["id"] as? String)
            let service = try await fixture.call(.post, "/v1/services", token: owner, json: BoardAPITests.service("OIL001"))
            let appointment = try await fixture.call(
                .post, "/v1/appointments", token: owner, json: BoardAPITests.appointment(["OIL001"]))
            let link = try await fixture.call(.post, "/v1/board/display-links", token: owner, json: ["name": "Screen"])
            let form = try await fixture.call(
                .post, "/v1/forms", token: owner, json: ["name": "Intake", "definition": FormsAPITests.definition])
            // Acme's real resources, which the outsider must not find.
            let acmeIDs = [
                "userId": fixture[.viewer].id, "keyId": keyID, "invitation": invitationID, "name": "acme-flag",
                "projectId": projectID, "serviceId": try #require(service.json["id"] as? String),
                "appointmentId": try #require(appointment.json["id"] as? String), "linkId": try #require(link.json["id"] as? String),
                "formId": try #require(form.json["id"] as? String),
            ]

            var callers: [Caller] = [.anonymous, .revokedKey(revokedSecret), .outsider(fixture.outsider.accessToken)]
            callers += Role.allCases.map { .member($0, fixture[$0].accessToken) }
            for operation in try OpenAPIContract.versionedOperations() {
                for caller in callers {
                    let reply = try await Self.call(operation, as: caller, fixture: fixture, acmeIDs: acmeIDs)
                    Self.check(reply, operation: operation, caller: caller)
                }
            }
        }
    }

    private static func call(
        _ operation: OpenAPIContract.Operation, as caller: Caller, fixture: AccessFixture, acmeIDs: [String: String]
    ) async throws -> Reply {
        var path = operation.path
        for name in operation.pathParameters {
            // Members use IDs that exist nowhere, so that allowed calls change nothing; the
            // outsider uses Acme's real IDs, which must look just as absent.
            let value = if case .outsider = caller { acmeIDs[name] ?? "nothing" } else { "nothing-\(name)" }
            path = path.replacingOccurrences(of: "{\(name)}", with: value)
        }
        var body: [String: Any]?
        if operation.hasBody {
            // An empty object is refused with 422 after authorisation, so allowed calls change nothing.
            if case .outsider = caller { body = validBodies[operation.id] ?? [:] } else { body = [:] }
        }
        // The outsider names the version it read, so that its change reaches the lookup (and is not found).
        let headers: HTTPFields = if case .outsider = caller { [.ifMatch: "\"1\""] } else { [:] }
        return try await fixture.call(HTTPRequest.Method(operation.method)!, path, token: caller.token, json: body, headers: headers)
    }

    private static func check(_ reply: Reply, operation: OpenAPIContract.Operation, caller: Caller) {
        let context = "\(operation) as \(caller): \(reply.status) \(reply.json)"
        let passedAuthorisation = reply.status != .unauthorized && reply.status != .forbidden
        guard let permission = operation.permission, permission != "public" else {
            // A public operation may refuse its own credentials (a session cookie that is not
            // there: `invalid-refresh-token`), but never asks for a caller's.
            #expect(reply.problemType != "unauthenticated" && reply.status != .forbidden, "\(context)")
            return
        }
        let action = Permissions.action(named: permission)!
        switch caller {
        case .anonymous, .revokedKey:
            #expect(reply.status == .unauthorized && reply.problemType == "unauthenticated", "\(context)")
            #expect(reply.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true, "\(context)")
        case .member(let role, _):
            if Permissions.allows(role, action) {
                #expect(passedAuthorisation, "\(context)")
            } else {
                #expect(reply.status == .forbidden && reply.problemType == "forbidden", "\(context)")
            }
        case .outsider:
            if operation.pathParameters.isEmpty {
                #expect(passedAuthorisation, "\(context)")  // acts in its own workspace
            } else {
                #expect(reply.status == .notFound && reply.problemType == "not-found", "\(context)")
            }
        }
        #expect(reply.headers[HTTPField.Name("RateLimit-Limit")!] != nil, "\(context) lacks RateLimit-Limit")
    }
}
