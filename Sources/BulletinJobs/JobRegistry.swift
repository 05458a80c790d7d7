import BulletinCore
import BulletinStore
import Foundation

/// The kinds of job this process can run, and the cron entries it schedules.
///
/// Every process that works jobs builds the same registry, so a job enqueued anywhere can run
/// on any worker.
public struct JobRegistry: Sendable {
    /// A kind's handler with its argument type erased: it decodes the JSON and runs.
    struct Kind: Sendable {
        let options: JobKindOptions
        let run: @Sendable (_ arguments: String, _ context: JobContext) async throws -> Void
    }

    private(set) var kinds: [String: Kind] = [:]
    /// The cron entries, by name.
    public private(set) var cronEntries: [CronEntry] = []

    /// Creates an empty registry.
    public init() {}

    /// Registers a handler for its kind; registering a kind twice keeps the last.
    public mutating func register<Handler: JobHandler>(_ handler: Handler) {
        kinds[Handler.kind] = Kind(options: Handler.options) { json, context in
            let arguments: Handler.Arguments
            do {
                arguments = try JSONDecoder.jobs.decode(Handler.Arguments.self, from: Data(json.utf8))
            } catch {
                throw JobError.discard("the job's arguments do not decode as \(Handler.Arguments.self): \(error)")
            }
            try await handler.run(arguments, context: context)
        }
    }

    /// Schedules a job on a cron schedule; the entry's name must be unique and stable, since
    /// it records which ticks have fired.
    public mutating func schedule(_ entry: CronEntry) {
        cronEntries.removeAll { $0.name == entry.name }
        cronEntries.append(entry)
    }

    /// The queues of the registered kinds.
    public var queues: Set<String> { Set(kinds.values.map(\.options.queue)) }

    func kind(_ name: String) -> Kind? { kinds[name] }
}

/// A job enqueued on a cron schedule, once per tick across every node.
public struct CronEntry: Sendable {
    /// A stable name, such as `jobs.prune`.
    public let name: String
    public let schedule: CronSchedule
    /// The job each tick enqueues.
    public let job: NewJob

    /// Creates an entry for a handler's job with fixed arguments.
    public init<Handler: JobHandler>(
        name: String, schedule: CronSchedule, _ handler: Handler.Type, arguments: Handler.Arguments
    ) throws {
        self.name = name
        self.schedule = schedule
        self.job = try NewJob(handler, arguments: arguments, options: EnqueueOptions(enqueuedBy: "cron:" + name))
    }
}

/// How one enqueue differs from its kind's defaults, and who asked for it.
public struct EnqueueOptions: Sendable, Hashable {
    public var queue: String?
    public var priority: Int?
    public var maxAttempts: Int?
    /// When to run; `nil` for as soon as possible.
    public var runAt: Date?
    /// A second enqueue with the same kind and key returns the first job while it waits or runs.
    public var uniqueKey: String?
    /// With a unique key: the key also holds for finished jobs within windows this long.
    public var uniqueWindow: Duration?
    public var workspaceID: String?
    /// Such as `user:…` or `cron:…`.
    public var enqueuedBy: String?
    public var requestID: String?
    /// The client's `x-correlation-id` of the enqueuing request.
    public var correlationID: String?

    /// Creates options; every one defaults to the kind's.
    public init(
        queue: String? = nil, priority: Int? = nil, maxAttempts: Int? = nil, runAt: Date? = nil, uniqueKey: String? = nil,
        uniqueWindow: Duration? = nil, workspaceID: String? = nil, enqueuedBy: String? = nil, requestID: String? = nil,
        correlationID: String? = nil
    ) {
        self.queue = queue
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.uniqueKey = uniqueKey
        self.uniqueWindow = uniqueWindow
        self.workspaceID = workspaceID
        self.enqueuedBy = enqueuedBy
        self.requestID = requestID
        self.correlationID = correlationID
    }
}

extension NewJob {
    /// A job of a handler's kind, its arguments encoded as JSON, with the kind's options
    /// unless `options` overrides them.
    public init<Handler: JobHandler>(
        _ handler: Handler.Type, arguments: Handler.Arguments, options: EnqueueOptions = EnqueueOptions()
    ) throws {
        let defaults = Handler.options
        self.init(
            kind: Handler.kind, arguments: String(decoding: try JSONEncoder.jobs.encode(arguments), as: UTF8.self),
            queue: options.queue ?? defaults.queue, priority: min(max(options.priority ?? defaults.priority, 0), 9),
            maxAttempts: max(1, options.maxAttempts ?? defaults.maxAttempts), runAt: options.runAt,
            uniqueKey: options.uniqueKey, uniqueWindowSeconds: options.uniqueWindow.map { Int($0.components.seconds) },
            workspaceID: options.workspaceID, enqueuedBy: options.enqueuedBy, requestID: options.requestID,
            correlationID: options.correlationID)
    }
}
