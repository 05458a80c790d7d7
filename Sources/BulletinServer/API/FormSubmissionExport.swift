import BulletinCore
import BulletinForms
import BulletinStore

/// A form's submissions as one CSV file. Columns follow the published version's fields; a
/// field that an older version had and the latest lacks gets its column after them, so no
/// answer is lost from the export.
enum FormSubmissionExport {
    /// The most submissions one export holds.
    static let maximumRows = 50_000

    static func csv(
        _ submissions: [StoredFormSubmission], form: StoredForm, repository: FormRepository, workspaceID: String
    ) async throws -> String {
        var definitions: [Int: FormDefinition] = [:]
        for number in Set(submissions.map(\.version)) {
            if let version = try await repository.version(formID: form.id, version: number, workspaceID: workspaceID) {
                definitions[number] = try BulletinAPI.definition(version.definition)
            }
        }
        let latest = try form.publishedVersion.flatMap { definitions[$0] } ?? BulletinAPI.definition(form.definition)
        let columns = FormCSV.columns(latest: latest, older: definitions.sorted { $0.key > $1.key }.map(\.value))
        var text = FormCSV.header(columns: columns)
        for submission in submissions {
            let answers = try JSONValue(parsing: submission.answers).objectValue ?? [:]
            text += FormCSV.line(
                FormCSV.Row(
                    id: submission.id, submittedAt: submission.createdAt, version: submission.version,
                    respondent: submission.respondentID ?? "", answers: answers),
                columns: columns)
        }
        return text
    }
}
