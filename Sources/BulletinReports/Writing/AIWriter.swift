import BulletinAI
import BulletinCore
import BulletinStore
import Foundation
import Synchronization

/// Writes a report's narrative with language models: the summary and each participant's
/// section are asked for separately (several at once), as JSON of a fixed shape, with the
/// analysis as facts and the offline writer's text as the draft.
///
/// Each part goes down the chain: a model's answer that is not the shape asked for, or that
/// states a number the facts do not hold, is asked again once with what was wrong; if it is
/// still wrong, the next model writes the part. When no model can, the offline draft stays.
/// The document says who wrote each part and why any model before it did not; a refused key
/// or request is reported to the workspace's admins, once per run.
struct AIWriter: ReportWriter {
    let links: [FallbackChain.Link]
    let retry: FallbackChain.Retry
    let concurrentParts: Int
    /// Text as it is written: the part's name and its answer so far, JSON not yet complete (it
    /// starts over when a call is made again). Called for every piece: it must not wait.
    let onText: @Sendable (_ part: String, _ text: String) async -> Void
    /// What admins must hear about: attempts that need their attention, and whether the
    /// budget stopped any call.
    let onFinished: @Sendable (_ attention: [FallbackChain.Attempt], _ budgetRefused: Bool) async -> Void
    let budgetRefused: @Sendable () -> Bool

    func write(project: ProjectDraft, analysis: Analysis, notes: [String], at date: Date) async throws -> ReportDocument {
        var document = try await OfflineWriter().write(project: project, analysis: analysis, notes: notes, at: date)
        let facts = try JSONText.encode(analysis)
        let factGuard = FactGuard(
            facts: FactGuard.numbers(in: facts + "\n" + MarkdownRenderer.render(document)).compactMap {
                Double($0.replacingOccurrences(of: ",", with: ""))
            },
            names: analysis.participants + analysis.features.map(\.name) + analysis.numbers.map(\.name) + [project.name])
        let parts = [ReportPart.summary] + document.sections.indices.map(ReportPart.section)
        let draft = document
        let written = try await withThrowingTaskGroup(of: (ReportPart, Written).self) { group in
            var results: [ReportPart: Written] = [:]
            var pending = parts[...]
            func startNext() {
                guard let part = pending.popFirst() else { return }
                group.addTask { (part, try await self.write(part, facts: facts, draft: draft, guard: factGuard)) }
            }
            for _ in 0..<max(1, concurrentParts) { startNext() }
            while let (part, result) = try await group.next() {
                results[part] = result
                startNext()
            }
            return results
        }
        var authorship: [Authorship] = []
        for part in parts {
            guard let result = written[part] else { continue }
            if let content = result.content { part.place(content, in: &document) }
            authorship.append(Authorship(part: part.name(in: draft), writer: result.writer, fallbacks: result.fallbacks))
        }
        document.authorship = authorship
        await onFinished(written.values.flatMap(\.attention), budgetRefused())
        return document
    }

    /// How one part was written: its content (`nil`: the offline draft's), by whom, after what.
    struct Written: Sendable {
        var content: ReportPart.Content?
        var writer: String
        var fallbacks: [String]
        var attention: [FallbackChain.Attempt]
    }

