import BulletinCore
import Foundation

/// The collect stage: reads the page of every participant that has a website, a few at a
/// time. A page that fails (unreachable, refused, timed out, an error status, not HTML) becomes
/// a note in the report, and so does one cut at the size cap; neither fails the run.
public struct Collector: Sendable {
    /// Pages fetched at once.
    public static let concurrency = 4

    public let fetcher: PageFetcher

    public init(fetcher: PageFetcher) {
        self.fetcher = fetcher
    }

    /// What the analysis needs, the subject first, and the notes on pages that could not be
    /// read. `progress` is called after each page with how many of the pages are done.
    public func collect(
        _ project: ProjectDraft, progress: @Sendable (_ done: Int, _ total: Int) async -> Void = { _, _ in }
    ) async -> (inputs: [AnalysisInput], notes: [String]) {
        let participants = [project.subject] + project.peers
        let pages = participants.enumerated().compactMap { index, participant in
            participant.website.flatMap(URL.init(string:)).map { (index, participant.name, $0) }
        }
        var facts: [Int: PageFacts] = [:]
        var notes: [Int: String] = [:]
        await withTaskGroup(of: (Int, Result<ReadPage, FetchProblem>).self) { group in
            var pending = pages[...]
            func startNext() {
                guard let (index, name, url) = pending.popFirst() else { return }
                group.addTask { (index, await read(url, of: name)) }
            }
            for _ in 0..<Self.concurrency { startNext() }
            var done = 0
            for await (index, result) in group {
                switch result {
                case .success(let page):
                    facts[index] = page.facts
                    notes[index] = page.note
                case .failure(let problem): notes[index] = problem.note
                }
                done += 1
                await progress(done, pages.count)
                startNext()
            }
        }
        let inputs = participants.enumerated().map { AnalysisInput(participant: $1, page: facts[$0]) }
        return (inputs, notes.keys.sorted().map { notes[$0]! })
    }

    private struct FetchProblem: Error {
        let note: String
    }

    /// A page that was read, with a note when only part of it was.
    private struct ReadPage {
        let facts: PageFacts
        var note: String?
    }

    private func read(_ url: URL, of name: String) async -> Result<ReadPage, FetchProblem> {
        do {
            let page = try await fetcher.fetch(url)
            guard (200..<300).contains(page.status) else {
                return .failure(FetchProblem(note: "\(name)'s page could not be read: it answered \(page.status)."))
            }
            if let type = page.contentType?.lowercased(), !type.contains("html"), !type.hasPrefix("text/") {
                return .failure(FetchProblem(note: "\(name)'s page could not be read: it is \(type), not HTML."))
            }
            let facts = PageReader.facts(html: page.body, url: page.url)
            let cut = "\(name)'s page is larger than \(PageFetcher.maximumBytes / 1_048_576) MB; only its beginning was read."
            return .success(ReadPage(facts: facts, note: page.truncated ? cut : nil))
        } catch {
            return .failure(FetchProblem(note: "\(name)'s page could not be read: \(error.description)."))
        }
    }
}
