import BulletinDocuments
import Foundation

/// Word templates that reports fill: checking an upload against the report's vocabulary, and
/// the sample template authors start from, which uses every name the vocabulary offers.
public enum ReportTemplates {
    /// The largest template accepted, in bytes.
    public static let maximumSize = 10 << 20

    /// The template's tags, in document order, when every one of them is one a report fills.
    ///
    /// - Throws: ``TemplateError/invalid(_:)`` listing each problem with its tag and where it is.
    public static func check(_ data: Data) throws(TemplateError) -> [TemplateTag] {
        try DOCXTemplate(data: data, vocabulary: .report).tags
    }

    /// The sample template (.docx): a cover, the summary and both charts, a table of the
    /// participants, a section per participant with its strengths and weaknesses, the
    /// features, changes and notes, each filled by a tag.
    ///
    /// - Throws: an error from the ZIP writer, which writes only to memory.
    public static func sample() throws -> Data {
        let cover = Cover(title: "{{title}}", subject: "{{subject}}", date: Date(timeIntervalSince1970: 0), workspace: "{{workspace}}")
        return try DOCXTemplate.sample(Document(cover: cover, blocks: sampleBlocks, author: "Bulletin"), dateTag: "{{date}}")
    }

    private static var sampleBlocks: [Block] {
        [
            .heading(level: 1, text: "{{project.name}}"),
            paragraph("{{project.description}}"),
            .heading(level: 1, text: "Summary"),
            paragraph("{{summary}}"),
            paragraph("{{chart:scores}}"),
            paragraph("{{chart:prices}}"),
            .heading(level: 1, text: "Participants"),
            .table(
                Table(
                    columns: [Table.Column("Participant"), Table.Column("Score", alignment: .trailing), Table.Column("Pricing")],
                    rows: [["{{#peers}}{{name}}", "{{score}}", "{{pricing}}{{/peers}}"]])),
            paragraph("{{#peers}}"),
            .heading(level: 2, text: "{{name}}"),
        ]
            + list("Strengths", "strengths", level: 3) + list("Weaknesses", "weaknesses", level: 3)
            + [
                paragraph("{{/peers}}"),
                .heading(level: 1, text: "Features"),
                .table(
                    Table(
                        columns: [Table.Column("Feature"), Table.Column("Offered by")],
                        rows: [["{{#features}}{{feature}}", "{{participants}}{{/features}}"]])),
            ]
            + list("Changes since the last report", "changes", level: 1) + list("Notes", "notes", level: 1)
    }

    /// A heading, then one bullet per item of the list `name` (tag paragraphs are not repeated).
    private static func list(_ heading: String, _ name: String, level: Int) -> [Block] {
        [.heading(level: level, text: heading), paragraph("{{#\(name)}}"), .bulletList([[.text("{{.}}")]]), paragraph("{{/\(name)}}")]
    }

    private static func paragraph(_ text: String) -> Block { .paragraph([.text(text)]) }
}
