import BulletinForms
import BulletinTestSupport
import Foundation
import Testing

/// The server's engine and the browser's (`json-logic.js`, run in Debian's Node) fed the same
/// randomly generated rules and data must give the same answers, errors included.
@Suite("JSON Logic: Swift and JavaScript agree")
struct JSONLogicDifferentialTests {
    static let node = ["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(
        "3,000 random rules over random data", .enabled(if: node != nil, "Node (Debian's nodejs) is not installed"),
        arguments: [20_261_207, 7])
    func enginesAgree(seed: UInt64) async throws {
        var generator = RuleGenerator(seed: seed)
        let cases = (0..<1_500).map { _ in generator.testCase() }
        let input = JSONValue.array(cases.map { ["rule": $0.rule, "data": $0.data] })
        let script = Self.checkout.appendingPathComponent("Tests/JSONLogic/evaluate.mjs").path
        let node = ChildProcess(try #require(Self.node), arguments: [script], input: Data(input.jsonText().utf8))
        let status = try await node.waitForExit(limit: .seconds(120))
        #expect(status == 0, "\(String(decoding: node.standardError, as: UTF8.self))")
        let answers = try #require(try JSONValue(parsing: node.standardOutput).arrayValue)
        try #require(answers.count == cases.count)
        var disagreements: [String] = []
        for (testCase, browser) in zip(cases, answers) {
            let server: JSONValue
            do {
                server = ["result": try JSONLogic.apply(testCase.rule, data: testCase.data)]
            } catch {
                server = ["error": error.payload["type"] ?? .null]
            }
            if server != browser {
                disagreements.append(
                    "\(testCase.rule.jsonText()) on \(testCase.data.jsonText()): Swift \(server.jsonText()), JavaScript \(browser.jsonText())"
                )
            }
        }
        #expect(
            disagreements.isEmpty, "\(disagreements.count) of \(cases.count) differ:\n\(disagreements.prefix(20).joined(separator: "\n"))")
        // The generator must reach both outcomes, or the comparison proves little.
        #expect(answers.filter { $0["error"] != nil }.count > 50)
        #expect(answers.filter { $0["result"] != nil }.count > 500)
    }
}

/// Random rules over random form-like data: every operator, mixed types that exercise the
/// coercions, paths that exist and paths that do not. Seeded, so a failure can be replayed.
struct RuleGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    private mutating func next() -> UInt64 {
        // SplitMix64: small, and the same sequence everywhere.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    private mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    static let keys = ["plate", "kind", "age", "price", "name", "tags", "agree", "notes", "rows"]

    mutating func testCase() -> (rule: JSONValue, data: JSONValue) {
        (rule(depth: 0), data())
    }

    mutating func data() -> JSONValue {
        var members: [String: JSONValue] = [:]
        for key in Self.keys where below(4) > 0 { members[key] = scalar() }
        members["tags"] = .array((0..<below(4)).map { _ in scalar() })
        members["rows"] = .array((0..<below(3)).map { _ in ["name": scalar(), "age": scalar()] })
        return .object(members)
    }

    mutating func scalar() -> JSONValue {
        switch below(12) {
        case 0: .null
        case 1: .bool(below(2) == 0)
        case 2, 3: .number(Double(below(41)) - 20)
        case 4: .number(Double(below(2_000)) / 8 - 100)
        case 5: .string(pick(["", "0", "1", "12", "-3.5", " 7 ", "1e3", "0x1f", "abc", "van", "Van", "ä", "a,b"]))
        case 6: .string(pick(["2026-12-07", "2025-01-31", "10:30", "yes", "no", "Infinity"]))
        case 7: .array((0..<below(3)).map { _ in .number(Double(below(5))) })
        case 8: .number(Double(below(100)) * 1e-7)
        case 9: .number(Double(below(100)) * 1e19)
        default: .string(pick(["car", "truck", "van", "bike", ""]))
        }
    }

    mutating func path() -> JSONValue {
        switch below(6) {
        case 0: .string(pick(Self.keys) + ".0")
        case 1: .string("missing")
        case 2: .string("rows.0.name")
        default: .string(pick(Self.keys))
        }
    }

    mutating func rule(depth: Int) -> JSONValue {
        if depth > 3 || below(4) == 0 { return below(2) == 0 ? scalar() : ["var": path()] }
        let operand = { (generator: inout RuleGenerator) in generator.rule(depth: depth + 1) }
        let count = 1 + below(3)
        switch below(26) {
        case 0: return ["var": below(2) == 0 ? path() : [path(), scalar()]]
        case 1: return ["val": below(2) == 0 ? path() : [[.number(Double(below(3)))], path()]]
        case 2: return ["exists": path()]
        case 3: return ["missing": .array((0..<count).map { _ in path() })]
        case 4: return ["missing_some": [.number(Double(below(3))), .array((0..<count).map { _ in path() })]]
        case 5: return ["if": .array((0..<(1 + below(5))).map { _ in operand(&self) })]
        case 6: return [pick(["and", "or"]): .array((0..<count).map { _ in operand(&self) })]
        case 7: return [pick(["!", "!!"]): below(2) == 0 ? operand(&self) : [operand(&self)]]
        case 8: return ["??": .array((0..<count).map { _ in operand(&self) })]
        case 9, 10:
            return [pick(["==", "!=", "===", "!=="]): .array((0..<(1 + count)).map { _ in operand(&self) })]
        case 11, 12:
            return [pick(["<", "<=", ">", ">="]): .array((0..<(1 + count)).map { _ in operand(&self) })]
        case 13, 14: return [pick(["+", "-", "*", "/", "%"]): .array((0..<count).map { _ in operand(&self) })]
        case 15: return [pick(["min", "max"]): .array((0..<count).map { _ in operand(&self) })]
        case 16: return ["cat": .array((0..<count).map { _ in operand(&self) })]
        case 17: return ["substr": .array([operand(&self)] + (0..<below(3)).map { _ in .number(Double(below(9)) - 4) })]
        case 18: return ["in": [operand(&self), below(2) == 0 ? ["var": "tags"] : operand(&self)]]
        case 19: return ["merge": .array((0..<count).map { _ in operand(&self) })]
        case 20:
            return [pick(["map", "filter", "all", "some", "none"]): [["var": pick(["tags", "rows", "missing"])], iteratorBody(depth)]]
        case 21: return ["reduce": [["var": "tags"], ["+": [["var": "current"], ["var": "accumulator"]]], operand(&self)]]
        case 22: return ["try": .array((0..<count).map { _ in operand(&self) })]
        case 23: return ["throw": .string(pick(["oops", "NaN"]))]
        case 24: return ["preserve": scalar()]
        default: return [pick(["+", "*"]): ["var": "tags"]]
        }
    }

    private mutating func iteratorBody(_ depth: Int) -> JSONValue {
        switch below(4) {
        case 0: [pick([">", "<", "=="]): [["var": ""], .number(Double(below(5)))]]
        case 1: ["var": pick(["name", "age", ""])]
        case 2: ["+": [["val": []], ["val": [[1], "index"]]]]
        default: rule(depth: depth + 2)
        }
    }
}
