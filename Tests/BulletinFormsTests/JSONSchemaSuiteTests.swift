import BulletinForms
import BulletinTestSupport
import Foundation
import Testing

/// JSON-Schema-Test-Suite's draft 2020-12 files, read from the shared conformance folder.
@Suite("JSON Schema 2020-12 conformance", ConformanceSuites.required(.jsonSchema))
struct JSONSchemaSuiteTests {
    /// The result of running some suite files.
    struct Tally {
        var passed = 0
        var total = 0
        /// Failing tests by file, for the log.
        var failures: [String: [String]] = [:]

        var rate: Double { total == 0 ? 0 : Double(passed) / Double(total) }
    }

    static var testsFolder: URL {
        ConformanceSuites.folder(.jsonSchema).appendingPathComponent("tests/draft2020-12")
    }

    /// The suite's remote documents, keyed as the tests refer to them.
    static func remotes() throws -> [String: JSONValue] {
        let folder = ConformanceSuites.folder(.jsonSchema).appendingPathComponent("remotes")
        var remotes: [String: JSONValue] = [:]
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "json" else { continue }
            let relative = file.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)
            remotes["http://localhost:1234/" + relative] = try JSONValue(parsing: Data(contentsOf: file))
        }
        return remotes
    }

    /// The `.json` files directly in a folder, sorted.
    static func files(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Runs every case of the files; a schema that fails to compile fails all its tests.
    static func run(_ files: [URL], assertFormats: Bool) throws -> Tally {
        let remotes = try remotes()
        var tally = Tally()
        for file in files {
            let name = file.lastPathComponent
            guard case .array(let cases) = try JSONValue(parsing: Data(contentsOf: file)) else { continue }
            for testCase in cases {
                let tests = testCase["tests"]?.arrayValue ?? []
                let description = testCase["description"]?.stringValue ?? "?"
                let schema = try? JSONSchema(testCase["schema"] ?? true, remotes: remotes, assertFormats: assertFormats)
                for test in tests {
                    tally.total += 1
                    let expected = test["valid"]?.boolValue ?? true
                    if let schema, schema.isValid(test["data"] ?? nil) == expected {
                        tally.passed += 1
                    } else {
                        let reason = schema == nil ? " (schema did not compile)" : ""
                        tally.failures[name, default: []].append("\(description) / \(test["description"]?.stringValue ?? "?")\(reason)")
                    }
                }
            }
        }
        return tally
    }

    static func report(_ tally: Tally) {
        for (file, failures) in tally.failures.sorted(by: { $0.key < $1.key }) {
            for failure in failures { print("  failing: \(file): \(failure)") }
        }
    }

    @Test("Every required draft 2020-12 file passes at 95 % or more")
    func requiredFiles() throws {
        let tally = try Self.run(Self.files(in: Self.testsFolder), assertFormats: false)
        Self.report(tally)
        let percent = String(format: "%.1f", tally.rate * 100)
        print("JSON Schema 2020-12 suite: \(tally.passed)/\(tally.total) required cases pass (\(percent) %)")
        #expect(tally.total > 1000)
        #expect(tally.rate >= 0.95)
    }

    @Test("The optional format files, with formats asserted (informational)")
    func optionalFormats() throws {
        let tally = try Self.run(Self.files(in: Self.testsFolder.appendingPathComponent("optional/format")), assertFormats: true)
        Self.report(tally)
        let percent = String(format: "%.1f", tally.rate * 100)
        print("JSON Schema 2020-12 optional/format: \(tally.passed)/\(tally.total) cases pass (\(percent) %)")
        #expect(tally.total > 0)
    }
}
