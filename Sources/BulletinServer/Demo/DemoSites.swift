import Foundation
import Hummingbird
import Synchronization

/// The demo's sample websites, served by the binary at `/demo/sites/{site}` so that a report
/// runs offline on a fresh machine. Four made-up team chat products, each with a title,
/// a description, headings, prices and a feature list, as a real product page has.
final class DemoSites: Sendable {
    /// One sample product and its page.
    struct Site: Sendable {
        let slug: String
        let name: String
        let tagline: String
        let prices: [String]
        let features: [String]
    }

    static let sites: [Site] = [
        Site(
            slug: "harbour", name: "Harbour Chat", tagline: "Team chat that keeps every decision findable.",
            prices: ["Free for up to 10 people", "Team: $6 per user / month", "Business: $12 per user / month"],
            features: [
                "Threads and channels", "Full-text search across all history", "Video calls with screen sharing",
                "Single sign-on (SAML)", "Audit log export", "Guest accounts",
            ]),
        Site(
            slug: "lantern", name: "Lantern", tagline: "Chat, calls and docs for fast teams.",
            prices: ["Starter: $8 per user / month", "Pro: $15 per user / month"],
            features: [
                "Threads and channels", "Video calls with screen sharing", "Shared documents",
                "Single sign-on (SAML)", "Workflow automation",
            ]),
        Site(
            slug: "pigeonpost", name: "Pigeon Post", tagline: "Simple, private messaging for small teams.",
            prices: ["Everything included: $4 per user / month"],
            features: ["Threads and channels", "End-to-end encryption", "Guest accounts"]),
        Site(
            slug: "beacon", name: "Beacon", tagline: "The enterprise messaging platform.",
            prices: ["Enterprise: $20 per user / month"],
            features: [
                "Threads and channels", "Full-text search across all history", "Single sign-on (SAML)",
                "Audit log export", "Data residency in the EU", "Workflow automation",
            ]),
    ]

    /// Whether the sites are served.
    let enabled: Bool
    private let listeningPort = Mutex<Int?>(nil)

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// The port the sites are served on once the server listens; `nil` when not serving them.
    var port: Int? { listeningPort.withLock { $0 } }

    /// Records the port the server listens on.
    func serving(on port: Int) {
        guard enabled else { return }
        listeningPort.withLock { $0 = port }
    }

    /// A site's address on this server.
    func url(of site: Site) -> String? {
        port.map { "http://127.0.0.1:\($0)/demo/sites/\(site.slug)" }
    }

    /// Registers `GET /demo/sites/{site}` when the demo is on.
    func register(on router: Router<BulletinRequestContext>) {
        guard enabled else { return }
        router.get("/demo/sites/:site") { _, context -> Response in
            guard let slug = context.parameters.get("site"), let site = Self.sites.first(where: { $0.slug == slug }) else {
                throw APIError(.notFound, detail: "No such demo site.")
            }
            var response = Response(status: .ok, body: .init(byteBuffer: .init(string: Self.page(site))))
            response.headers[.contentType] = "text/html; charset=utf-8"
            return response
        }
    }

    /// The site's page. The names and texts are constants above, so they need no escaping.
    static func page(_ site: Site) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(site.name): \(site.tagline)</title>
        <meta name="description" content="\(site.tagline)"></head>
        <body><nav><ul><li><a href="#pricing">Pricing</a></li><li><a href="#features">Features</a></li></ul></nav>
        <main><h1>\(site.name)</h1><p>\(site.tagline)</p>
        <h2 id="features">Features</h2><ul>\(site.features.map { "<li>\($0)</li>" }.joined())</ul>
        <h2 id="pricing">Pricing</h2>\(site.prices.map { "<p>\($0)</p>" }.joined())
        </main><footer><p>A sample site served by Bulletin's demo.</p></footer></body></html>
        """
    }
}
