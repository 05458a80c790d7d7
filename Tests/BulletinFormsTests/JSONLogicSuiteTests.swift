import BulletinForms
import BulletinTestSupport
import Foundation
import Testing

/// The Swift engine against jsonlogic.com's tests (every case must pass) and the community's
/// compatibility tables (the pass rate is printed; the cases the engine supports must pass).
@Suite("JSON Logic conformance")
struct JSONLogicSuiteTests {
    @Test("every case of jsonlogic.com's tests.json", ConformanceSuites.required(.jsonLogic))
    func officialTests() throws {
        let file = ConformanceSuites.folder(.jsonLogic).appendingPathComponent("tests.json")
        guard case .array(let entries) = try JSONValue(parsing: Data(contentsOf: file)) else {
            Issue.record("tests.json is no array")
            return
        }
        var passed = 0
        var failures: [String] = []
        let cases = entries.compactMap(\.arrayValue)
        for entry in cases where entry.count == 3 {
            let outcome = Result { () throws(LogicError) in try JSONLogic.apply(entry[0], data: entry[1]) }
            if case .success(let value) = outcome, value == entry[2] {
                passed += 1
            } else {
                failures.append("\(entry[0].jsonText()) with \(entry[1].jsonText()) → \(outcome), expected \(entry[2].jsonText())")
            }
        }
        print("JSON Logic official tests (Swift): \(passed)/\(cases.count) pass")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(cases.count == 277)
    }

    @Test("the compatibility tables", ConformanceSuites.required(.jsonLogicCompatibility))
    func compatibilityTables() throws {
        let folder = ConformanceSuites.folder(.jsonLogicCompatibility).appendingPathComponent("suites")
        let index = try JSONDecoder().decode([String].self, from: Data(contentsOf: folder.appendingPathComponent("index.json")))
        var total = 0
        var failures: [String] = []
        for name in index {
            guard case .array(let entries) = try JSONValue(parsing: Data(contentsOf: folder.appendingPathComponent(name))) else { continue }
            for entry in entries {
                guard case .object(let test) = entry, let rule = test["rule"] else { continue }
                total += 1
                let outcome = Result { () throws(LogicError) in try JSONLogic.apply(rule, data: test["data"] ?? .null) }
                let passes: Bool =
                    switch outcome {
                    case .success(let value): test["result"] == value
                    case .failure(let error): test["error"] == error.payload
                    }
                if !passes { failures.append("\(name): \(test["description"]?.stringValue ?? "") → \(outcome)") }
            }
        }
        let passed = total - failures.count
        let rate = String(format: "%.1f", Double(passed) / Double(max(total, 1)) * 100)
        print("JSON Logic compatibility tables (Swift): \(passed)/\(total) pass (\(rate) %)")
        for failure in failures { print("  failing: \(failure)") }
        #expect(total == 1138)
        #expect(failures.isEmpty, "\(failures.count) cases fail")
    }
}
