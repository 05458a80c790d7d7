import BulletinCore
import Foundation
import Testing

@Suite("Feature flags: evaluation")
struct FlagEvaluationTests {
    static func rollout(_ percent: Int) -> FlagSet {
        FlagSet(
            FlagCollection(features: [
                FlagDefinition(
                    name: "immediate-reports", enabled: true,
                    strategies: [
                        FlagStrategy(
                            name: "flexibleRollout",
                            parameters: ["rollout": "\(percent)", "stickiness": "userId", "groupId": "immediate-reports"])
                    ])
            ]))
    }

    @Test("a 30 % rollout enables 30 % ± 2 % of 10,000 users, each the same every time")
    func rolloutShare() {
        let flags = Self.rollout(30)
        let users = (0..<10_000).map { "user-\($0)" }
        let first = users.map { flags.isEnabled("immediate-reports", context: FlagContext(userId: $0)) }
        let share = Double(first.filter { $0 }.count) / Double(users.count)
        #expect(abs(share - 0.30) <= 0.02)
        let second = users.map { flags.isEnabled("immediate-reports", context: FlagContext(userId: $0)) }
        #expect(first == second)
        // Raising the rollout keeps everyone who was in.
        let wider = Self.rollout(60)
        #expect(
            zip(users, first).allSatisfy { user, was in
                !was || wider.isEnabled("immediate-reports", context: FlagContext(userId: user))
            })
    }

    @Test("MurmurHash3 x86 32 matches the reference vectors")
    func murmur() {
        #expect(MurmurHash3.hash32("", seed: 0) == 0)
        #expect(MurmurHash3.hash32("", seed: 1) == 0x514E_28B7)
        #expect(MurmurHash3.hash32("test", seed: 0) == 0xBA6B_D213)
        #expect(MurmurHash3.hash32("Hello, world!", seed: 1234) == 0xFAF6_CDB3)
        #expect(MurmurHash3.hash32("The quick brown fox jumps over the lazy dog", seed: 0) == 0x2E4F_F723)
    }

    @Test("semantic versions order by precedence and refuse what is not one")
    func semanticVersions() throws {
        let ordered = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "2.0.0",
        ]
        let versions = try ordered.map { try #require(SemanticVersion($0)) }
        #expect(versions == versions.sorted())
        #expect(zip(versions, versions.dropFirst()).allSatisfy { $0 < $1 })
        #expect(SemanticVersion("1.2.3+build.5") == SemanticVersion("1.2.3"))
        for invalid in ["v1.2.3", "1.2", "01.2.3", "1.2.3-", "1.2.3-01", "not a semver", ""] {
            #expect(SemanticVersion(invalid) == nil, "\(invalid)")
        }
    }

    @Test("networks contain their addresses, per family, and malformed ones parse to nothing")
    func networks() throws {
        let v4 = try #require(IPAddressRange("10.1.0.0/16"))
        #expect(v4.contains("10.1.255.7"))
        #expect(!v4.contains("10.2.0.1"))
        #expect(!v4.contains("::ffff:10.1.0.1"))
        let v6 = try #require(IPAddressRange("2001:db8::/33"))
        #expect(v6.contains("2001:db8:7fff::1"))
        #expect(!v6.contains("2001:db8:8000::1"))
        #expect(try #require(IPAddressRange("0.0.0.0/0")).contains("203.0.113.9"))
        for invalid in ["10.1.0.0/33", "10.1.0/8", "127.invalid", "::g", "10.0.0.0/", "10.0.0.0/+8"] {
            #expect(IPAddressRange(invalid) == nil, "\(invalid)")
        }
    }

    @Test("patterns with lookaround or backreferences are refused, as RE2 refuses them")
    func patterns() {
        #expect(FlagValidator.patternIsValid("^a[(?=]b$"))
        #expect(!FlagValidator.patternIsValid("^(?=a)b$"))
        #expect(!FlagValidator.patternIsValid("(?<!x)y"))
        #expect(!FlagValidator.patternIsValid("^(a)\\1$"))
        #expect(FlagValidator.patternIsValid("^\\\\1$"))
        #expect(!FlagValidator.patternIsValid("(regex"))
    }
}
