import BulletinBoard
import BulletinCore
import BulletinReports
import BulletinStore
import Foundation
import Logging

/// The demo's sample project: Harbour Chat compared with three peers whose websites
/// ``DemoSites`` serves, with attributes of every kind. Each workspace without projects gets it
/// when the demo server starts, and a workspace set up later gets it at once; its first report
/// starts like any project's. The demo's auto shop board comes with it.
enum DemoProject {
    /// The sample project, its websites on this server.
    static func draft(sites: DemoSites) -> ProjectDraft {
        func participant(_ slug: String, _ attributes: [String: AttributeValue]) -> Participant {
            let site = DemoSites.sites.first { $0.slug == slug }!
            return Participant(name: site.name, website: sites.url(of: site), attributes: attributes)
        }
        return ProjectDraft(
            name: "Sample: team chat products", description: "Harbour Chat against three rivals, from their websites and a few facts.",
            tags: ["sample"],
            subject: participant(
                "harbour",
                [
                    "rating": .number(4.6), "seats included": .number(10), "region": .text("EU and US"), "mobile apps": .boolean(true),
                ]),
            peers: [
                participant(
                    "lantern",
                    [
                        "rating": .number(4.4), "seats included": .number(3), "region": .text("US"), "mobile apps": .boolean(true),
                    ]),
                participant("pigeonpost", ["rating": .number(4.1), "seats included": .number(5), "region": .text("EU")]),
                participant(
                    "beacon",
                    [
                        "rating": .number(3.9), "seats included": .number(50), "region": .text("EU, US and APAC"),
                        "mobile apps": .boolean(true),
                    ]),
            ])
    }

    /// Gives each workspace without projects the sample project, started by its first owner.
    static func seedWorkspacesWithoutProjects(services: AppServices, logger: Logger) async {
        do {
            for (workspaceID, ownerID) in try await ProjectRepository(database: services.database).workspacesWithoutProjects() {
                try await seed(workspaceID: workspaceID, ownerID: ownerID, services: services)
            }
        } catch {
            logger.error("the demo's sample projects could not be created", metadata: ["error": "\(error)"])
        }
    }

    /// Gives each workspace with an empty catalog the demo's auto shop (``BoardDemo``).
    static func seedWorkspacesWithoutServices(services: AppServices, logger: Logger) async {
        do {
            for (workspaceID, ownerID) in try await ServiceRepository(database: services.database).workspacesWithoutServices() {
                try await BoardDemo.seed(
                    workspaceID: workspaceID, audit: audit(workspaceID: workspaceID, ownerID: ownerID), board: services.board,
                    now: services.clock.now())
            }
        } catch {
            logger.error("the demo's sample board could not be created", metadata: ["error": "\(error)"])
        }
    }

    /// Creates the sample project in a workspace and starts its report, and fills its board.
    static func seed(workspaceID: String, ownerID: String?, services: AppServices) async throws {
        let audit = audit(workspaceID: workspaceID, ownerID: ownerID)
        _ = try await services.reportRuns.createProject(
            draft(sites: services.demoSites), startsReport: true, audit: audit, now: services.clock.now(),
            in: services.database)
        try await BoardDemo.seed(workspaceID: workspaceID, audit: audit, board: services.board, now: services.clock.now())
    }

    /// The demo's changes are its owner's, or the system's when it has none.
    private static func audit(workspaceID: String, ownerID: String?) -> AuditScope {
        AuditScope(
            workspaceID: workspaceID,
            context: AuditContext(
                actorType: ownerID == nil ? "system" : "user", actorID: ownerID ?? "demo", requestID: nil, ip: nil, userAgent: nil))
    }
}
