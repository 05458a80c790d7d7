import BulletinDocuments
import Foundation
import Testing

/// Finding a family on disk and loading each file once. The "fonts" here are the synthetic
/// font written under real file names, so these tests need no installed font.
struct FontLocatorTests {
    /// A fresh folder holding the synthetic font under each of `names` (paths may include subfolders).
    static func folder(_ names: [String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fonts-\(UUID().uuidString)")
        for name in names {
            let file = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(SyntheticFont.bytes()).write(to: file)
        }
        return root
    }

    static func locator(_ directory: URL?, environment: [String: String] = [:], system: [URL] = []) -> FontLocator {
        FontLocator(directory: directory, environment: environment, systemDirectories: system, cache: FontCache())
    }

    @Test func prefersDejaVuOverLiberationAndSearchesSubfolders() throws {
        let root = try Self.folder(["a/LiberationSans-Regular.ttf", "b/deeper/DejaVuSans.ttf", "b/DejaVuSans-Bold.ttf"])
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try #require(Self.locator(root).locate())
        #expect(files.name == "DejaVu Sans")
        #expect(files.regular.lastPathComponent == "DejaVuSans.ttf")
        #expect(files.bold.lastPathComponent == "DejaVuSans-Bold.ttf")
        #expect(files.italic == files.regular && files.boldItalic == files.regular)  // missing styles fall back
    }

    @Test func takesTheNextFamilyWhenTheFirstIsAbsent() throws {
        let root = try Self.folder([
            "NotoSans-Regular.ttf", "LiberationSans-Regular.ttf", "LiberationSans-BoldItalic.ttf", "DejaVuSans-Bold.ttf",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try #require(Self.locator(root).locate())
        #expect(files.name == "Liberation Sans")  // DejaVu has no regular face here, so it does not count
        #expect(files.boldItalic.lastPathComponent == "LiberationSans-BoldItalic.ttf")
    }

    @Test func explicitFolderThenEnvironmentThenSystem() throws {
        let explicit = try Self.folder(["NotoSans-Regular.ttf"])
        let environment = try Self.folder(["LiberationSans-Regular.ttf"])
        let system = try Self.folder(["DejaVuSans.ttf"])
        defer { for folder in [explicit, environment, system] { try? FileManager.default.removeItem(at: folder) } }
        let variables = ["BULLETIN_FONT_DIR": environment.path]
        #expect(Self.locator(explicit, environment: variables, system: [system]).locate()?.name == "Noto Sans")
        #expect(Self.locator(nil, environment: variables, system: [system]).locate()?.name == "Liberation Sans")
        #expect(Self.locator(nil, system: [system]).locate()?.name == "DejaVu Sans")
    }

    @Test func nothingFoundGivesNil() throws {
        let empty = try Self.folder(["Unrelated.ttf"])
        defer { try? FileManager.default.removeItem(at: empty) }
        let missing = URL(fileURLWithPath: "/nonexistent/fonts")
        let locator = Self.locator(empty, environment: ["BULLETIN_FONT_DIR": missing.path], system: [missing])
        #expect(locator.locate() == nil)
        #expect(locator.family() == nil)
    }

    @Test func familyIsLoadedOnceAndFacesShareTheRegularFile() throws {
        let root = try Self.folder(["DejaVuSans.ttf", "DejaVuSans-Oblique.ttf"])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = FontCache()
        let locator = FontLocator(directory: root, environment: [:], systemDirectories: [], cache: cache)
        let first = try #require(locator.family())
        let second = try #require(locator.family())
        #expect(first.regular === second.regular)
        #expect(first.bold === first.regular && first.boldItalic === first.regular)
        #expect(first.italic !== first.regular)
        #expect(first.face(bold: false, italic: true) === first.italic)
        #expect(cache.count == 2)  // regular and oblique, each parsed once
    }

    @Test func unparsableStyleFallsBackToRegular() throws {
        let root = try Self.folder(["DejaVuSans.ttf"])
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("not a font".utf8).write(to: root.appendingPathComponent("DejaVuSans-Bold.ttf"))
        let family = try #require(Self.locator(root).family())
        #expect(family.bold === family.regular)
    }

    @Test func cacheParsesEachFileOnceAndReportsUnreadableFiles() throws {
        let root = try Self.folder(["Face.ttf"])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = FontCache()
        let url = root.appendingPathComponent("Face.ttf")
        let font = try cache.font(at: url)
        #expect(try cache.font(at: root.appendingPathComponent("./Face.ttf")) === font)
        #expect(cache.count == 1)
        let missing = root.appendingPathComponent("Missing.ttf")
        #expect(throws: FontError.unreadableFile(missing.path)) { try cache.font(at: missing) }
    }

    @Test func defaultFoldersAreFontconfigs() {
        let paths = FontLocator.defaultSystemDirectories(home: "/var/lib/someone").map(\.path)
        #expect(paths == ["/usr/share/fonts", "/usr/local/share/fonts", "/var/lib/someone/.local/share/fonts", "/var/lib/someone/.fonts"])
        #expect(FontLocator.defaultSystemDirectories(home: nil).count == 2)
    }

    @Test(.enabled(if: TestFonts.hasDejaVu, TestFonts.skipReason))
    func sharedLocatorFindsTheInstalledFamily() throws {
        let family = try #require(FontLocator(environment: [:]).family())
        #expect(family.regular.familyName == "DejaVu Sans")
        #expect(family.bold.isBold && family.italic.isItalic && family.boldItalic.isBold && family.boldItalic.isItalic)
    }
}
