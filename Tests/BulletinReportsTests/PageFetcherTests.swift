import BulletinTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import BulletinReports

@Suite("Fetching pages")
struct PageFetcherTests {
    /// Loopback allowed, as for a fixture site on this machine; private networks not. The
    /// timeouts leave room for a loaded machine; `impatient` waits 4 seconds, for the slow
    /// page (which answers after 15: under the full suite's load a normal page has taken more
    /// than a second).
    static let fetcher = PageFetcher(policy: AddressPolicy(allowsLoopback: true, allowsPrivate: false))
    static let impatient = PageFetcher(
        policy: AddressPolicy(allowsLoopback: true, allowsPrivate: false), connectTimeout: .seconds(5), totalTimeout: .seconds(4))

    /// A local site: a normal page, a slow one, a missing one, redirects (to itself, to inside
    /// addresses, in a loop) and an enormous page.
    static func withFixtureSite(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.get("/page") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "<title>Fixture</title><h1>Hello</h1>")))
        }
        router.get("/slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(15))
            return "late"
        }
        router.get("/missing") { _, _ in Response(status: .notFound) }
        router.get("/hop") { _, _ in Response(status: .found, headers: [.location: "/page"]) }
        router.get("/loop") { _, _ in Response(status: .found, headers: [.location: "/loop"]) }
        router.get("/to-private") { _, _ in Response(status: .found, headers: [.location: "http://10.0.0.1/admin"]) }
        router.get("/to-metadata") { _, _ in
            Response(status: .temporaryRedirect, headers: [.location: "http://169.254.169.254/latest/meta-data/"])
        }
        router.get("/enormous") { _, _ in
            let chunk = ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 * 1024)
            return Response(
                status: .ok, headers: [.contentType: "text/html"],
                body: ResponseBody { writer in
                    for _ in 0..<48 { try await writer.write(chunk) }  // 3 MiB
                    try await writer.finish(nil)
                })
        }
        try await Application(router: router).test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)")
        }
    }

    @Test("a page is fetched, through a redirect, and a 404 is reported with its status")
    func pages() async throws {
        try await Self.withFixtureSite { site in
            let page = try await Self.fetcher.fetch(URL(string: site + "/hop")!)
            #expect(page.status == 200)
            #expect(page.url.absoluteString == site + "/page")
            #expect(page.contentType == "text/html; charset=utf-8")
            #expect(PageReader.facts(html: page.body, url: page.url).title == "Fixture")
            #expect(try await Self.fetcher.fetch(URL(string: site + "/missing")!).status == 404)
        }
    }

    @Test("a slow page times out, a loop of redirects stops, an enormous page is cut at 2 MB")
    func limits() async throws {
        try await Self.withFixtureSite { site in
            await #expect(throws: FetchError.timedOut) { try await Self.impatient.fetch(URL(string: site + "/slow")!) }
            await #expect(throws: FetchError.tooManyRedirects) { try await Self.fetcher.fetch(URL(string: site + "/loop")!) }
            let page = try await Self.fetcher.fetch(URL(string: site + "/enormous")!)
            #expect(page.truncated)
            #expect(page.body.count == PageFetcher.maximumBytes)
        }
    }

    @Test("redirects to private or metadata addresses are refused before connecting")
    func redirectsInside() async throws {
        try await Self.withFixtureSite { site in
            for path in ["/to-private", "/to-metadata"] {
                do {
                    _ = try await Self.fetcher.fetch(URL(string: site + path)!)
                    Issue.record("\(path) was followed")
                } catch {
                    guard case FetchError.refusedAddress = error else {
                        Issue.record("\(path): \(error)")
                        continue
                    }
                }
            }
        }
    }

    @Test("the default policy refuses loopback, also by name, and other schemes")
    func publicOnly() async throws {
        try await Self.withFixtureSite { site in
            let strict = PageFetcher(policy: .publicOnly)
            for url in [site + "/page", site.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "/page"] {
                do {
                    _ = try await strict.fetch(URL(string: url)!)
                    Issue.record("\(url) was fetched")
                } catch {
                    guard case FetchError.refusedAddress = error else {
                        Issue.record("\(url): \(error)")
                        continue
                    }
                }
            }
            await #expect(throws: FetchError.unsupportedAddress("ftp://files.example/a")) {
                try await strict.fetch(URL(string: "ftp://files.example/a")!)
            }
        }
    }

    @Test("the address policy: public addresses pass; inside, link-local and metadata ones do not")
    func policy() {
        let strict = AddressPolicy.publicOnly
        for address in [
            "127.0.0.1", "::1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "::ffff:10.0.0.1",
            "fe80::1", "0.0.0.0", "100.64.0.1", "fd12::1", "224.0.0.1",
        ] {
            #expect(strict.refusal(of: address) != nil, "\(address)")
        }
        for address in ["93.184.216.34", "2606:4700::1111", "8.8.8.8"] {
            #expect(strict.refusal(of: address) == nil, "\(address)")
        }
        let loopback = AddressPolicy(allowsLoopback: true, allowsPrivate: false)
        #expect(loopback.refusal(of: "127.0.0.1") == nil)
        #expect(loopback.refusal(of: "169.254.169.254") != nil)
        #expect(loopback.refusal(of: "10.0.0.1") != nil)
        let inside = AddressPolicy(allowsLoopback: true, allowsPrivate: true)
        #expect(inside.refusal(of: "10.0.0.1") == nil)
        #expect(inside.refusal(of: "169.254.169.254") != nil)
    }

    @Test("fetches of one host share a client and its connections; other timeouts get their own")
    func sharedClients() async throws {
        try await Self.withFixtureSite { base in
            var fetcher = Self.fetcher
            fetcher.clients = PinnedClients()
            var impatient = Self.impatient
            impatient.clients = fetcher.clients
            for path in ["/page", "/hop", "/page"] {
                let page = try await fetcher.fetch(URL(string: base + path)!)
                #expect(page.status == 200 && String(decoding: page.body, as: UTF8.self).contains("Hello"))
            }
            #expect(fetcher.clients.count == 1)
            #expect(try await impatient.fetch(URL(string: base + "/page")!).status == 200)
            #expect(fetcher.clients.count == 2)
            try await fetcher.clients.shutdown()
            #expect(fetcher.clients.count == 0)
        }
    }
}
