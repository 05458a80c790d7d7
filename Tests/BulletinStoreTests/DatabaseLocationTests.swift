import NIOSSL
import Testing

@testable import BulletinStore

@Suite("Database URLs")
struct DatabaseLocationTests {
    @Test("sqlite URLs name a file")
    func sqlite() throws {
        #expect(try DatabaseLocation(url: "sqlite:data/x.sqlite") == .sqlite(path: "data/x.sqlite"))
        #expect(try DatabaseLocation(url: "sqlite:///tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        #expect(try DatabaseLocation(url: "sqlite:data/x.sqlite").dialect == .sqlite)
    }

    @Test("postgres URLs are parsed, and their password never printed")
    func postgres() throws {
        let location = try DatabaseLocation(url: "postgres://app:s3cr%40t@db.internal:6543/bulletin?sslmode=require")
        guard case .postgres(let postgres) = location else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(postgres.host == "db.internal")
        #expect(postgres.port == 6543)
        #expect(postgres.username == "app")
        #expect(postgres.password == "s3cr@t")
        #expect(postgres.database == "bulletin")
        #expect(postgres.tlsMode == .require)
        #expect(location.description == "postgres://app:***@db.internal:6543/bulletin?sslmode=require")
        #expect(!location.description.contains("s3cr"))
        let verified = try DatabaseLocation(url: "postgres://app@db/bulletin?sslmode=verify-full")
        #expect(verified.description.hasSuffix("sslmode=verify-full"))
        let defaults = try DatabaseLocation(url: "postgresql://app@localhost/bulletin")
        #expect(defaults.description == "postgres://app@localhost:5432/bulletin?sslmode=prefer")
    }

    @Test(
        "unusable URLs are refused with a reason",
        arguments: [
            ("mysql://a@b/c", "unsupported scheme"), ("postgres:///db", "needs a host"),
            ("postgres://host/db", "needs a user name"), ("postgres://a@b/c?sslmode=maybe", "sslmode must be"),
            ("postgres://a@b/c?timeout=3", "unknown URL parameter"), ("sqlite:", "needs a file path"),
            ("sqlite::memory:", "in-memory SQLite is not supported"), ("sqlite:file:x?mode=memory", "in-memory"),
            ("not a url", "expected postgres"),
        ])
    func invalid(url: String, reason: String) {
        #expect {
            try DatabaseLocation(url: url)
        } throws: { error in
            (error as? DatabaseLocation.InvalidURL)?.description.contains(reason) == true
        }
    }

    @Test("sslmode follows libpq: only verify-full checks the certificate")
    func tlsModes() {
        #expect(PostgresLocation.TLSMode.disable.tlsConfiguration == nil)
        #expect(PostgresLocation.TLSMode.prefer.tlsConfiguration?.certificateVerification == CertificateVerification.none)
        #expect(PostgresLocation.TLSMode.require.tlsConfiguration?.certificateVerification == CertificateVerification.none)
        #expect(PostgresLocation.TLSMode.verifyFull.tlsConfiguration?.certificateVerification == .fullVerification)
    }
}
