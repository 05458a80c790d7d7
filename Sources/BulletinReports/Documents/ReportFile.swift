import BulletinDocuments
import Crypto
import Foundation
import Synchronization

/// The document formats a report downloads as.
public enum ReportFileFormat: String, Sendable, CaseIterable {
    case pdf, docx, tex

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .tex: "application/x-tex"
        }
    }
}

/// A rendered report file: its bytes, a strong ETag over them, and a file name.
public struct ReportFile: Sendable {
    public let data: Data
    public let etag: String
    public let mediaType: String
    public let fileName: String
}

/// A workspace's Word template that a DOCX download fills instead of the standard layout.
public struct ReportFileTemplate: Sendable {
    public let id: String
    /// The template's .docx bytes.
    public let data: Data
    /// What identifies these bytes (their SHA-256), so a replaced template is rendered anew.
    public let digest: String

    public init(id: String, data: Data, digest: String) {
        self.id = id
        self.data = data
        self.digest = digest
    }
}

/// Renders stored reports as PDF, DOCX or LaTeX, keeping the most recent renders: a report
/// version never changes, so its file is rendered once per format and process.
public final class ReportFiles: Sendable {
    private let cache = Mutex(Cache())
    private let pdf: PDFRenderer
    private static let capacity = 48

    private struct Cache {
        var files: [String: ReportFile] = [:]
        var order: [String] = []
    }

    /// Renders with the TrueType fonts found first in `fontDirectory`, then on the machine.
    public init(fontDirectory: String? = nil) {
        pdf = PDFRenderer(fonts: FontLocator(directory: fontDirectory.map { URL(fileURLWithPath: $0) }).family())
    }

    /// The report's file in `format`, from the cache when rendered before.
    /// - Parameters:
    ///   - document: The report's stored document (JSON of ``ReportDocument``).
    ///   - key: What identifies the report version, such as its ID.
    ///   - template: A Word template to fill, for `.docx` only; other formats ignore it.
    /// - Throws: ``TemplateError`` when the template cannot be filled.
    public func file(
        _ format: ReportFileFormat, document: String, key: String, projectName: String, projectDescription: String = "",
        subject: String, workspace: String, template: ReportFileTemplate? = nil
    ) throws -> ReportFile {
        let template = format == .docx ? template : nil
        let cacheKey = "\(key)/\(format.rawValue)" + (template.map { "/\($0.id)/\($0.digest)" } ?? "")
        if let file = cache.withLock({ $0.files[cacheKey] }) { return file }
        let report = try JSONDecoder.reports.decode(ReportDocument.self, from: Data(document.utf8))
        let data: Data
        if let template {
            let values = report.templateValue(
                projectName: projectName, projectDescription: projectDescription, subject: subject, workspace: workspace)
            data = try DOCXTemplate(data: template.data, vocabulary: .report).render(values, charts: report.templateCharts)
        } else {
            let layout = report.layout(subject: subject, workspace: workspace)
            switch format {
            case .pdf: data = try pdf.render(layout).data
            case .docx: data = try DOCXRenderer.render(layout)
            case .tex: data = Data(LaTeXRenderer.render(layout).tex.utf8)
            }
        }
        let digest = SHA256.hash(data: data).prefix(16).map { String(format: "%02x", $0) }.joined()
        let file = ReportFile(
            data: data, etag: "\"\(digest)\"", mediaType: format.mediaType,
            fileName: "\(Self.fileStem(projectName, date: report.generatedAt)).\(format.rawValue)")
        cache.withLock { cache in
            if cache.files.updateValue(file, forKey: cacheKey) == nil { cache.order.append(cacheKey) }
            while cache.order.count > Self.capacity { cache.files[cache.order.removeFirst()] = nil }
        }
        return file
    }

    /// A file name from the project's name: letters, digits and dashes, then the report's date.
    static func fileStem(_ name: String, date: Date) -> String {
        var stem = ""
        for character in name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                stem.append(character)
            } else if stem.last != "-" {
                stem.append("-")
            }
        }
        stem = String(stem.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(60))
        let day = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        return (stem.isEmpty ? "report" : stem) + "-" + day
    }
}
