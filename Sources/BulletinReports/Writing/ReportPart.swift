import BulletinAI
import BulletinStore
import Foundation

/// One part of a report a language model writes: the summary, or one participant's section.
/// Each is asked for separately, as a JSON object of a fixed shape, with the analysis as
/// its facts and the offline writer's text as its draft.
enum ReportPart: Sendable, Hashable {
    case summary
    /// The participant's section, by its place in the document.
    case section(Int)

    /// What a retry says before the numbers a previous answer invented.
    static let correctionMarker = "These numbers are not in the facts"

    /// The most a part's answer may be, in tokens (what the budget reserves per call).
    static let maximumOutputTokens = 1200

    static let system = """
        You write one part of a comparative business report. State only what the FACTS hold: \
        every number you write must appear in the FACTS (rounding is fine), and you add no \
        figures, dates or claims of your own. Write plain, specific prose for a busy reader; \
        no Markdown, no HTML. Answer with one JSON object of exactly the shape asked for, and \
        nothing else. The DRAFT is correct but plain: improve its wording, keep its meaning.
        """

    /// The part's name as people read it ("Summary", or the participant).
    func name(in draft: ReportDocument) -> String {
        switch self {
        case .summary: "Summary"
        case .section(let index): draft.sections[index].heading
        }
    }

    /// The request for this part; `corrections` lists what a previous answer got wrong.
    func prompt(facts: String, draft: ReportDocument, corrections: [String]) -> Prompt {
        var user: String
        switch self {
        case .summary:
            user = """
                Write the report's executive summary: 2 to 6 short paragraphs comparing the participants.
                Shape: {"paragraphs": ["…", "…"]}
                """
        case .section(let index):
            user = """
                Write the section about \(draft.sections[index].heading): its strengths and weaknesses (short \
                sentences, at most 8 each) and one sentence on where its prices stand, or null when no price was compared.
                Shape: {"strengths": ["…"], "weaknesses": ["…"], "pricing": "…" or null}
                """
        }
        if !corrections.isEmpty {
            user += "\n\n" + corrections.joined(separator: "\n")
        }
        user += "\n\nFACTS:\n\(facts)\n\nDRAFT:\n\(draftJSON(draft))"
        return Prompt(system: Self.system, user: user, maxOutputTokens: Self.maximumOutputTokens, expectsJSON: true)
    }

    /// The part of the offline draft, in the shape the answer takes.
    func draftJSON(_ draft: ReportDocument) -> String {
        let object: Answer =
            switch self {
            case .summary: Answer(paragraphs: draft.summary)
            case .section(let index):
                Answer(
                    strengths: draft.sections[index].strengths, weaknesses: draft.sections[index].weaknesses,
                    pricing: draft.sections[index].pricing)
            }
        return (try? JSONText.encode(object)) ?? "{}"
    }

    /// The answer's shape: `paragraphs` for the summary; `strengths`, `weaknesses` and
    /// `pricing` for a section.
    struct Answer: Codable, Sendable {
        var paragraphs: [String]?
        var strengths: [String]?
        var weaknesses: [String]?
        var pricing: String?
    }

    /// Why an answer cannot be used.
    enum Refusal: Error {
        /// Not the JSON object asked for, or out of bounds.
        case shape(String)
        /// Numbers the facts do not hold, as written.
        case invented([String])
    }

    /// What an answer said, checked: the summary's paragraphs, or a section's lists.
    enum Content: Sendable, Hashable {
        case summary([String])
        case section(strengths: [String], weaknesses: [String], pricing: String?)

        /// Every sentence, for the fact guard.
        var texts: [String] {
            switch self {
            case .summary(let paragraphs): paragraphs
            case .section(let strengths, let weaknesses, let pricing): strengths + weaknesses + (pricing.map { [$0] } ?? [])
            }
        }
    }

    /// The answer's content when it has the part's shape and states only facts.
    func read(_ text: String, guard factGuard: FactGuard) throws(Refusal) -> Content {
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(Self.unfenced(text).utf8)) else {
            throw .shape("The answer was not one JSON object of the shape asked for.")
        }
        let content: Content
        switch self {
        case .summary:
            guard let paragraphs = answer.paragraphs?.map(Self.trimmed).filter({ !$0.isEmpty }), (1...8).contains(paragraphs.count),
                paragraphs.allSatisfy({ $0.count <= 1500 })
            else { throw .shape("\"paragraphs\" must hold 1 to 8 paragraphs of at most 1500 characters.") }
            content = .summary(paragraphs)
        case .section:
            let strengths = (answer.strengths ?? []).map(Self.trimmed).filter { !$0.isEmpty }
            let weaknesses = (answer.weaknesses ?? []).map(Self.trimmed).filter { !$0.isEmpty }
            let pricing = answer.pricing.map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 }
            guard answer.strengths != nil, answer.weaknesses != nil, strengths.count <= 10, weaknesses.count <= 10,
                (strengths + weaknesses + [pricing ?? ""]).allSatisfy({ $0.count <= 500 })
            else { throw .shape("\"strengths\" and \"weaknesses\" must be lists of at most 10 sentences of at most 500 characters.") }
            content = .section(strengths: strengths, weaknesses: weaknesses, pricing: pricing)
        }
        let invented = content.texts.flatMap(factGuard.violations(in:))
        guard invented.isEmpty else { throw .invented(invented) }
        return content
    }

    /// Puts checked content in its place in `document`.
    func place(_ content: Content, in document: inout ReportDocument) {
        switch (self, content) {
        case (.summary, .summary(let paragraphs)): document.summary = paragraphs
        case (.section(let index), .section(let strengths, let weaknesses, let pricing)):
            document.sections[index].strengths = strengths
            document.sections[index].weaknesses = weaknesses
            document.sections[index].pricing = pricing
        default: break
        }
    }

    /// The JSON inside a Markdown code fence, which some models add although told not to.
    static func unfenced(_ text: String) -> String {
        var trimmed = Self.trimmed(text)
        guard trimmed.hasPrefix("```") else { return trimmed }
        trimmed = String(trimmed.drop { $0 != "\n" })
        if trimmed.hasSuffix("```") { trimmed = String(trimmed.dropLast(3)) }
        return Self.trimmed(trimmed)
    }

    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
