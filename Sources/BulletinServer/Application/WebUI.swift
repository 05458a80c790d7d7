import HTTPTypes
import Hummingbird
import NIOCore

/// The web UI: static HTML, CSS and ES modules compiled into the binary, served at `/` (to
/// browsers, which ask for HTML) and `/ui/{file}`, and the shop screen's read-only board at
/// `/display` and the public answering page of a form at `/respond` (their links' tokens follow
/// in the fragment, which is never sent). It
/// talks only to the public `/v1` API.
/// No build step and no third-party code; the page's policy allows its own origin only.
struct WebUI: Sendable {
    /// The files under `/ui/`, with their types.
    private let files: [String: (type: String, bytes: ByteBuffer)]
    private let index: ByteBuffer
    private let display: ByteBuffer
    private let respond: ByteBuffer

    init() {
        func buffer(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }
        index = buffer(PackageResources.index_html)
        display = buffer(PackageResources.display_html)
        respond = buffer(PackageResources.respond_html)
        let script = "text/javascript; charset=utf-8"
        files = [
            "app.css": ("text/css; charset=utf-8", buffer(PackageResources.app_css)),
            "app.js": (script, buffer(PackageResources.app_js)),
            "api.js": (script, buffer(PackageResources.api_js)),
            "dom.js": (script, buffer(PackageResources.dom_js)),
            "projects.js": (script, buffer(PackageResources.projects_js)),
            "project.js": (script, buffer(PackageResources.project_js)),
            "setup.js": (script, buffer(PackageResources.setup_js)),
            "run.js": (script, buffer(PackageResources.run_js)),
            "fields.js": (script, buffer(PackageResources.fields_js)),
            "wizard.js": (script, buffer(PackageResources.wizard_js)),
            "jobs.js": (script, buffer(PackageResources.jobs_js)),
            "exports.js": (script, buffer(PackageResources.exports_js)),
            "schedule.js": (script, buffer(PackageResources.schedule_js)),
            "cards.js": (script, buffer(PackageResources.cards_js)),
            "board.js": (script, buffer(PackageResources.board_js)),
            "services.js": (script, buffer(PackageResources.services_js)),
            "display.js": (script, buffer(PackageResources.display_js)),
            "usage.js": (script, buffer(PackageResources.usage_js)),
            "json-logic.js": (script, buffer(PackageResources.json_logic_js)),
            "form-engine.js": (script, buffer(PackageResources.form_engine_js)),
            "form-render.js": (script, buffer(PackageResources.form_render_js)),
            "form-fields.js": (script, buffer(PackageResources.form_fields_js)),
            "forms.js": (script, buffer(PackageResources.forms_js)),
            "form-builder.js": (script, buffer(PackageResources.form_builder_js)),
            "form-properties.js": (script, buffer(PackageResources.form_properties_js)),
            "form-rules.js": (script, buffer(PackageResources.form_rules_js)),
            "respond.js": (script, buffer(PackageResources.respond_js)),
            "favicon.svg": ("image/svg+xml", buffer(PackageResources.favicon_svg)),
        ]
    }

    /// Every script's and style sheet's size, for the budget the UI keeps (under 320 KB in all;
    /// what a page loads at once under 125 KB, which `WebUITests` measures).
    var totalAssetBytes: Int {
        files.filter { $0.key.hasSuffix(".js") || $0.key.hasSuffix(".css") }.values.reduce(0) { $0 + $1.bytes.readableBytes }
    }

    func register(on router: Router<BulletinRequestContext>) {
        router.get("/ui/:file") { _, context -> Response in
            guard let name = context.parameters.get("file"), let file = files[name] else {
                throw APIError(.notFound, detail: "No such file.")
            }
            return Self.response(file.bytes, type: file.type)
        }
        router.get("/display") { _, _ in Self.response(display, type: "text/html; charset=utf-8") }
        router.get("/respond") { _, _ in Self.response(respond, type: "text/html; charset=utf-8") }
    }

    /// Whether a request for `/` comes from a browser (it asks for HTML), not an API client.
    static func wantsPage(_ request: Request) -> Bool {
        request.headers[.accept]?.contains("text/html") == true
    }

    /// The page every route of the UI starts from.
    func page() -> Response {
        Self.response(index, type: "text/html; charset=utf-8")
    }

    /// The files change only with the binary; browsers check back each time (cheap: they are
    /// small and served from memory).
    private static func response(_ bytes: ByteBuffer, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
            body: .init(byteBuffer: bytes))
    }
}
