import BulletinCore
import Foundation
import Synchronization
import Testing

@testable import BulletinReports

@Suite("Collecting pages")
struct CollectorTests {
    @Test("every participant's page is read; failures become notes, not a failed run")
    func collect() async throws {
        try await PageFetcherTests.withFixtureSite { site in
            let project = ProjectDraft(
                name: "Fixture", subject: Participant(name: "Good", website: site + "/hop"),
                peers: [
                    Participant(name: "Gone", website: site + "/missing"),
                    Participant(name: "Inside", website: site + "/to-private"),
                    Participant(name: "Offline"),
                ])
            let calls = Mutex<[Int]>([])
            let collector = Collector(fetcher: PageFetcherTests.fetcher)
            let (inputs, notes) = await collector.collect(project) { done, total in
                calls.withLock { $0.append(done * 10 + total) }
            }
            #expect(inputs.map(\.participant.name) == ["Good", "Gone", "Inside", "Offline"])
            #expect(inputs[0].page?.title == "Fixture")
            #expect(inputs[1].page == nil && inputs[2].page == nil && inputs[3].page == nil)
            #expect(notes.count == 2)
            #expect(notes[0] == "Gone's page could not be read: it answered 404.")
            #expect(notes[1].hasPrefix("Inside's page could not be read: refused: 10.0.0.1 is a private network address"))
            // Progress after each of the three pages with a website, in order.
            #expect(calls.withLock { $0 } == [13, 23, 33])
        }
    }

    @Test("a page that times out and one cut at the size cap are noted; the cut one is still read")
    func slowAndEnormous() async throws {
        try await PageFetcherTests.withFixtureSite { site in
            let project = ProjectDraft(
                name: "Fixture", subject: Participant(name: "Huge", website: site + "/enormous"),
                peers: [Participant(name: "Slow", website: site + "/slow"), Participant(name: "Good", website: site + "/page")])
            let (inputs, notes) = await Collector(fetcher: PageFetcherTests.impatient).collect(project)
            #expect(inputs[0].page != nil && inputs[1].page == nil && inputs[2].page?.title == "Fixture")
            #expect(
                notes == [
                    "Huge's page is larger than 2 MB; only its beginning was read.",
                    "Slow's page could not be read: the page did not arrive in time.",
                ])
        }
    }
}
