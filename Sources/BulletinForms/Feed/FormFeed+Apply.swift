import BulletinCore

extension FormFeed {
    /// The project's draft with a submission's answers applied, or why none can be.
    ///
    /// The result is not checked against the project's rules (the caller does, with
    /// ``ProjectValidator``): a new peer may be one too many, a text one too long.
    public func applied(to draft: ProjectDraft, answers: [String: JSONValue]) -> Result<FormFeedChange, FormFeedRefusal> {
        var changed = draft
        let target: FormFeedChange.Target
        if let peerField {
            guard let name = answers[peerField]?.stringValue.map(TextRules.trimmed), !name.isEmpty else {
                return .failure(FormFeedRefusal(reason: "The answer to \(peerField), which names the peer, is empty."))
            }
            if name.lowercased() == draft.subject.name.lowercased() {
                target = .subject(draft.subject.name)
                changed.subject = updated(draft.subject, answers: answers)
            } else if let index = draft.peers.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                target = .existingPeer(draft.peers[index].name)
                changed.peers[index] = updated(draft.peers[index], answers: answers)
            } else {
                target = .newPeer(name)
                changed.peers.append(updated(Participant(name: name), answers: answers))
            }
        } else {
            target = .subject(draft.subject.name)
            changed.subject = updated(draft.subject, answers: answers)
        }
        return .success(FormFeedChange(draft: changed, target: target))
    }

    private func updated(_ participant: Participant, answers: [String: JSONValue]) -> Participant {
        var participant = participant
        if let websiteField, let website = answers[websiteField]?.stringValue.map(TextRules.trimmed), !website.isEmpty {
            participant.website = website
        }
        for attribute in attributes {
            guard let value = answers[attribute.field].flatMap(Self.attributeValue) else { continue }
            participant.attributes[TextRules.trimmed(attribute.name)] = value
        }
        return participant
    }

    /// An answer as an attribute's value; `nil` for no answer (or one no attribute can hold).
    static func attributeValue(_ answer: JSONValue) -> AttributeValue? {
        switch answer {
        case .string(let text): TextRules.trimmed(text).isEmpty ? nil : .text(text)
        case .number(let number): .number(number)
        case .bool(let flag): .boolean(flag)
        case .array(let items):
            items.isEmpty ? nil : .text(items.map { $0.stringValue ?? $0.jsonText() }.joined(separator: ", "))
        case .null, .object: nil
        }
    }
}

/// A project's draft after a submission, and the participant the answers went to.
public struct FormFeedChange: Sendable, Hashable {
    /// The participant the answers went to, by name.
    public enum Target: Sendable, Hashable {
        case subject(String)
        case existingPeer(String)
        case newPeer(String)

        /// The participant's name.
        public var name: String {
            switch self {
            case .subject(let name), .existingPeer(let name), .newPeer(let name): name
            }
        }
    }

    public let draft: ProjectDraft
    public let target: Target
}

/// Why a submission changes nothing in the project it feeds: a sentence for the author.
public struct FormFeedRefusal: Error, Sendable, Hashable {
    public let reason: String
}

/// What feeding a project made of one submission, stored with it and shown in the list of
/// submissions.
public struct FormFeedOutcome: Codable, Sendable, Hashable {
    /// Whether the project changed.
    public enum Status: String, Codable, Sendable {
        case applied, skipped
    }

    public var status: Status
    public var projectID: String
    /// The participant the answers went to.
    public var participant: String?
    /// The report run the submission started.
    public var runID: String?
    /// What happened, as a sentence.
    public var detail: String

    /// Creates an outcome.
    public init(status: Status, projectID: String, participant: String? = nil, runID: String? = nil, detail: String) {
        self.status = status
        self.projectID = projectID
        self.participant = participant
        self.runID = runID
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case status
        case projectID = "projectId"
        case participant
        case runID = "runId"
        case detail
    }
}
