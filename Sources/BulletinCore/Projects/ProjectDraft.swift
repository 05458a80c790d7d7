/// What a project is made of: a name, a description, tags, the subject and the peers it is
/// compared with, and perhaps a schedule for its report. What clients send to create or change one, and what is stored.
public struct ProjectDraft: Codable, Sendable, Hashable {
    public var name: String
    public var description: String
    public var tags: [String]
    public var subject: Participant
    public var peers: [Participant]
    /// When the report regenerates on its own; `nil` when only people start it.
    public var schedule: ReportSchedule?

    /// Creates a draft.
    public init(
        name: String, description: String = "", tags: [String] = [], subject: Participant, peers: [Participant],
        schedule: ReportSchedule? = nil
    ) {
        self.name = name
        self.description = description
        self.tags = tags
        self.subject = subject
        self.peers = peers
        self.schedule = schedule
    }
}

/// The subject of a comparison, or one of its peers: a name, an optional website whose page
/// the report reads, and free attributes such as price, seats, rating or region.
public struct Participant: Codable, Sendable, Hashable {
    public var name: String
    public var website: String?
    public var attributes: [String: AttributeValue]

    /// Creates a participant.
    public init(name: String, website: String? = nil, attributes: [String: AttributeValue] = [:]) {
        self.name = name
        self.website = website
        self.attributes = attributes
    }

    /// Decodes a participant; one given without attributes has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        website = try container.decodeIfPresent(String.self, forKey: .website)
        attributes = try container.decodeIfPresent([String: AttributeValue].self, forKey: .attributes) ?? [:]
    }
}

/// An attribute's value: text, a number or a yes/no. Encoded as the bare JSON value.
public enum AttributeValue: Codable, Sendable, Hashable {
    case text(String)
    case number(Double)
    case boolean(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let boolean = try? container.decode(Bool.self) {
            self = .boolean(boolean)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .boolean(let boolean): try container.encode(boolean)
        }
    }
}
