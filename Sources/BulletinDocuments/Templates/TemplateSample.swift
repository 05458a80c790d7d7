import Foundation

extension DOCXTemplate {
    /// A starting template for authors: `document` rendered as the DOCX renderer renders reports
    /// (its styles, footer and page numbers), whose texts are tags, with the cover's date replaced
    /// by `dateTag`. The cover's date is a date in the model, so the tag is put in its place here.
    ///
    /// - Throws: an error from the ZIP writer, which writes only to memory.
    public static func sample(_ document: Document, dateTag: String) throws -> Data {
        let rendered = try DOCXRenderer.render(document)
        let package = try TemplatePackage(data: rendered)
        let body = package.text("word/document.xml") ?? ""
        let date = ">\(XMLText.escaped(DocumentDate.long(document.cover.date)))<"
        let replaced = body.replacingOccurrences(of: date, with: ">\(XMLText.escaped(dateTag))<")
        return try package.writing(replaced: ["word/document.xml": replaced], added: [])
    }
}
