import BulletinCore
import Foundation

/// A flag as stored in a workspace: its definition and bookkeeping.
public struct StoredFlag: Sendable, Hashable {
    public var definition: FlagDefinition
    /// When the flag should have been cleaned up; past it, the flag is reported stale.
    public var staleAfter: Date?
    /// Counts the flag's changes, from 1.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The user or API key that last changed it.
    public var updatedBy: String?
}

/// Why a flag change was refused.
public enum FlagStoreError: Error, Sendable, Equatable {
    /// No such flag in the workspace.
    case notFound
    /// A flag with this name exists.
    case nameTaken
    /// The flag changed since the version the caller read.
    case versionMismatch(current: Int)
}

/// What an import changed.
public struct FlagImportSummary: Sendable, Hashable {
    public var created: [String]
    public var updated: [String]
    public var segments: Int
}
