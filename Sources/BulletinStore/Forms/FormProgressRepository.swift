import Foundation

/// Partial answers saved to finish later: a member's under their ID, a public respondent's
/// under the hash of a resume token only they hold. Submitting clears them.
public struct FormProgressRepository: Sendable {
    /// Who saved the answers.
    public enum Owner: Sendable, Hashable {
        case member(String)
        case resumeToken(SecretToken)
    }

    let database: any SQLContext

    public init(database: any SQLContext) {
        self.database = database
    }

    /// Saves (replaces) the owner's partial answers, as JSON text.
    public func save(formID: String, owner: Owner, linkID: String?, answers: String, id: String, now: Date) async throws {
        try await database.transaction { executor in
            let updated: [SQLRow]
            switch owner {
            case .member(let userID):
                updated = try await executor.query(
                    """
                    UPDATE form_progress SET answers = \(answers), saved_at = \(now)
                    WHERE form_id = \(formID) AND respondent_id = \(userID) RETURNING id
                    """)
            case .resumeToken(let token):
                updated = try await executor.query(
                    """
                    UPDATE form_progress SET answers = \(answers), saved_at = \(now)
                    WHERE form_id = \(formID) AND resume_hash = \(token.hash) RETURNING id
                    """)
            }
            guard updated.isEmpty else { return }
            let (respondent, hash) = Self.columns(owner)
            try await executor.query(
                """
                INSERT INTO form_progress (id, form_id, respondent_id, resume_hash, link_id, answers, saved_at)
                VALUES (\(id), \(formID), \(respondent), \(hash), \(linkID), \(answers), \(now))
                """)
        }
    }

    /// The owner's saved answers (JSON text) and when they were saved.
    public func load(formID: String, owner: Owner) async throws -> (answers: String, savedAt: Date)? {
        try await database.read { executor in
            let rows: [SQLRow]
            switch owner {
            case .member(let userID):
                rows = try await executor.query(
                    "SELECT answers, saved_at FROM form_progress WHERE form_id = \(formID) AND respondent_id = \(userID)")
            case .resumeToken(let token):
                rows = try await executor.query(
                    "SELECT answers, saved_at FROM form_progress WHERE form_id = \(formID) AND resume_hash = \(token.hash)")
            }
            guard let row = rows.first else { return nil }
            return (try row.decode("answers"), try row.decode("saved_at"))
        }
    }

    /// Forgets the owner's saved answers (in a submission's transaction).
    static func clear(formID: String, owner: Owner, in executor: any SQLExecutor) async throws {
        switch owner {
        case .member(let userID):
            try await executor.query("DELETE FROM form_progress WHERE form_id = \(formID) AND respondent_id = \(userID)")
        case .resumeToken(let token):
            try await executor.query("DELETE FROM form_progress WHERE form_id = \(formID) AND resume_hash = \(token.hash)")
        }
    }

    private static func columns(_ owner: Owner) -> (respondent: String?, hash: String?) {
        switch owner {
        case .member(let userID): (userID, nil)
        case .resumeToken(let token): (nil, token.hash)
        }
    }
}
