import Foundation
import Synchronization

/// Parsed fonts by file path, so each file is read and parsed once per process.
///
/// Parsing happens under the lock: two renders asking for the same face at once wait for one
/// parse instead of doing two. Parsing a face takes a millisecond or so, so the wait is short.
public final class FontCache: Sendable {
    /// The process-wide cache.
    public static let shared = FontCache()

    private let fonts = Mutex<[String: TrueTypeFont]>([:])

    /// An empty cache; most callers want ``shared``.
    public init() {}

    /// The font in the file at `url`, parsed on first use.
    ///
    /// - Throws: ``FontError/unreadableFile(_:)`` when the file cannot be read, or the parse error.
    public func font(at url: URL) throws(FontError) -> TrueTypeFont {
        let path = url.standardizedFileURL.path
        return try fonts.withLock { (fonts: inout [String: TrueTypeFont]) throws(FontError) -> TrueTypeFont in
            if let font = fonts[path] { return font }
            guard let data = FileManager.default.contents(atPath: path) else { throw .unreadableFile(path) }
            let font = try TrueTypeFont(data: data)
            fonts[path] = font
            return font
        }
    }

    /// How many fonts have been parsed so far.
    public var count: Int { fonts.withLock { $0.count } }
}
