import BulletinCore

/// Where a form's answers go in a project: each submission adds or updates one participant of
/// the comparison, and may start a report run, so that what respondents answer shows in the
/// project's next report.
///
/// With `peerField`, the answer to that field names the peer: a peer of that name (ignoring
/// case) is updated, the subject when the name is the subject's, or else a new peer is added.
/// Without it, the answers go to the project's subject. Each mapped field's answer becomes the
/// attribute named beside it; an unanswered field leaves the attribute as it was.
public struct FormFeed: Codable, Sendable, Hashable {
    public var projectID: String
    /// The key of the field whose answer names the peer; `nil` to feed the subject.
    public var peerField: String?
    /// The key of the field whose answer is the participant's website.
    public var websiteField: String?
    /// Which field's answer becomes which attribute, in the order shown to the author.
    public var attributes: [FormFeedAttribute]
    /// Whether each submission applied starts a run of the project's report.
    public var runsReport: Bool

    /// Creates a feed.
    public init(
        projectID: String, peerField: String? = nil, websiteField: String? = nil, attributes: [FormFeedAttribute] = [],
        runsReport: Bool = false
    ) {
        self.projectID = projectID
        self.peerField = peerField
        self.websiteField = websiteField
        self.attributes = attributes
        self.runsReport = runsReport
    }

    enum CodingKeys: String, CodingKey {
        case projectID = "projectId"
        case peerField, websiteField, attributes, runsReport
    }

    /// The element types whose answer can name a participant or give its website: one line of text.
    public static let namingTypes: Set<FormElementType> = [.text, .email, .url, .phone, .radio, .select, .hidden, .computed]

    /// The element types whose answer can become an attribute: text, a number, a yes/no, a date
    /// or choices (several choices are joined with commas).
    public static let attributeTypes: Set<FormElementType> = Set(FormElementType.allCases).subtracting([
        .matrix, .file, .heading, .paragraph, .panel, .repeat,
    ])

    /// Every problem of the feed against the form's definition, at pointers into the feed.
    public func problems(in definition: FormDefinition) -> [FieldError] {
        var problems: [FieldError] = []
        if let peerField {
            problems += fieldProblems(peerField, at: "/peerField", types: Self.namingTypes, use: "name a peer", in: definition)
        }
        if let websiteField {
            problems += fieldProblems(websiteField, at: "/websiteField", types: Self.namingTypes, use: "give a website", in: definition)
        }
        if peerField == nil && attributes.isEmpty {
            problems.append(
                FieldError(
                    pointer: "/attributes", message: "Map at least one field to an attribute, or choose the field that names a peer."))
        }
        if attributes.count > ProjectValidator.maximumAttributes {
            problems.append(
                FieldError(pointer: "/attributes", message: "Map at most \(ProjectValidator.maximumAttributes) attributes."))
        }
        var names: Set<String> = []
        for (index, attribute) in attributes.enumerated() {
            let pointer = "/attributes/\(index)"
            problems += fieldProblems(
                attribute.field, at: pointer + "/field", types: Self.attributeTypes, use: "become an attribute", in: definition)
            let name = TextRules.trimmed(attribute.name)
            problems += TextRules.problems(name, at: pointer + "/attribute", label: "The attribute's name", required: true, maximum: 64)
            if !name.isEmpty && !names.insert(name.lowercased()).inserted {
                problems.append(
                    FieldError(pointer: pointer + "/attribute", message: "\(attribute.name) is mapped twice: give each attribute once."))
            }
        }
        return problems
    }

    private func fieldProblems(
        _ key: String, at pointer: String, types: Set<FormElementType>, use: String, in definition: FormDefinition
    ) -> [FieldError] {
        guard let element = definition.fields[key] else {
            return [FieldError(pointer: pointer, message: "The form has no field \(key).")]
        }
        if definition.groupOf[key] != nil {
            return [
                FieldError(pointer: pointer, message: "\(key) is inside a repeatable group, so it has several answers: it cannot \(use).")
            ]
        }
        guard types.contains(element.type) else {
            return [FieldError(pointer: pointer, message: "A \(element.type.rawValue) field cannot \(use).")]
        }
        return []
    }
}

/// One field of a form whose answer becomes a participant's attribute.
public struct FormFeedAttribute: Codable, Sendable, Hashable {
    /// The field's key.
    public var field: String
    /// The attribute's name in the project.
    public var name: String

    /// Creates a mapping.
    public init(field: String, name: String) {
        self.field = field
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case field
        case name = "attribute"
    }
}
