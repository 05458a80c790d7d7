import BulletinApp
import BulletinServer
import BulletinServerTestSupport
import BulletinStore
import BulletinTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Front door: security headers and CORS")
struct FrontDoorTests {
    static let origin = HTTPField.Name("Origin")!
    static let allowOrigin = HTTPField.Name("Access-Control-Allow-Origin")!
    static let requestMethod = HTTPField.Name("Access-Control-Request-Method")!

    @Test("every response, errors included, carries the hardening headers")
    func securityHeaders() async throws {
        try await withTestApplication(.sqlite) { client, _ in
            for uri in ["/healthz", "/no-such-page"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'self'") == true)
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    #expect(response.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true)
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                    #expect(response.headers[HTTPField.Name("Permissions-Policy")!] != nil)
                    #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
                }
            }
            try await client.execute(
                uri: "/healthz", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"]
            ) { response in
                #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!]?.hasPrefix("max-age=") == true)
            }
        }
    }

    @Test("CORS is off by default: no CORS headers, preflights refused")
    func corsOff() async throws {
        try await withTestApplication(.sqlite) { client, _ in
            try await client.execute(uri: "/healthz", method: .get, headers: [Self.origin: "https://evil.example"]) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[Self.allowOrigin] == nil)
            }
            try await client.execute(
                uri: "/v1/system/info", method: .options,
                headers: [Self.origin: "https://evil.example", Self.requestMethod: "GET"]
            ) { response in
                #expect(response.status == .forbidden)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/origin-not-allowed")
            }
        }
    }

    @Test("an allowed origin gets its preflight answered and its responses shared")
    func corsAllowed() async throws {
        try await withTestApplication(.sqlite, configure: { $0.corsAllowedOrigins = ["https://app.example.com"] }) { client, _ in
            try await client.execute(
                uri: "/v1/setup", method: .options,
                headers: [Self.origin: "https://app.example.com", Self.requestMethod: "POST"]
            ) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[Self.allowOrigin] == "https://app.example.com")
                #expect(response.headers[HTTPField.Name("Access-Control-Allow-Methods")!]?.contains("POST") == true)
                #expect(response.headers[HTTPField.Name("Access-Control-Allow-Headers")!]?.contains("Authorization") == true)
                #expect(response.headers[HTTPField.Name("Vary")!] == "Origin")
            }
            try await client.execute(uri: "/v1/system/info", method: .get, headers: [Self.origin: "https://app.example.com"]) {
                response in
                // A refusal is shared with the allowed origin too, so its script can read the problem.
                #expect(response.status == .unauthorized)
                let problem = try Problem(response)
                #expect(problem.type == "https://bulletin.dev/problems/unauthenticated")
                #expect(response.headers[Self.allowOrigin] == "https://app.example.com")
                #expect(response.headers[HTTPField.Name("Access-Control-Expose-Headers")!]?.contains("X-Request-ID") == true)
            }
            try await client.execute(uri: "/v1/system/info", method: .get, headers: [Self.origin: "https://app.example.com.evil"]) {
                response in
                #expect(response.headers[Self.allowOrigin] == nil)
            }
        }
    }

    @Test(
        "allowed origins must be origins",
        arguments: ["app.example.com", "https://app.example.com/", "ftp://x.example", "https://a.example/path"])
    func invalidOrigins(value: String) {
        #expect(throws: ConfigurationError.self) {
            try BulletinConfiguration.load(flags: ["cors-allowed-origins": value], environment: [:])
        }
    }

    @Test("a list of origins is read, trimmed and lower-cased")
    func originList() throws {
        let configuration = try BulletinConfiguration.load(
            flags: ["cors-allowed-origins": "https://App.Example.com, http://localhost:3000"], environment: [:])
        #expect(configuration.corsAllowedOrigins == ["https://app.example.com", "http://localhost:3000"])
    }
}
