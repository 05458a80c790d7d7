import BulletinCore
import BulletinForms
import Testing

/// A feed's mapping is checked against the form, and a submission's answers land on the
/// participant the mapping names, as attribute values a report can compare.
@Suite("Form feeds")
struct FormFeedTests {
    static let definition = try! FormDefinition.parse([
        "pages": [
            [
                "title": "Peer",
                "elements": [
                    ["type": "select", "key": "vendor", "label": "Vendor", "options": ["Acme", "Globex"]],
                    ["type": "text", "key": "other", "label": "Other"],
                    ["type": "url", "key": "site", "label": "Site"],
                    ["type": "number", "key": "price", "label": "Price"],
                    ["type": "multiselect", "key": "regions", "label": "Regions", "options": ["EU", "US"]],
                    ["type": "consent", "key": "agree", "label": "Agree"],
                    ["type": "matrix", "key": "grid", "label": "Grid", "options": ["a"], "rows": ["x"]],
                    ["type": "textarea", "key": "notes", "label": "Notes"],
                    ["type": "repeat", "key": "items", "label": "Items", "elements": [["type": "text", "key": "item", "label": "Item"]]],
                ],
            ]
        ]
    ]).get()

    static let project = ProjectDraft(
        name: "Vendors", subject: Participant(name: "Initech", attributes: ["price": .number(9)]),
        peers: [Participant(name: "Acme", attributes: ["price": .number(10), "regions": .text("EU")]), Participant(name: "Hooli")])

    @Test("fields that are missing, repeated, of the wrong type or mapped twice are named")
    func problems() {
        let feed = FormFeed(
            projectID: "p", peerField: "notes", websiteField: "item",
            attributes: [
                FormFeedAttribute(field: "grid", name: "grid"), FormFeedAttribute(field: "ghost", name: "ghost"),
                FormFeedAttribute(field: "price", name: "Price"), FormFeedAttribute(field: "regions", name: "price "),
                FormFeedAttribute(field: "agree", name: "  "),
            ])
        let pointers = feed.problems(in: Self.definition).map(\.pointer)
        #expect(
            pointers == [
                "/peerField", "/websiteField", "/attributes/0/field", "/attributes/1/field", "/attributes/3/attribute",
                "/attributes/4/attribute",
            ])
        #expect(FormFeed(projectID: "p").problems(in: Self.definition).map(\.pointer) == ["/attributes"])
        #expect(FormFeed(projectID: "p", peerField: "vendor", websiteField: "site").problems(in: Self.definition).isEmpty)
    }

    @Test("answers update a named peer, add a new one, or go to the subject")
    func applies() throws {
        let feed = FormFeed(
            projectID: "p", peerField: "other", websiteField: "site",
            attributes: [
                FormFeedAttribute(field: "price", name: "price"), FormFeedAttribute(field: "regions", name: "regions"),
                FormFeedAttribute(field: "agree", name: "agreed"),
            ])
        let existing = try feed.applied(
            to: Self.project, answers: ["other": " acme ", "price": 12, "regions": ["EU", "US"], "agree": true]
        ).get()
        #expect(existing.target == .existingPeer("Acme"))
        #expect(existing.draft.peers[0].attributes == ["price": .number(12), "regions": .text("EU, US"), "agreed": .boolean(true)])
        #expect(existing.draft.peers.count == 2 && existing.draft.subject == Self.project.subject)

        let unanswered = try feed.applied(to: Self.project, answers: ["other": "Acme", "regions": [], "site": ""]).get()
        #expect(unanswered.draft == Self.project, "unanswered fields leave attributes and website as they were")

        let new = try feed.applied(to: Self.project, answers: ["other": "Umbrella", "site": "https://umbrella.example", "price": 3]).get()
        #expect(new.target == .newPeer("Umbrella"))
        #expect(
            new.draft.peers.last == Participant(name: "Umbrella", website: "https://umbrella.example", attributes: ["price": .number(3)]))

        let subject = try feed.applied(to: Self.project, answers: ["other": "INITECH", "price": 7]).get()
        #expect(subject.target == .subject("Initech") && subject.draft.subject.attributes["price"] == .number(7))

        #expect(throws: FormFeedRefusal.self) { try feed.applied(to: Self.project, answers: ["other": "  ", "price": 1]).get() }

        var toSubject = feed
        toSubject.peerField = nil
        let fed = try toSubject.applied(to: Self.project, answers: ["price": 1.5]).get()
        #expect(fed.target == .subject("Initech") && fed.draft.subject.attributes["price"] == .number(1.5))
    }
}
