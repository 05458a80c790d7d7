import BulletinApp
import BulletinCore
import BulletinReports
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// Every state-changing operation leaves exactly one audit entry, with its request ID.
@Suite("Audit log")
struct AuditTests {
    static func requestID(_ operationID: String) -> HTTPFields {
        [HTTPField.Name("X-Request-ID")!: "audit-\(operationID)"]
    }

    @Test("each mutating operation writes one entry with its request ID", arguments: TestDatabases.dialects)
    func oneEntryPerChange(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, configure: { $0.runsWorkers = false }) { fixture in
            let owner = fixture[.owner].accessToken
            let admin = fixture[.admin].accessToken
            var done: [String: String] = [:]  // operation ID → expected action
            func perform(
                _ operationID: String, action: String, _ method: HTTPRequest.Method, _ uri: String, token: String?,
                json: Any? = nil, file: (data: Data, type: String)? = nil, headers: HTTPFields = [:]
            ) async throws -> Reply {
                var headers = headers
                headers.append(contentsOf: Self.requestID(operationID))
                let reply = try await fixture.call(method, uri, token: token, json: json, file: file, headers: headers)
                #expect(reply.status.kind == .successful, "\(operationID): \(reply.status) \(reply.json)")
                done[operationID] = action
                return reply
            }

            _ = try await perform(
                "renameWorkspace", action: "workspace.rename", .patch, "/v1/workspace", token: owner, json: ["name": "Acme Ltd"])
            let jobs = JobRepository(database: fixture.database)
            let waiting = try await jobs.enqueue(
                NewJob(kind: "audit.test", arguments: "{}", workspaceID: fixture.workspaceID), now: fixture.clock.wallClock.now())
            _ = try await perform("cancelJob", action: "job.cancel", .post, "/v1/jobs/\(waiting.id)/cancel", token: admin)
            _ = try await perform("retryJob", action: "job.retry", .post, "/v1/jobs/\(waiting.id)/retry", token: admin)
            _ = try await perform("pauseQueue", action: "queue.pause", .post, "/v1/queues/default/pause", token: admin)
            _ = try await perform("resumeQueue", action: "queue.resume", .post, "/v1/queues/default/resume", token: admin)
            _ = try await perform(
                "createFlag", action: "flag.create", .post, "/v1/flags", token: admin,
                json: ["definition": ["name": "audited", "enabled": true, "strategies": [["name": "default"]]]])
            _ = try await perform(
                "updateFlag", action: "flag.update", .put, "/v1/flags/audited", token: admin,
                json: ["definition": ["name": "audited", "enabled": true, "type": "kill-switch"], "version": 1])
            _ = try await perform("disableFlag", action: "flag.disable", .post, "/v1/flags/audited/disable", token: admin)
            _ = try await perform("enableFlag", action: "flag.enable", .post, "/v1/flags/audited/enable", token: admin)
            _ = try await perform("deleteFlag", action: "flag.delete", .delete, "/v1/flags/audited", token: admin)
            _ = try await perform(
                "importFlags", action: "flag.import", .post, "/v1/flags/import", token: admin,
                json: ["version": 1, "features": [["name": "imported", "enabled": false]]])
            let project = try await perform(
                "createProject", action: "project.create", .post, "/v1/projects", token: fixture[.editor].accessToken,
                json: ProjectsAPITests.body())
            let projectID = try #require(project.json["id"] as? String)
            // Workers are off: the first run waits, so it can be cancelled and retried.
            let runID = try #require((project.json["latestRun"] as? [String: Any])?["id"] as? String)
            let editor = fixture[.editor].accessToken
            _ = try await perform("cancelReportRun", action: "report.cancel", .post, "/v1/runs/\(runID)/cancel", token: editor)
            _ = try await perform("retryReportRun", action: "report.retry", .post, "/v1/runs/\(runID)/retry", token: editor)
            #expect(try await fixture.call(.post, "/v1/runs/\(runID)/cancel", token: editor).status == .ok)
            _ = try await perform(
                "startReportRun", action: "report.start", .post, "/v1/projects/\(projectID)/reports", token: editor)
            _ = try await perform(
                "createReportExport", action: "report-export.create", .post, "/v1/reports/exports", token: editor,
                json: ["projectIds": [projectID], "formats": ["pdf"]])
            _ = try await perform(
                "updateProject", action: "project.update", .put, "/v1/projects/\(projectID)", token: fixture[.editor].accessToken,
                json: ProjectsAPITests.body(name: "Renamed"))
            _ = try await perform(
                "deleteProject", action: "project.delete", .delete, "/v1/projects/\(projectID)", token: fixture[.editor].accessToken)
            let template = try await perform(
                "uploadReportTemplate", action: "report-template.create", .post, "/v1/report-templates?name=Client",
                token: editor, file: (try ReportTemplates.sample(), ReportFileFormat.docx.mediaType))
            _ = try await perform(
                "deleteReportTemplate", action: "report-template.delete", .delete,
                "/v1/report-templates/\(template.json["id"] as? String ?? "")", token: editor)
            _ = try await perform(
                "changeMemberRole", action: "member.change-role", .patch, "/v1/members/\(fixture[.editor].id)", token: owner,
                json: ["role": "viewer"])
            let key = try await perform(
                "createAPIKey", action: "api-key.create", .post, "/v1/api-keys", token: admin, json: ["name": "ci", "role": "editor"])
            let keyID = try #require((key.json["apiKey"] as? [String: Any])?["id"] as? String)
            _ = try await perform("revokeAPIKey", action: "api-key.revoke", .delete, "/v1/api-keys/\(keyID)", token: admin)
            let invitation = try await perform(
                "createInvitation", action: "invitation.create", .post, "/v1/invitations", token: admin,
                json: ["email": "new@acme.test", "role": "viewer"])
            let token = try #require(invitation.json["token"] as? String)
            _ = try await perform(
                "acceptInvitation", action: "invitation.accept", .post, "/v1/invitations/\(token)/accept", token: nil,
                json: ["password": "a long new password"])
            let second = try await fixture.call(
                .post, "/v1/invitations", token: admin, json: ["email": "late@acme.test", "role": "viewer"])
            let secondID = try #require((second.json["invitation"] as? [String: Any])?["id"] as? String)
            _ = try await perform("revokeInvitation", action: "invitation.revoke", .delete, "/v1/invitations/\(secondID)", token: admin)
            _ = try await perform("removeMember", action: "member.remove", .delete, "/v1/members/\(fixture[.viewer].id)", token: admin)
            _ = try await perform(
                "changePassword", action: "account.change-password", .post, "/v1/me/password", token: admin,
                json: ["currentPassword": AccessFixture.password, "newPassword": "another long password"])
            let login = try await perform(
                "login", action: "auth.login", .post, "/v1/auth/login", token: nil,
                json: ["email": "new@acme.test", "password": "a long new password"])
            let refreshed = try await perform(
                "refreshSession", action: "auth.refresh", .post, "/v1/auth/refresh", token: nil,
                json: ["refreshToken": login.json["refreshToken"] as! String])
            _ = try await perform(
                "logout", action: "auth.logout", .post, "/v1/auth/logout", token: nil,
                json: ["refreshToken": refreshed.json["refreshToken"] as! String])

            let browser = try await perform(
                "startBrowserSession", action: "auth.login", .post, "/v1/auth/session", token: nil,
                json: ["email": "new@acme.test", "password": "a long new password"])
            let first = try BrowserSessionTests.sessionCookie(browser).value
            let renewed = try await perform(
                "refreshBrowserSession", action: "auth.refresh", .post, "/v1/auth/session/refresh", token: nil,
                json: [String: Any](), headers: BrowserSessionTests.cookie(first))
            _ = try await perform(
                "endBrowserSession", action: "auth.logout", .post, "/v1/auth/session/logout", token: nil,
                json: [String: Any](), headers: BrowserSessionTests.cookie(try BrowserSessionTests.sessionCookie(renewed).value))

            let service = try await perform(
                "createService", action: "service.create", .post, "/v1/services", token: owner, json: BoardAPITests.service("OIL001"))
            let serviceID = try #require(service.json["id"] as? String)
            _ = try await perform(
                "updateService", action: "service.update", .put, "/v1/services/\(serviceID)", token: owner,
                json: BoardAPITests.service("OIL001", price: 59))
            _ = try await perform(
                "importServices", action: "service.create", .post, "/v1/services/import", token: owner,
                file: (Data("code,name,durationMinutes,price\nTIRE001,Tyres,45,35\n".utf8), "text/csv"))
            let appointment = try await perform(
                "createAppointment", action: "appointment.create", .post, "/v1/appointments", token: owner,
                json: BoardAPITests.appointment(["OIL001"]))
            let appointmentID = try #require(appointment.json["id"] as? String)
            _ = try await perform(
                "updateAppointment", action: "appointment.update", .put, "/v1/appointments/\(appointmentID)", token: owner,
                json: BoardAPITests.appointment(["OIL001", "TIRE001"]), headers: [.ifMatch: "\"1\""])
            _ = try await perform(
                "moveAppointment", action: "appointment.move", .post, "/v1/appointments/\(appointmentID)/move", token: owner,
                json: ["status": "checked_in"], headers: [.ifMatch: "\"2\""])
            _ = try await perform(
                "deleteAppointment", action: "appointment.delete", .delete, "/v1/appointments/\(appointmentID)", token: owner)
            _ = try await perform("deleteService", action: "service.delete", .delete, "/v1/services/\(serviceID)", token: owner)
            _ = try await perform(
                "updateBoardSettings", action: "board.settings", .put, "/v1/board/settings", token: admin,
                json: ["timeZone": "Europe/Madrid", "columns": [["status": "in_progress", "name": "Working", "wipLimit": 3]]])
            _ = try await perform(
                "updateAISettings", action: "ai.settings", .put, "/v1/ai/settings", token: admin,
                json: ["order": ["anthropic"], "providers": [["provider": "anthropic", "apiKey": "sk-ant-audited-1234"]]])
            let link = try await perform(
                "createDisplayLink", action: "display-link.create", .post, "/v1/board/display-links", token: admin,
                json: ["name": "Shop screen"])
            _ = try await perform(
                "deleteDisplayLink", action: "display-link.delete", .delete,
                "/v1/board/display-links/\(link.json["id"] as? String ?? "")", token: admin)

            let form = try await perform(
                "createForm", action: "form.create", .post, "/v1/forms", token: owner,
                json: ["name": "Intake", "definition": FormsAPITests.definition])
            let formID = try #require(form.json["id"] as? String)
            _ = try await perform(
                "updateForm", action: "form.update", .put, "/v1/forms/\(formID)", token: owner,
                json: ["name": "Intake 2", "definition": FormsAPITests.definition])
            _ = try await perform("publishForm", action: "form.publish", .post, "/v1/forms/\(formID)/publish", token: owner)
            let fed = try await fixture.call(.post, "/v1/projects", token: owner, json: ProjectsAPITests.body(name: "Fed"))
            _ = try await perform(
                "setFormFeed", action: "form.connect", .put, "/v1/forms/\(formID)/feed", token: owner,
                json: ["projectId": try #require(fed.json["id"] as? String), "peerField": "plate"])
            _ = try await perform("deleteFormFeed", action: "form.disconnect", .delete, "/v1/forms/\(formID)/feed", token: owner)
            let formLink = try await perform(
                "createFormLink", action: "form-link.create", .post, "/v1/forms/\(formID)/links", token: owner, json: ["name": "Shop"])
            _ = try await perform(
                "revokeFormLink", action: "form-link.revoke", .delete,
                "/v1/forms/\(formID)/links/\((formLink.json["link"] as? [String: Any])?["id"] as? String ?? "")", token: owner)
            _ = try await perform("deleteForm", action: "form.delete", .delete, "/v1/forms/\(formID)", token: owner)

            // Every mutating operation of the document is covered here, except the first-run
            // setup, which SetupTests checks the same way; flag evaluation and a project draft's
            // check, which are POSTs only to carry their input; realtime tickets, 60-second single-use stand-ins for
            // the caller's own credential; marking one's own notifications read; and answering a
            // form or saving answers to finish later, as a member or through a public link
            // (content, announced on the form's topic, not administrative changes).
            let mutating = try OpenAPIContract.versionedOperations().filter { $0.method != "GET" }.map(\.id)
            #expect(
                Set(mutating).subtracting(done.keys)
                    == [
                        "completeSetup", "evaluateFlags", "validateProject", "createRealtimeTicket", "markNotificationsRead", "submitForm",
                        "saveFormProgress", "submitPublicForm", "savePublicFormProgress",
                    ])

            for (operationID, action) in done {
                let entries = try await fixture.auditEntries(requestID: "audit-\(operationID)")
                #expect(entries.count == 1, "\(operationID) wrote \(entries.count) entries")
                #expect(try entries.first?.decode("action", as: String.self) == action, "\(operationID)")
                #expect(try entries.first?.decode("workspace_id", as: String.self) == fixture.workspaceID, "\(operationID)")
            }
            // Refusals change nothing and leave nothing.
            let refused = try await fixture.call(
                .patch, "/v1/workspace", token: fixture[.admin].accessToken, json: ["name": "Hijacked"],
                headers: Self.requestID("refused"))
            #expect(refused.status == .forbidden && refused.problemType == "forbidden")
            #expect(try await fixture.auditEntries(requestID: "audit-refused").isEmpty)
        }
    }

