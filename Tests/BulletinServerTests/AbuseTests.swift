import BulletinApp
import BulletinCore
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import BulletinServer

/// Brute force against sign-in, and the API's rate limit.
@Suite("Abuse limits")
struct AbuseTests {
    static func from(_ address: String) -> HTTPFields { [HTTPField.Name("X-Forwarded-For")!: address] }

    @Test(
        "repeated bad passwords lock the account out, from every address, until the lockout ends",
        arguments: TestDatabases.dialects)
    func bruteForce(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, configure: { $0.trustsForwardedFor = true }) { fixture in
            let email = fixture[.editor].email
            var statuses: [HTTPResponse.Status] = []
            var retryAfter: Int?
            for _ in 0..<10 {
                let reply = try await fixture.call(
                    .post, "/v1/auth/login", json: ["email": email, "password": "guess guess guess"],
                    headers: Self.from("203.0.113.7"))
                statuses.append(reply.status)
                if reply.status == .tooManyRequests { retryAfter = reply.headers[.retryAfter].flatMap { Int($0) } }
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(statuses.dropFirst(5).allSatisfy { $0 == .tooManyRequests })
            let wait = try #require(retryAfter)
            #expect(wait > 0)

            // The right password from another address is still refused while the lockout lasts.
            let good = ["email": email, "password": AccessFixture.password]
            let locked = try await fixture.call(.post, "/v1/auth/login", json: good, headers: Self.from("198.51.100.2"))
            #expect(locked.status == .tooManyRequests && locked.problemType == "rate-limited")
            #expect(locked.headers[.retryAfter] != nil)
            // Other accounts are not affected.
            let other = try await fixture.call(
                .post, "/v1/auth/login", json: ["email": fixture[.viewer].email, "password": AccessFixture.password],
                headers: Self.from("198.51.100.2"))
            #expect(other.status == .ok)

            fixture.clock.advance(by: TimeInterval(wait + 1))
            let after = try await fixture.call(.post, "/v1/auth/login", json: good, headers: Self.from("198.51.100.2"))
            #expect(after.status == .ok)
        }
    }

    @Test("an address that fails too often is locked out whichever accounts it tries")
    func addressLockout() async throws {
        try await AccessFixture.run(.sqlite, configure: { $0.trustsForwardedFor = true }) { fixture in
            for attempt in 0..<LockoutPolicy.address.threshold {
                let reply = try await fixture.call(
                    .post, "/v1/auth/login", json: ["email": "nobody\(attempt)@acme.test", "password": "guess guess guess"],
                    headers: Self.from("192.0.2.9"))
                #expect(reply.status == .unauthorized && reply.problemType == "invalid-credentials")
            }
            let good = ["email": fixture[.viewer].email, "password": AccessFixture.password]
            let locked = try await fixture.call(.post, "/v1/auth/login", json: good, headers: Self.from("192.0.2.9"))
            #expect(locked.status == .tooManyRequests && locked.problemType == "rate-limited")
            #expect(try await fixture.call(.post, "/v1/auth/login", json: good, headers: Self.from("192.0.2.10")).status == .ok)
        }
    }

    @Test("failures against one account from many addresses lock the account, not those addresses", arguments: TestDatabases.dialects)
    func accountLockoutFromManyAddresses(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, configure: { $0.trustsForwardedFor = true }) { fixture in
            let target = fixture[.editor].email
            let addresses = (1...LockoutPolicy.account.threshold).map { "198.51.100.\($0)" }
            for address in addresses {
                let reply = try await fixture.call(
                    .post, "/v1/auth/login", json: ["email": target, "password": "guess guess guess"], headers: Self.from(address))
                #expect(reply.status == .unauthorized && reply.problemType == "invalid-credentials", "\(address)")
            }
            // The account is locked wherever the right password comes from...
            let good = ["email": target, "password": AccessFixture.password]
            let locked = try await fixture.call(.post, "/v1/auth/login", json: good, headers: Self.from("203.0.113.50"))
            #expect(locked.status == .tooManyRequests && locked.problemType == "rate-limited")
            // ...while each address that tried it still signs in to other accounts.
            for address in addresses {
                let other = try await fixture.call(
                    .post, "/v1/auth/login", json: ["email": fixture[.viewer].email, "password": AccessFixture.password],
                    headers: Self.from(address))
                #expect(other.status == .ok, "\(address): \(other.json)")
            }
        }
    }

    @Test("failures from one address across many accounts lock the address, not those accounts", arguments: TestDatabases.dialects)
    func addressLockoutAcrossAccounts(dialect: SQLDialect) async throws {
        try await AccessFixture.run(dialect, configure: { $0.trustsForwardedFor = true }) { fixture in
            let attacker = Self.from("192.0.2.66")
            // Every real account once, the rest addresses that have no account.
            let real = Role.allCases.map { fixture[$0].email }
            let emails = real + (real.count..<LockoutPolicy.address.threshold).map { "nobody\($0)@acme.test" }
            for email in emails {
                let reply = try await fixture.call(
                    .post, "/v1/auth/login", json: ["email": email, "password": "guess guess guess"], headers: attacker)
                #expect(reply.status == .unauthorized && reply.problemType == "invalid-credentials", "\(email)")
            }
            // The address is locked, even with a right password...
            let fromAttacker = try await fixture.call(
                .post, "/v1/auth/login", json: ["email": fixture[.viewer].email, "password": AccessFixture.password],
                headers: attacker)
            #expect(fromAttacker.status == .tooManyRequests && fromAttacker.problemType == "rate-limited")
            #expect(fromAttacker.headers[.retryAfter] != nil)
            // ...while every account it tried signs in from elsewhere.
            for email in real {
                let reply = try await fixture.call(
                    .post, "/v1/auth/login", json: ["email": email, "password": AccessFixture.password],
                    headers: Self.from("203.0.113.9"))
                #expect(reply.status == .ok, "\(email): \(reply.json)")
            }
        }
    }

    @Test("each principal has a token bucket; every limited response says where it stands")
    func rateLimit() async throws {
        try await AccessFixture.run(
            .sqlite,
            configure: {
                $0.apiRateLimit = 3
                $0.trustsForwardedFor = true
            }
        ) { fixture in
            fixture.clock.advance(by: 60)  // refills the buckets the fixture's sign-ins used
            let token = fixture[.viewer].accessToken
            var remaining: [String] = []
            for _ in 0..<3 {
                let reply = try await fixture.call(.get, "/v1/workspace", token: token)
                #expect(reply.status == .ok)
                #expect(reply.headers[HTTPField.Name("RateLimit-Limit")!] == "3")
                remaining.append(reply.headers[HTTPField.Name("RateLimit-Remaining")!] ?? "")
            }
            #expect(remaining == ["2", "1", "0"])
            let refused = try await fixture.call(.get, "/v1/workspace", token: token)
            #expect(refused.status == .tooManyRequests && refused.problemType == "rate-limited")
            #expect(refused.headers[.retryAfter] == "20")
            #expect(refused.headers[HTTPField.Name("RateLimit-Reset")!] == "60")
            // Another principal has its own bucket.
            #expect(try await fixture.call(.get, "/v1/workspace", token: fixture[.editor].accessToken).status == .ok)
            fixture.clock.advance(by: 20)
            #expect(try await fixture.call(.get, "/v1/workspace", token: token).status == .ok)
        }
    }
}
