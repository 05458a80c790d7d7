import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// The web UI's files as the server serves them; the browser suite (Tests/WebUI, run by
/// scripts/test) drives the pages themselves in Chromium.
@Suite("Web UI files")
struct WebUITests {
    @Test("a browser gets the page at /, other clients the service index; files have their types; the budget holds")
    func files() async throws {
        try await AccessFixture.run(.sqlite) { fixture in
            let page = try await fixture.call(.get, "/", headers: [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"])
            #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains(#"<script type="module" src="/ui/app.js"></script>"#))
            // The page's policy forbids inline scripts and styles: it has none.
            #expect(!page.text.contains("<script>") && !page.text.contains("style="))
            #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.hasPrefix("default-src 'self'") == true)
            let index = try await fixture.call(.get, "/")
            #expect(index.json["name"] as? String == "Bulletin")

            for (file, type) in [
                ("app.js", "text/javascript"), ("project.js", "text/javascript"), ("app.css", "text/css"), ("favicon.svg", "image/svg+xml"),
            ] {
                let reply = try await fixture.call(.get, "/ui/\(file)")
                #expect(reply.status == .ok && reply.headers[.contentType]?.hasPrefix(type) == true, "\(file)")
            }
            // Every module a served module imports is served too. What the page loads at once
            // (app.js and its static imports, with the style sheet) keeps to the budget; modules
            // imported on demand (the forms' pages, `import("/ui/…")`) keep to a larger one.
            var pending = ["app.js", "respond.js"]
            var seen: Set<String> = []
            var shellBytes = 0
            var onDemand: Set<String> = []
            while let file = pending.popLast() {
                guard seen.insert(file).inserted else { continue }
                let reply = try await fixture.call(.get, "/ui/\(file)")
                #expect(reply.status == .ok, "\(file) is imported but not served")
                if !onDemand.contains(file) && file != "respond.js" { shellBytes += reply.data.count }
                let statics = reply.text.matches(of: /from "\/ui\/([a-z-]+\.js)"/).map { String($0.output.1) }
                let dynamics = reply.text.matches(of: /import\("\/ui\/([a-z-]+\.js)"\)/).map { String($0.output.1) }
                if onDemand.contains(file) || file == "respond.js" { onDemand.formUnion(statics) }
                onDemand.formUnion(dynamics)
                pending += statics + dynamics
            }
            #expect(seen.count >= 10)
            #expect(onDemand.contains("forms.js") && onDemand.contains("form-engine.js"))
            shellBytes += try await fixture.call(.get, "/ui/app.css").data.count
            #expect(shellBytes < 125_000, "the page's first load is \(shellBytes) bytes")
            #expect(WebUI().totalAssetBytes < 320_000)
            let missing = try await fixture.call(.get, "/ui/missing.js")
            #expect(missing.status == .notFound && missing.problemType == "not-found")
        }
    }
}
