import BulletinApp
import BulletinCore
import BulletinOpenAPI
import BulletinStore
import BulletinTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OpenAPIRuntime
import Synchronization
import Testing

@testable import BulletinClient

/// The typed client library: against the real server for the board's round trip, and against
/// a local fake for what is hard to make the server do (fail, throttle) when retries are tested.
@Suite("The typed client")
struct BulletinClientTests {
    @Test("books, reads the board, moves, and turns a stale move into a typed conflict carrying the card as it is")
    func boardRoundTrip() async throws {
        try await AccessFixture.run(.sqlite, configure: { $0.runsWorkers = false }, live: true) { fixture in
            let editor = fixture[.editor].accessToken
            #expect(try await fixture.call(.post, "/v1/services", token: editor, json: BoardAPITests.service("OIL001")).status == .created)
            let client = BulletinClient(serverURL: URL(string: "http://127.0.0.1:\(fixture.client.port!)")!, token: editor)

            let input = Components.Schemas.AppointmentInput(
                customer: .init(name: "Ana Ruiz"), vehicle: .init(make: "Toyota", model: "Corolla", year: 2019, plate: "1234ABC"),
                serviceCodes: ["OIL001"], scheduledStart: Date(timeIntervalSince1970: 1_796_547_600), location: .shop)
            let booked = try await BulletinClient.$correlationID.withValue("client-test-1") {
                try await client.createAppointment(input, idempotencyKey: "book-1")
            }
            #expect(booked.version == 1 && booked.status == .scheduled)
            let again = try await client.createAppointment(input, idempotencyKey: "book-1")
            #expect(again.id == booked.id)  // the key's first answer, not a second booking
            let events = try await EventLog(database: fixture.database).events(after: 0, limit: 1000)
            #expect(events.contains { $0.type == "appointment.created" && $0.correlationID == "client-test-1" })

            let day = try await client.board(date: "2026-12-06")
            #expect(day.columns.first?.status == .scheduled)
            #expect(day.columns.first?.cards.map(\.id) == [booked.id])

            let moved = try await client.moveAppointment(booked.id, to: .checkedIn, version: 1)
            #expect(moved.version == 2 && moved.status == .checkedIn)
            do {
                _ = try await client.moveAppointment(booked.id, to: .ready, version: 1)
                Issue.record("a stale move was accepted")
            } catch let conflict as AppointmentVersionConflict {
                #expect(conflict.current.version == 2 && conflict.current.status == .checkedIn)
                #expect(conflict.problem.status == 409 && conflict.problem.type == "appointment-version-conflict")
            }
            let stats = try await client.boardStats(date: "2026-12-06")
            #expect(stats.jobsToday == 1)

            do {
                _ = try await client.board(date: "06-12-2026")
                Issue.record("a malformed date was accepted")
            } catch let problem as BulletinProblem {
                #expect(problem.status == 400 && problem.document?.requestId.isEmpty == false)
            } catch {
                // The generated client refuses to send what the document forbids, before the server sees it.
                #expect(error is ClientError)
            }
            let viewer = BulletinClient(
                serverURL: URL(string: "http://127.0.0.1:\(fixture.client.port!)")!, token: fixture[.viewer].accessToken)
            await #expect(throws: BulletinProblem.self) { try await viewer.moveAppointment(booked.id, to: .ready, version: 2) }
        }
    }

    @Test("a refused read is sent again after Retry-After, under the same correlation ID")
    func retryAfter() async throws {
        let waits = Waits()
        try await FlakyServer.run(failures: 1, retryAfter: "7") { base, seen in
            let client = BulletinClient(serverURL: base, retry: RetryPolicy(sleep: waits.record))
            let board = try await client.board(date: "2026-12-06")
            #expect(board.date == "2026-12-06")
            let requests = seen.all
            #expect(requests.count == 2)
            #expect(Set(requests.map(\.correlationID)).count == 1 && requests[0].correlationID?.hasPrefix("client-") == true)
        }
        #expect(waits.all == [.seconds(7)])
    }

