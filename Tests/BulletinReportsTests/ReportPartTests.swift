import BulletinAI
import Testing

@testable import BulletinReports

/// What a language model's answer for one part of a report must be, and what people watch
/// while it is written.
@Suite("Report parts written by models")
struct ReportPartTests {
    static let factGuard = FactGuard(facts: [8, 10, 4.5], names: ["Note 3"])

    @Test("an answer of the shape asked for is read; a fenced one too; numbers must be facts")
    func reading() throws {
        let summary = try ReportPart.summary.read(#"{"paragraphs": [" Inkwell costs 8. ", ""]}"#, guard: Self.factGuard)
        #expect(summary == .summary(["Inkwell costs 8."]))
        let fenced = "```json\n{\"strengths\": [\"Rated 4.5\"], \"weaknesses\": [], \"pricing\": null}\n```"
        #expect(
            try ReportPart.section(0).read(fenced, guard: Self.factGuard)
                == .section(strengths: ["Rated 4.5"], weaknesses: [], pricing: nil))
        #expect(throws: ReportPart.Refusal.self) {
            try ReportPart.summary.read(#"{"paragraphs": ["It grew 12 % on Note 3."]}"#, guard: Self.factGuard)
        }
        do {
            _ = try ReportPart.summary.read(#"{"paragraphs": ["Note 3 costs 11."]}"#, guard: Self.factGuard)
            Issue.record("an invented number was accepted")
        } catch .invented(let numbers) {
            #expect(numbers == ["11"])
        } catch {
            Issue.record("refused for its shape: \(error)")
        }
    }

    @Test("answers of another shape are refused: not JSON, no paragraphs, a section without its lists, too many")
    func shapes() {
        let wrong = [
            (ReportPart.summary, "The summary, in prose."), (.summary, #"{"paragraphs": []}"#), (.summary, #"{"text": "8"}"#),
            (.section(0), #"{"strengths": ["8"]}"#),
            (.section(0), #"{"strengths": \#(Array(repeating: "\"8\"", count: 11)), "weaknesses": []}"#),
        ]
        for (part, answer) in wrong {
            #expect(throws: ReportPart.Refusal.self, "\(answer)") { try part.read(answer, guard: Self.factGuard) }
        }
    }

    @Test("text being written reads as its values, without keys or JSON, the unfinished one last")
    func partialText() {
        #expect(PartialJSONText.values(in: #"{"paragraphs": ["First one.", "Sec"#) == "First one.\nSec")
        #expect(PartialJSONText.values(in: #"{"strengths": ["Caf\u00e9 \"A\""], "weaknesses": [], "pricing": null}"#) == "Café \"A\"")
        #expect(PartialJSONText.values(in: #"{"paragr"#) == "")
        #expect(PartialJSONText.values(in: "") == "")
    }
}

/// When the admins hear that the month's budget is running out.
@Suite("Budget notifications")
struct BudgetThresholdTests {
    @Test("80 % and 100 % are each announced by the call that passes them, once")
    func thresholds() {
        #expect(UsageMeter.thresholdsCrossed(from: 0, to: 500, budget: 1000) == [])
        #expect(UsageMeter.thresholdsCrossed(from: 700, to: 800, budget: 1000) == [80])
        #expect(UsageMeter.thresholdsCrossed(from: 800, to: 900, budget: 1000) == [])
        #expect(UsageMeter.thresholdsCrossed(from: 950, to: 1000, budget: 1000) == [100])
        #expect(UsageMeter.thresholdsCrossed(from: 10, to: 2000, budget: 1000) == [80, 100])
        #expect(UsageMeter.thresholdsCrossed(from: 1000, to: 1200, budget: 1000) == [])
    }
}
