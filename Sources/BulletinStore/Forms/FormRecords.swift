import Foundation

/// A form as stored: its draft definition (JSON text, checked by the forms domain before it
/// gets here), the draft's revision, and the number of its last published version.
public struct StoredForm: Sendable, Hashable {
    public let id: String
    public let workspaceID: String
    public let name: String
    /// The draft definition, as JSON text.
    public let definition: String
    /// Counts the draft's changes from 1; an update naming an older revision is refused.
    public let revision: Int
    /// The last published version, or `nil` before the first publication.
    public let publishedVersion: Int?
    /// The project the form feeds and how (JSON text, checked by the forms domain), or `nil`.
    public let feed: String?
    public let createdBy: String?
    public let createdAt: Date
    public let updatedAt: Date
}

/// A published version of a form: frozen.
public struct StoredFormVersion: Sendable, Hashable {
    public let formID: String
    public let version: Int
    public let definition: String
    public let publishedBy: String?
    public let publishedAt: Date
}

/// One submission: the answers as stored (hidden fields' answers already dropped, computed
/// values set) and the version they answered.
public struct StoredFormSubmission: Sendable, Hashable {
    public let id: String
    public let formID: String
    public let version: Int
    /// A JSON object, as text.
    public let answers: String
    public let respondentID: String?
    /// What the submission did in the project the form feeds (JSON text), or `nil` when it feeds none.
    public let feed: String?
    public let createdAt: Date
}

/// Why the store refused a change to a form.
public enum FormStoreError: Error, Equatable {
    case notFound
    /// The draft changed since the revision the caller read.
    case revisionConflict(current: Int)
    /// Submissions need a published version.
    case notPublished
    /// The form has as many public links as it may keep.
    case tooManyLinks
}
