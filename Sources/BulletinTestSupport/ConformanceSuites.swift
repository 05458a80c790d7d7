import Foundation

/// The shared conformance suites, read at test time from `../shared/conformance` beside the
/// repository, or from the folder `BULLETIN_CONFORMANCE_DIR` names.
public enum ConformanceSuites {
    /// The folder of one suite, such as `unleash-client-specification`.
    public static func folder(_ suite: String) -> URL {
        let root =
            ProcessInfo.processInfo.environment["BULLETIN_CONFORMANCE_DIR"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/conformance")
        return root.appendingPathComponent(suite)
    }

    /// The specification files of Unleash's client specification, in `index.json`'s order.
    public static func unleashSpecificationFiles() throws -> [URL] {
        let folder = folder("unleash-client-specification/specifications")
        let index = try JSONDecoder().decode([String].self, from: Data(contentsOf: folder.appendingPathComponent("index.json")))
        return index.map { folder.appendingPathComponent($0) }
    }
}
