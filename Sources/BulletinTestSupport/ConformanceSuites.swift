import Foundation
import Testing

/// The shared conformance suites (Unleash's client specification, the event-stream rules of
/// web-platform-tests, …), read at test time and never copied into the repository.
///
/// They are found in the folder `CONFORMANCE_DIR` names, else in `../shared/conformance`
/// beside the checkout. A fresh clone has neither: the tests that read a suite are then
/// skipped with a reason naming the variable (``required(_:)``), and `scripts/test` says so in
/// its summary line.
public enum ConformanceSuites {
    /// The environment variable naming the folder that holds the suites. Outside the product's
    /// `BULLETIN_` namespace on purpose: the server refuses `BULLETIN_` variables it does not know.
    public static let variable = "CONFORMANCE_DIR"

    /// One suite, by its folder's name.
    public struct Suite: Sendable, Hashable, CustomStringConvertible {
        /// The folder's name inside the suites' folder.
        public let folder: String

        public var description: String { folder }

        /// Unleash's client specification: feature-flag evaluation.
        public static let unleash = Suite(folder: "unleash-client-specification")
        /// The server-sent events rules of web-platform-tests, restated with vectors.
        public static let serverSentEvents = Suite(folder: "sse-eventsource-wpt")
        /// The JSON Logic tests of jsonlogic.com (`tests.json`).
        public static let jsonLogic = Suite(folder: "json-logic-official")
        /// The JSON Logic community's compatibility tables.
        public static let jsonLogicCompatibility = Suite(folder: "json-logic-compat-tables")
        /// JSON-Schema-Test-Suite (draft 2020-12 is the one read).
        public static let jsonSchema = Suite(folder: "json-schema-test-suite")
    }

    /// The folder holding the suites: `CONFORMANCE_DIR`, else `../shared/conformance` beside
    /// the checkout.
    public static var root: URL {
        if let named = ProcessInfo.processInfo.environment[variable], !named.isEmpty {
            return URL(fileURLWithPath: named)
        }
        // Sources/BulletinTestSupport/ConformanceSuites.swift → the checkout → its parent.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return checkout.deletingLastPathComponent().appendingPathComponent("shared/conformance")
    }

    /// Whether a suite's folder is present.
    public static func isPresent(_ suite: Suite) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder(suite).path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// A trait that runs a test only when the suite it reads is present, and otherwise skips it
    /// with a reason that says how to run it.
    public static func required(_ suite: Suite) -> ConditionTrait {
        .enabled(
            if: isPresent(suite),
            Comment(rawValue: "conformance suite \(suite) not found in \(root.path): set \(variable) to run it"))
    }

    /// The folder of one suite.
    public static func folder(_ suite: Suite) -> URL {
        root.appendingPathComponent(suite.folder)
    }

    /// The specification files of Unleash's client specification, in `index.json`'s order.
    public static func unleashSpecificationFiles() throws -> [URL] {
        let folder = folder(.unleash).appendingPathComponent("specifications")
        let index = try JSONDecoder().decode([String].self, from: Data(contentsOf: folder.appendingPathComponent("index.json")))
        return index.map { folder.appendingPathComponent($0) }
    }
}