    @Test("a write is retried only with an Idempotency-Key, with growing jittered waits, up to the attempts allowed")
    func retriedWrites() async throws {
        let waits = Waits()
        let input = Components.Schemas.AppointmentInput(
            customer: .init(name: "Ana"), vehicle: .init(make: "Seat", model: "Ibiza", year: 2020, plate: "X1"),
            serviceCodes: ["OIL001"], scheduledStart: Date(), location: .shop)
        try await FlakyServer.run(failures: 10, retryAfter: nil) { base, seen in
            let client = BulletinClient(serverURL: base, retry: RetryPolicy(maximumAttempts: 3, sleep: waits.record))
            await #expect(throws: BulletinProblem.self) { try await client.createAppointment(input) }
            #expect(seen.all.count == 1)
            do {
                _ = try await client.createAppointment(input, idempotencyKey: "k-1")
                Issue.record("a failing server was reported as a success")
            } catch let problem as BulletinProblem {
                #expect(problem.status == 503 && problem.type == "unavailable")
            }
            #expect(seen.all.count == 4)
        }
        #expect(waits.all.count == 2)
        #expect((Duration.milliseconds(100)...Duration.milliseconds(200)).contains(waits.all[0]))
        #expect((Duration.milliseconds(200)...Duration.milliseconds(400)).contains(waits.all[1]))
    }

    @Test("a read that cannot connect is tried again, then the failure is thrown")
    func connectionRefused() async throws {
        let waits = Waits()
        let port = try await FlakyServer.closedPort()
        let client = BulletinClient(
            serverURL: URL(string: "http://127.0.0.1:\(port)")!, retry: RetryPolicy(maximumAttempts: 2, sleep: waits.record),
            timeout: .milliseconds(500))  // the connection pool keeps trying to connect until the attempt's time is up
        await #expect(throws: (any Error).self) { try await client.board(date: "2026-12-06") }
        #expect(waits.all.count == 1)
    }

    @Test("Retry-After is read as seconds or an HTTP date; the backoff doubles up to its ceiling")
    func policy() {
        let now = Date(timeIntervalSince1970: 1_796_547_600)
        #expect(RetryAfter.duration("120", now: now) == .seconds(120))
        #expect(RetryAfter.duration("Sun, 06 Dec 2026 09:00:10 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.duration("Sun, 06 Dec 2026 08:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.duration("soon", now: now) == nil && RetryAfter.duration("-3", now: now) == nil)
        let policy = RetryPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(1))
        #expect(
            policy.backoff.delay(afterAttempt: 1, random: 0) == .milliseconds(50)
                && policy.backoff.delay(afterAttempt: 1, random: 1) == .milliseconds(100))
        #expect(policy.backoff.delay(afterAttempt: 3, random: 1) == .milliseconds(400))
        #expect(policy.backoff.delay(afterAttempt: 40, random: 1) == .seconds(1))
    }
}

/// The waits a ``RetryPolicy`` asked for, recorded instead of slept.
final class Waits: Sendable {
    private let waits = Mutex<[Duration]>([])
    var all: [Duration] { waits.withLock { $0 } }
    var record: @Sendable (Duration) async throws -> Void { { wait in self.waits.withLock { $0.append(wait) } } }
}

/// A server that refuses the first `failures` requests with 503 (and `Retry-After` when
/// given), then answers `GET /v1/board` with an empty board; it records each request's
/// correlation ID.
enum FlakyServer {
    struct Seen: Sendable {
        let correlationID: String?
    }

    /// The requests the server saw, in order.
    final class Requests: Sendable {
        private let seen = Mutex<[Seen]>([])
        var all: [Seen] { seen.withLock { $0 } }

        /// Records a request; answers how many there were with it.
        func record(_ request: Seen) -> Int {
            seen.withLock {
                $0.append(request)
                return $0.count
            }
        }
    }

    static func run(
        failures: Int, retryAfter: String?, _ body: @Sendable (URL, Requests) async throws -> Void
    ) async throws {
        let seen = Requests()
        let router = Router()
        let problem = #"{"type":"https://bulletin.dev/problems/unavailable","title":"Unavailable","status":503,"requestId":"r1"}"#
        let answer: @Sendable (Request) -> Response = { request in
            let count = seen.record(Seen(correlationID: request.headers[HTTPField.Name("x-correlation-id")!]))
            guard count > failures else {
                var headers: HTTPFields = [.contentType: "application/problem+json"]
                if let retryAfter { headers[.retryAfter] = retryAfter }
                return Response(status: .serviceUnavailable, headers: headers, body: .init(byteBuffer: ByteBuffer(string: problem)))
            }
            let board = #"{"date":"2026-12-06","timeZone":"UTC","topic":"board:2026-12-06","columns":[]}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: board)))
        }
        router.get("/v1/board") { request, _ in answer(request) }
        router.post("/v1/appointments") { request, _ in answer(request) }
        try await Application(router: router).test(.live) { client in
            try await body(URL(string: "http://127.0.0.1:\(client.port!)")!, seen)
        }
    }

    /// A loopback port nothing listens on: one a server had, after it stopped.
    static func closedPort() async throws -> Int {
        try await Application(router: Router()).test(.live) { client in client.port! }
    }
}