    private func write(_ part: ReportPart, facts: String, draft: ReportDocument, guard factGuard: FactGuard) async throws -> Written {
        let name = part.name(in: draft)
        var fallbacks: [String] = []
        var attention: [FallbackChain.Attempt] = []
        var remaining = links[...]
        while !remaining.isEmpty {
            let text = PartText(name: name, onText: onText)
            let answer: LanguageModelAnswer
            let attempts: [FallbackChain.Attempt]
            do {
                (answer, attempts) = try await FallbackChain(links: Array(remaining), retry: retry).complete(
                    part.prompt(facts: facts, draft: draft, corrections: []), onProgress: text.receive)
            } catch let exhausted as ChainExhausted {
                fallbacks += exhausted.attempts.map(Self.reason)
                attention += exhausted.attempts.filter(\.needsAttention)
                break
            }
            fallbacks += attempts.dropLast().map(Self.reason)
            attention += attempts.filter(\.needsAttention)
            let answering = remaining.firstIndex { $0.model.provider == answer.provider && $0.model.model == attempts.last?.model }
            let writer = "\(answer.provider.displayName) \(answer.model)"
            switch checked(part, answer.text, factGuard) {
            case .success(let content): return Written(content: content, writer: writer, fallbacks: fallbacks, attention: attention)
            case .failure(let refusal):
                // Asked once more, of the same model, with what was wrong.
                guard let index = answering else { break }
                let again = PartText(name: name, onText: onText)
                await again.receive(.restarted)
                do {
                    let (second, _) = try await FallbackChain(links: [remaining[index]], retry: retry).complete(
                        part.prompt(facts: facts, draft: draft, corrections: Self.corrections(refusal)), onProgress: again.receive)
                    if case .success(let content) = checked(part, second.text, factGuard) {
                        return Written(content: content, writer: writer, fallbacks: fallbacks, attention: attention)
                    }
                    fallbacks.append("\(writer): \(Self.describe(checked(part, second.text, factGuard)))")
                } catch let exhausted as ChainExhausted {
                    fallbacks += exhausted.attempts.map(Self.reason)
                }
                remaining = remaining[(index + 1)...]
                await again.receive(.restarted)
                continue
            }
            break
        }
        await onText(name, "")
        return Written(content: nil, writer: "Offline writer", fallbacks: fallbacks, attention: attention)
    }

    private func checked(_ part: ReportPart, _ text: String, _ factGuard: FactGuard) -> Result<ReportPart.Content, ReportPart.Refusal> {
        Result { () throws(ReportPart.Refusal) in try part.read(text, guard: factGuard) }
    }

    /// What the retry tells the model about its previous answer.
    static func corrections(_ refusal: ReportPart.Refusal) -> [String] {
        switch refusal {
        case .shape(let problem): ["Your previous answer could not be used. \(problem) Answer with the JSON object only."]
        case .invented(let numbers):
            [
                "\(ReportPart.correctionMarker): \(numbers.joined(separator: ", ")). Write the part again without them; "
                    + "use only numbers found in the FACTS."
            ]
        }
    }

    static func describe(_ result: Result<ReportPart.Content, ReportPart.Refusal>) -> String {
        switch result {
        case .success: "answered"
        case .failure(.shape): "answered twice in a shape that could not be used"
        case .failure(.invented(let numbers)): "stated numbers not in the analysis twice (\(numbers.joined(separator: ", ")))"
        }
    }

    /// One line on why a model did not write a part.
    static func reason(_ attempt: FallbackChain.Attempt) -> String {
        let who = "\(attempt.provider.displayName) \(attempt.model)"
        switch attempt.outcome {
        case .answered: return "\(who): answered"
        case .skipped: return "\(who): skipped while it keeps failing (circuit open)"
        case .failed(let failure):
            let calls = attempt.calls > 1 ? " after \(attempt.calls) calls" : ""
            return "\(who): \(failure.cause)\(calls)"
        }
    }
}

/// A part's answer as it streams (JSON so far), handed on whole each time it grows.
final class PartText: Sendable {
    private let name: String
    private let text = Mutex("")
    private let onText: @Sendable (String, String) async -> Void

    init(name: String, onText: @escaping @Sendable (String, String) async -> Void) {
        self.name = name
        self.onText = onText
    }

    @Sendable func receive(_ progress: FallbackChain.Progress) async {
        let current: String = text.withLock { text in
            switch progress {
            case .text(let piece): text += piece
            case .restarted: text = ""
            }
            return text
        }
        await onText(name, current)
    }
}
