import Foundation

/// The rules a project must keep, each broken one reported at its JSON pointer, and the
/// tidying (trimmed text, tags once each) applied before it is stored.
///
/// Lengths count Unicode code points, as JSON Schema's `maxLength` does, so that the OpenAPI
/// document's patterns for `ProjectInput` say these rules exactly (all but the distinct
/// names, which no schema can say).
public enum ProjectValidator {
    /// The fewest and most peers a project compares its subject with.
    public static let peerCount = 2...20
    /// The most tags, and of attributes per participant.
    public static let maximumTags = 20
    public static let maximumAttributes = 50

    /// The draft with text trimmed and tags lowercased once each, in their first order.
    ///
    /// - Parameter deduplicatingTags: `false` keeps every tag where it was sent, to check the
    ///   draft as sent: a tag's pointer is its place in the request, and duplicates count
    ///   towards the most tags.
    public static func tidied(_ draft: ProjectDraft, deduplicatingTags: Bool = true) -> ProjectDraft {
        var tidy = draft
        tidy.name = trimmed(draft.name)
        tidy.description = trimmed(draft.description)
        var seen: Set<String> = []
        tidy.tags = draft.tags.map { trimmed($0).lowercased() }.filter { !deduplicatingTags || seen.insert($0).inserted }
        tidy.subject = tidied(draft.subject)
        tidy.peers = draft.peers.map(tidied)
        tidy.schedule = draft.schedule.map { ReportSchedule(cron: trimmed($0.cron), timeZone: trimmed($0.timeZone)) }
        return tidy
    }

    /// Every rule a tidied draft breaks; empty when it is valid.
    public static func problems(in draft: ProjectDraft) -> [FieldError] {
        var problems: [FieldError] = []
        problems += text(draft.name, at: "/name", label: "The name", required: true, maximum: 200)
        problems += text(draft.description, at: "/description", label: "The description", required: false, maximum: 5000)
        if draft.tags.count > maximumTags {
            problems.append(FieldError(pointer: "/tags", message: "Give at most \(maximumTags) tags."))
        }
        for (index, tag) in draft.tags.enumerated() {
            problems += text(tag, at: "/tags/\(index)", label: "A tag", required: true, maximum: 40)
        }
        problems += self.problems(in: draft.subject, at: "/subject")
        if !peerCount.contains(draft.peers.count) {
            problems.append(
                FieldError(
                    pointer: "/peers",
                    message:
                        "Compare the subject with \(peerCount.lowerBound) to \(peerCount.upperBound) peers; there are \(draft.peers.count)."
                ))
        }
        var names: [String: String] = [draft.subject.name.lowercased(): "the subject"]
        for (index, peer) in draft.peers.enumerated() {
            let pointer = "/peers/\(index)"
            problems += self.problems(in: peer, at: pointer)
            let key = peer.name.lowercased()
            if !key.isEmpty, let other = names[key] {
                problems.append(
                    FieldError(pointer: pointer + "/name", message: "\(peer.name) is already \(other): give each a distinct name."))
            } else {
                names[key] = "peer \(index + 1)"
            }
        }
        if let schedule = draft.schedule { problems += schedule.problems(at: "/schedule") }
        return problems
    }

    private static func problems(in participant: Participant, at pointer: String) -> [FieldError] {
        var problems = text(participant.name, at: pointer + "/name", label: "The name", required: true, maximum: 200)
        if let website = participant.website, let problem = websiteProblem(website) {
            problems.append(FieldError(pointer: pointer + "/website", message: problem))
        }
        if participant.attributes.count > maximumAttributes {
            problems.append(FieldError(pointer: pointer + "/attributes", message: "Give at most \(maximumAttributes) attributes."))
        }
        for (key, value) in participant.attributes.sorted(by: { $0.key < $1.key }) {
            let attribute = pointer + "/attributes/" + escaped(key)
            if trimmed(key).isEmpty || key.unicodeScalars.count > 64 {
                problems.append(FieldError(pointer: attribute, message: "An attribute's name has 1 to 64 characters."))
            }
            switch value {
            case .text(let text) where text.unicodeScalars.count > 500:
                problems.append(FieldError(pointer: attribute, message: "An attribute's text has at most 500 characters."))
            case .number(let number) where !number.isFinite:
                problems.append(FieldError(pointer: attribute, message: "An attribute's number must be finite."))
            default: break
            }
        }
        return problems
    }

    /// Why a website address is not one the report can read, or `nil`. It is taken as sent
    /// (not trimmed, an empty one refused), as the document's `format: uri` says.
    static func websiteProblem(_ website: String) -> String? {
        guard website.unicodeScalars.count <= 2048, let components = URLComponents(string: website),
            let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = components.host, !host.isEmpty, components.user == nil, components.password == nil
        else { return "Give the website as an http:// or https:// address of at most 2,048 characters, without a user name." }
        return nil
    }

    private static func text(_ value: String, at pointer: String, label: String, required: Bool, maximum: Int) -> [FieldError] {
        TextRules.problems(value, at: pointer, label: label, required: required, maximum: maximum)
    }

    private static func tidied(_ participant: Participant) -> Participant {
        var tidy = participant
        tidy.name = trimmed(participant.name)
        tidy.attributes = Dictionary(
            participant.attributes.map { key, value in
                (trimmed(key), { if case .text(let text) = value { return .text(trimmed(text)) } else { return value } }())
            },
            uniquingKeysWith: { first, _ in first })
        return tidy
    }

    private static func trimmed(_ text: String) -> String {
        TextRules.trimmed(text)
    }

    /// A key as an RFC 6901 pointer segment.
    private static func escaped(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