    @Test("admins read the log filtered and page by page; it is append-only", arguments: TestDatabases.dialects)
    func readingTheLog(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect) { fixture in
            let owner = fixture[.owner].accessToken
            for name in ["One", "Two", "Three"] {
                _ = try await fixture.call(.patch, "/v1/workspace", token: owner, json: ["name": name])
            }
            let page = try await fixture.call(.get, "/v1/audit?action=workspace.rename&limit=2", token: fixture[.admin].accessToken)
            #expect(page.status == .ok)
            let items = try #require(page.json["items"] as? [[String: Any]])
            #expect(items.map { ($0["summary"] as? [String: String])?["name"] } == ["Three", "Two"])
            #expect((items[0]["actor"] as? [String: Any])?["id"] as? String == fixture[.owner].id)
            #expect(items[0]["requestId"] is String)
            let cursor = try #require(page.json["nextCursor"] as? String)
            let next = try await fixture.call(
                .get, "/v1/audit?action=workspace.rename&limit=2&cursor=\(cursor)", token: fixture[.admin].accessToken)
            #expect((next.json["items"] as? [[String: Any]])?.count == 1)
            #expect(next.json["nextCursor"] is NSNull, "the last page has a null cursor")
            let badCursor = try await fixture.call(.get, "/v1/audit?cursor=abc", token: owner)
            #expect(badCursor.status == .badRequest && badCursor.problemType == "bad-request")
            // Sign-ins are there too; another workspace's entries are not.
            let logins = try await fixture.call(.get, "/v1/audit?action=auth.login", token: owner)
            #expect((logins.json["items"] as? [[String: Any]])?.count == Role.allCases.count)

            await #expect(throws: (any Error).self) {
                try await fixture.database.execute("UPDATE audit_log SET action = 'forged'")
            }
            await #expect(throws: (any Error).self) {
                try await fixture.database.execute("DELETE FROM audit_log")
            }
        }
    }
}
