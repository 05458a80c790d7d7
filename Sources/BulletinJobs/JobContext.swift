import BulletinCore
import BulletinStore
import Foundation
import Logging
import Synchronization

/// What a running handler gets besides its arguments: the job, a logger that carries the
/// job's ID, progress reporting, and a place for the result.
///
/// Cancellation (by a user, a timeout, a lost lease or shutdown) cancels the handler's task:
/// check `Task.isCancelled` or call `try Task.checkCancellation()` between steps.
public struct JobContext: Sendable {
    /// The job as claimed: its ID, attempt and arguments.
    public let job: JobRecord
    /// Logs with `jobID`, `kind` and `attempt` in the metadata, and `correlationId` when the
    /// enqueuing request sent one (made when asked for: a quick job seldom logs, and the
    /// metadata is a copy per job).
    public var logger: Logger {
        var logger = workerLogger
        logger[metadataKey: "jobID"] = "\(job.id)"
        logger[metadataKey: "kind"] = .string(job.kind)
        logger[metadataKey: "attempt"] = "\(job.attempt)"
        if let correlationID = job.correlationID { logger[metadataKey: "correlationId"] = .string(correlationID) }
        return logger
    }
    let workerLogger: Logger
    let claim: JobClaim
    let repository: JobRepository
    let clock: WallClock
    let resultBox: ResultBox

    /// Records how far the job has got, for the dashboard; a workspace's job also announces
    /// it on its `job:ID` topic.
    ///
    /// - Parameters:
    ///   - fraction: From 0 to 1; values outside are clamped.
    ///   - message: What the job is doing now, such as "fetching 3 of 7 pages".
    public func reportProgress(_ fraction: Double, _ message: String? = nil) async throws {
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        try await repository.reportProgress(claim, fraction: clamped, message: message, now: clock.now())
    }

    /// Sets what the job produced, stored as JSON when it completes.
    public func setResult(_ value: some Encodable) throws {
        let data = try JSONEncoder.jobs.encode(value)
        resultBox.set(String(decoding: data, as: UTF8.self))
    }
}

/// The result a handler set, read when it returns.
final class ResultBox: Sendable {
    private let value = Mutex<String?>(nil)
    func set(_ json: String) { value.withLock { $0 = json } }
    var json: String? { value.withLock { $0 } }
}

extension JSONEncoder {
    /// How job arguments and results are written: sorted keys, ISO 8601 dates. One shared
    /// instance: its settings never change after this, and encoding from many tasks is safe.
    static let jobs: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

extension JSONDecoder {
    /// How job arguments are read back; shared, like ``JSONEncoder/jobs``.
    static let jobs: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
