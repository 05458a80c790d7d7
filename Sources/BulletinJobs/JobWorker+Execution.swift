import BulletinCore
import BulletinStore
import Foundation
import Logging

extension JobWorker {
    /// How an attempt ended.
    enum Outcome: Sendable {
        case succeeded
        case threw(any Error)
        case stopped(JobStopReason)
    }

    /// Runs one claimed job to its end and records the outcome.
    func execute(_ job: JobRecord, claim: JobClaim, signal: StopSignal) async {
        if let attemptedAt = job.attemptedAt {
            metrics.recordWait(.seconds(max(0, attemptedAt.timeIntervalSince(job.scheduledAt))), queue: job.queue, kind: job.kind)
        }
        guard let kind = registry.kind(job.kind) else {
            await record(.threw(UnknownKind(kind: job.kind)), of: job, claim: claim, options: JobKindOptions(), result: nil)
            return
        }
        // A job stopped before it started (a late claim at shutdown) does not start.
        if let reason = signal.value {
            await record(.stopped(reason), of: job, claim: claim, options: kind.options, result: nil)
            return
        }
        let resultBox = ResultBox()
        let context = JobContext(
            job: job, workerLogger: logger, claim: claim, repository: repository, clock: clock, resultBox: resultBox)
        let started = ContinuousClock.now
        // The handler runs in a task of its own, which the job's stop signal (cancellation,
        // a lost lease, the timeout, shutdown) cancels. Whether that cancellation had reached
        // the handler when it returned decides between the handler's outcome and the stop's.
        let handler = Task {
            let outcome: Outcome
            do {
                try await kind.run(job.arguments, context)
                outcome = .succeeded
            } catch {
                outcome = .threw(error)
            }
            return (outcome, Task.isCancelled)
        }
        signal.whenSet { _ in handler.cancel() }
        let (ran, handlerWasCancelled) = await withTaskCancellationHandler {
            await handler.value
        } onCancel: {
            handler.cancel()
        }
        metrics.recordRun(ContinuousClock.now - started, queue: job.queue, kind: job.kind)
        // A stop that reached the handler ends the attempt for its reason, even when the
        // handler then returned (as one that swallows its cancellation does); a stop that came
        // after the handler returned changes nothing. A handler that threw when cancelled with
        // the whole worker (shutdown past its grace) is released.
        let settled: Outcome =
            if handlerWasCancelled, let reason = signal.value {
                .stopped(reason)
            } else if handlerWasCancelled, case .threw = ran {
                .stopped(.shutdown)
            } else {
                ran
            }
        await record(settled, of: job, claim: claim, options: kind.options, result: resultBox.json)
    }

    /// Writes an attempt's outcome: completed (in a batch), retried after a back-off,
    /// discarded, snoozed, cancelled, or released at shutdown.
    private func record(_ outcome: Outcome, of job: JobRecord, claim: JobClaim, options: JobKindOptions, result: String?) async {
        let now = clock.now()
        do {
            switch outcome {
            case .succeeded:
                completions.add(claim, result: result)
                metrics.count(.completed, queue: job.queue, kind: job.kind)
            case .threw(JobError.snooze(let duration)):
                try await repository.snooze(claim, until: now.addingTimeInterval(duration.timeInterval), now: now)
            case .threw(JobError.discard(let reason)):
                let state = try await repository.fail(
                    claim, problem: JobProblem(type: "job-discarded", title: "The job failed permanently", detail: reason),
                    retryAt: nil, now: now)
                metrics.count(state == .cancelled ? .cancelled : .discarded, queue: job.queue, kind: job.kind)
            case .threw(let error):
                let problem =
                    error is UnknownKind
                    ? JobProblem(type: "job-unknown-kind", title: "No worker knows this kind of job", detail: "\(error)")
                    : JobProblem(type: "job-failed", title: "The job failed", detail: Self.describe(error))
                try await fail(job, claim: claim, problem: problem, options: options, now: now)
            case .stopped(.timeout(let limit)):
                let problem = JobProblem(
                    type: "job-timeout", title: "The job ran out of time",
                    detail: "The attempt did not finish within \(limit) and was cancelled.")
                try await fail(job, claim: claim, problem: problem, options: options, now: now)
            case .stopped(.cancelled):
                try await repository.markCancelled(
                    claim,
                    problem: JobProblem(
                        type: "job-cancelled", title: "The job was cancelled", detail: "The job was cancelled while it ran."),
                    now: now)
                metrics.count(.cancelled, queue: job.queue, kind: job.kind)
            case .stopped(.leaseLost):
                logger.warning("stopped a job whose lease was lost", metadata: ["jobID": "\(job.id)"])
            case .stopped(.shutdown):
                try await repository.release(claim, now: now)
            }
        } catch {
            logger.error(
                "recording a job's outcome failed; it will be rescued when its lease lapses",
                metadata: ["jobID": "\(job.id)", "error": "\(String(reflecting: error))"])
        }
    }

    /// Fails an attempt: retried after the kind's back-off, or discarded on the last attempt
    /// (or cancelled, when that was asked meanwhile).
    private func fail(_ job: JobRecord, claim: JobClaim, problem: JobProblem, options: JobKindOptions, now: Date) async throws {
        var retryAt: Date?
        if job.attempt < job.maxAttempts {
            let delay = options.backoff.delay(afterAttempt: job.attempt, random: Double.random(in: 0..<1))
            retryAt = now.addingTimeInterval(delay.timeInterval)
        }
        switch try await repository.fail(claim, problem: problem, retryAt: retryAt, now: now) {
        case .retryable?: metrics.count(.failed, queue: job.queue, kind: job.kind)
        case .discarded?: metrics.count(.discarded, queue: job.queue, kind: job.kind)
        case .cancelled?: metrics.count(.cancelled, queue: job.queue, kind: job.kind)
        default: break
        }
    }

    /// An error's description for the job's record, at most 2,000 characters.
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 2000 ? String(text.prefix(2000)) + "…" : text
    }
}

/// A claimed job whose kind no handler in this process runs.
struct UnknownKind: Error, CustomStringConvertible {
    let kind: String
    var description: String { "no handler is registered for the kind \(kind) on this worker" }
}
