import BulletinDocuments
import Foundation
import Testing

/// Real fonts installed on this machine (`apt-get install fonts-dejavu-core fonts-liberation`),
/// found through the system folders; tests needing one are skipped when it is absent.
enum TestFonts {
    static let folders = FontLocator.defaultSystemDirectories(home: ProcessInfo.processInfo.environment["HOME"])

    /// The path of the installed font file named `name`, if any.
    static func path(_ name: String) -> URL? {
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.lastPathComponent == name { return url }
        }
        return nil
    }

    /// The installed font named `name`, parsed once through the shared cache.
    static func font(_ name: String) -> TrueTypeFont? {
        path(name).flatMap { try? FontCache.shared.font(at: $0) }
    }

    static let dejaVuSansPath = path("DejaVuSans.ttf")
    static var hasDejaVu: Bool { dejaVuSansPath != nil }
    static var hasLiberation: Bool { path("LiberationSans-Regular.ttf") != nil }
    static let skipReason: Comment = "DejaVu Sans is not installed (apt-get install fonts-dejavu-core)"
    static let liberationSkipReason: Comment = "Liberation Sans is not installed (apt-get install fonts-liberation)"

    /// DejaVu Sans; only call from tests enabled by ``hasDejaVu``.
    static var dejaVuSans: TrueTypeFont { font("DejaVuSans.ttf")! }
}
