import Foundation
import Synchronization

/// Finds a sans-serif face family on this machine, without running fontconfig or any other process.
///
/// Folders are searched in tiers: the explicit folder, then `BULLETIN_FONT_DIR`, then the
/// folders fontconfig reads by default. The first tier holding any preferred family wins, and
/// within a tier families are preferred in ``preferredFamilies`` order (DejaVu Sans, Liberation
/// Sans, Noto Sans). Folders are searched recursively for `.ttf` files.
///
/// ```swift
/// let fonts = FontLocator.shared.family()  // nil: draw with the standard Helvetica
/// ```
public final class FontLocator: Sendable {
    /// A family the locator knows, by the file names of its four faces.
    public struct Candidate: Sendable, Hashable {
        public let name: String
        public let regular: String
        public let bold: String
        public let italic: String
        public let boldItalic: String
    }

    /// The families looked for, best first.
    public static let preferredFamilies = [
        Candidate(
            name: "DejaVu Sans", regular: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf", italic: "DejaVuSans-Oblique.ttf",
            boldItalic: "DejaVuSans-BoldOblique.ttf"),
        Candidate(
            name: "Liberation Sans", regular: "LiberationSans-Regular.ttf", bold: "LiberationSans-Bold.ttf",
            italic: "LiberationSans-Italic.ttf", boldItalic: "LiberationSans-BoldItalic.ttf"),
        Candidate(
            name: "Noto Sans", regular: "NotoSans-Regular.ttf", bold: "NotoSans-Bold.ttf", italic: "NotoSans-Italic.ttf",
            boldItalic: "NotoSans-BoldItalic.ttf"),
    ]

    /// The locator for this process: `BULLETIN_FONT_DIR`, then the system folders; its family is loaded once.
    public static let shared = FontLocator()

    /// The folder tiers, searched in order.
    public let tiers: [[URL]]
    private let cache: FontCache
    private let loaded = Mutex<FontFamily??>(nil)

    /// A locator searching `directory` first, then `BULLETIN_FONT_DIR`, then `systemDirectories`.
    ///
    /// - Parameters:
    ///   - directory: A folder to search before all others. Defaults to none.
    ///   - environment: Where `BULLETIN_FONT_DIR` and `HOME` are read. Defaults to the process environment.
    ///   - systemDirectories: Defaults to fontconfig's default folders (see ``defaultSystemDirectories(home:)``).
    ///   - cache: Where parsed faces are kept. Defaults to ``FontCache/shared``.
    public init(
        directory: URL? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        systemDirectories: [URL]? = nil, cache: FontCache = .shared
    ) {
        var tiers: [[URL]] = []
        if let directory { tiers.append([directory]) }
        if let folder = environment["BULLETIN_FONT_DIR"], !folder.isEmpty { tiers.append([URL(fileURLWithPath: folder)]) }
        tiers.append(systemDirectories ?? Self.defaultSystemDirectories(home: environment["HOME"]))
        self.tiers = tiers
        self.cache = cache
    }

    /// The folders fontconfig searches when it has no configuration of its own.
    public static func defaultSystemDirectories(home: String?) -> [URL] {
        var folders = ["/usr/share/fonts", "/usr/local/share/fonts"].map { URL(fileURLWithPath: $0) }
        if let home, !home.isEmpty {
            let base = URL(fileURLWithPath: home)
            folders.append(base.appendingPathComponent(".local/share/fonts"))
            folders.append(base.appendingPathComponent(".fonts"))
        }
        return folders
    }

    /// The files of the best family found, or `nil` when no tier holds a preferred family's regular face.
    public func locate() -> FontFamilyFiles? {
        for tier in tiers {
            let files = Self.trueTypeFiles(in: tier)
            for candidate in Self.preferredFamilies {
                guard let regular = files[candidate.regular] else { continue }
                return FontFamilyFiles(
                    name: candidate.name, regular: regular, bold: files[candidate.bold] ?? regular,
                    italic: files[candidate.italic] ?? regular, boldItalic: files[candidate.boldItalic] ?? regular)
            }
        }
        return nil
    }

    /// The best family found, parsed; located and parsed on first call only, `nil` when none was found
    /// (or its regular face would not parse: a broken bold face falls back to regular instead).
    public func family() -> FontFamily? {
        loaded.withLock { loaded in
            if let loaded { return loaded }
            let family = locate().flatMap(load)
            loaded = .some(family)
            return family
        }
    }

    private func load(_ files: FontFamilyFiles) -> FontFamily? {
        guard let regular = try? cache.font(at: files.regular) else { return nil }
        func face(_ url: URL) -> TrueTypeFont { (try? cache.font(at: url)) ?? regular }
        return FontFamily(regular: regular, bold: face(files.bold), italic: face(files.italic), boldItalic: face(files.boldItalic))
    }

    /// Every `.ttf` file under `folders` by file name; the first folder listing a name wins.
    static func trueTypeFiles(in folders: [URL]) -> [String: URL] {
        var files: [String: URL] = [:]
        for folder in folders {
            guard
                let walker = FileManager.default.enumerator(
                    at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles, .skipsPackageDescendants])
            else { continue }
            for case let url as URL in walker where url.pathExtension.lowercased() == "ttf" {
                let name = url.lastPathComponent
                if files[name] == nil { files[name] = url }
            }
        }
        return files
    }
}
