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
    public func file(
        _ format: ReportFileFormat, document: String, key: String, projectName: String, subject: String, workspace: String
    ) throws -> ReportFile {
        let cacheKey = "\(key)/\(format.rawValue)"
        if let file = cache.withLock({ $0.files[cacheKey] }) { return file }
        let report = try JSONDecoder.reports.decode(ReportDocument.self, from: Data(document.utf8))
        let layout = report.layout(subject: subject, workspace: workspace)
        let data: Data
        switch format {
        case .pdf: data = try pdf.render(layout).data
        case .docx: data = try DOCXRenderer.render(layout)
        case .tex: data = Data(LaTeXRenderer.render(layout).tex.utf8)
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
