import BulletinCore
import BulletinStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The flags handlers and jobs ask: `flags.isEnabled("immediate-reports", workspaceID:, context:)`.
///
/// Each workspace's flags are compiled into a ``FlagSet`` snapshot on first use and kept in
/// memory, so evaluation never touches the database on the hot path. A change commits a
/// notification on the `flags` channel; every node drops that workspace's snapshot when it
/// arrives (PostgreSQL's NOTIFY reaches all nodes; SQLite's hub, this process), and the node
/// that made the change drops it at once through ``invalidate(workspaceID:)``. Snapshots are
/// also reloaded in the background once older than ``refreshInterval``, which bounds
/// staleness where no notification can arrive (a second process on one SQLite file).
///
/// Flags the database lacks come from ``FlagFallback``: built-in defaults and
/// `BULLETIN_FLAG_<NAME>` variables.
public final class Flags: Service, Sendable {
    private struct Snapshot: Sendable {
        let flags: FlagSet
        let loadedAt: ContinuousClock.Instant
        var refreshing = false
    }

    /// How old a snapshot may grow before it is reloaded in the background.
    public let refreshInterval: Duration
    private let repository: FlagRepository
    private let database: any Database
    private let fallback: [String: FlagDefinition]
    private let metrics: FlagMetrics?
    private let logger: Logger
    private let snapshots = Mutex<[String: Snapshot]>([:])
    /// Counts invalidations, so that a load that raced one is not kept.
    private let invalidations = Atomic(0)

    /// - Parameters:
    ///   - defaults: Flags the code ships with, such as `immediate-reports` on.
    ///   - environment: Where `BULLETIN_FLAG_<NAME>` variables are read.
    public init(
        database: any Database, defaults: [FlagDefinition] = [], environment: [String: String] = [:],
        metrics: FlagMetrics? = nil, refreshInterval: Duration = .seconds(5), logger: Logger
    ) {
        self.database = database
        repository = FlagRepository(database: database)
        fallback = FlagFallback.flags(defaults: defaults, environment: environment)
        self.metrics = metrics
        self.refreshInterval = refreshInterval
        self.logger = logger
    }

    /// Whether the flag is on for the context in the workspace.
    public func isEnabled(_ name: String, workspaceID: String, context: FlagContext) async throws -> Bool {
        let flags = try await flags(workspaceID: workspaceID)
        let enabled = flags.isEnabled(name, context: context)
        metrics?.count(flag: name, known: flags.contains(name), enabled: enabled)
        return enabled
    }

    /// Every flag of the workspace (stored and fallback) evaluated for the context, by name;
    /// only those in `names` when given.
    public func evaluateAll(workspaceID: String, context: FlagContext, names: [String]? = nil) async throws -> [String: FlagResult] {
        let flags = try await flags(workspaceID: workspaceID)
        let now = Date()
        var results: [String: FlagResult] = [:]
        for name in names ?? flags.names {
            let result = flags.evaluate(name, context: context, now: now)
            metrics?.count(flag: name, known: flags.contains(name), enabled: result.enabled)
            results[name] = result
        }
        return results
    }

    /// The workspace's compiled flags: from memory, loading them on first use.
    public func flags(workspaceID: String) async throws -> FlagSet {
        let now = ContinuousClock.now
        let cached = snapshots.withLock { snapshots -> (FlagSet, refresh: Bool)? in
            guard var snapshot = snapshots[workspaceID] else { return nil }
            let refresh = !snapshot.refreshing && snapshot.loadedAt.duration(to: now) > refreshInterval
            if refresh {
                snapshot.refreshing = true
                snapshots[workspaceID] = snapshot
            }
            return (snapshot.flags, refresh)
        }
        if let (flags, refresh) = cached {
            if refresh { Task { try? await self.reload(workspaceID: workspaceID) } }
            return flags
        }
        return try await reload(workspaceID: workspaceID)
    }

    /// Drops a workspace's snapshot; the next evaluation reloads it.
    public func invalidate(workspaceID: String) {
        invalidations.add(1, ordering: .relaxed)
        _ = snapshots.withLock { $0.removeValue(forKey: workspaceID) }
    }

    /// Drops snapshots as change notifications arrive, until shutdown. An empty payload (sent
    /// after the notification connection was lost) drops them all.
    public func run() async throws {
        let changes = database.notifications.listen(to: FlagRepository.channel)
        try await cancelWhenGracefulShutdown {
            for await workspaceID in changes {
                if workspaceID.isEmpty {
                    self.invalidations.add(1, ordering: .relaxed)
                    self.snapshots.withLock { $0.removeAll() }
                } else {
                    self.invalidate(workspaceID: workspaceID)
                }
            }
        }
    }

    @discardableResult
    private func reload(workspaceID: String) async throws -> FlagSet {
        let started = ContinuousClock.now
        let generation = invalidations.load(ordering: .relaxed)
        do {
            var collection = try await repository.collection(workspaceID: workspaceID)
            let stored = Set(collection.features.map(\.name))
            collection.features += fallback.values.filter { !stored.contains($0.name) }.sorted { $0.name < $1.name }
            let flags = FlagSet(collection)
            snapshots.withLock { snapshots in
                if invalidations.load(ordering: .relaxed) == generation {
                    snapshots[workspaceID] = Snapshot(flags: flags, loadedAt: started)
                } else {
                    snapshots[workspaceID] = nil
                }
            }
            return flags
        } catch {
            snapshots.withLock { snapshots in snapshots[workspaceID]?.refreshing = false }
            logger.warning("loading feature flags failed", metadata: ["workspace": "\(workspaceID)", "error": "\(error)"])
            throw error
        }
    }
}
