import Foundation

/// Who and what a flag is evaluated for: Unleash's context.
///
/// The standard fields have names of their own; anything else (plan, region, version…) goes
/// in ``properties``. Constraints and stickiness name either kind by the same field name.
public struct FlagContext: Sendable, Hashable {
    public var userId: String?
    public var sessionId: String?
    public var remoteAddress: String?
    public var environment: String?
    public var appName: String?
    /// The time `DATE_*` constraints compare with; `nil` means now.
    public var currentTime: Date?
    public var properties: [String: String]

    public init(
        userId: String? = nil, sessionId: String? = nil, remoteAddress: String? = nil,
        environment: String? = nil, appName: String? = nil, currentTime: Date? = nil,
        properties: [String: String] = [:]
    ) {
        self.userId = userId
        self.sessionId = sessionId
        self.remoteAddress = remoteAddress
        self.environment = environment
        self.appName = appName
        self.currentTime = currentTime
        self.properties = properties
    }

    /// A field of the context, resolved from its name once (when flags compile) so that
    /// evaluation does not compare names.
    public enum Field: Sendable, Hashable {
        case userId, sessionId, remoteAddress, environment, appName, currentTime
        case property(String)

        /// The field a name means: a standard field, else a property.
        public init(_ name: String) {
            self =
                switch name {
                case "userId": .userId
                case "sessionId": .sessionId
                case "remoteAddress": .remoteAddress
                case "environment": .environment
                case "appName": .appName
                case "currentTime": .currentTime
                default: .property(name)
                }
        }
    }

    /// The value of a field.
    public func value(of field: Field) -> String? {
        switch field {
        case .userId: userId
        case .sessionId: sessionId
        case .remoteAddress: remoteAddress
        case .environment: environment
        case .appName: appName
        case .currentTime: currentTime.map { $0.formatted(.iso8601) }
        case .property(let name): properties[name]
        }
    }

    /// The value of a field by name: a standard field, else a property.
    public func value(of name: String) -> String? {
        value(of: Field(name))
    }
}

extension FlagContext: Decodable {
    private enum CodingKeys: String, CodingKey {
        case userId, sessionId, remoteAddress, environment, appName, currentTime, properties
    }

    /// Reads Unleash's JSON context; a property whose value is `null` is absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userId = try container.decodeIfPresent(String.self, forKey: .userId)
        sessionId = try container.decodeIfPresent(String.self, forKey: .sessionId)
        remoteAddress = try container.decodeIfPresent(String.self, forKey: .remoteAddress)
        environment = try container.decodeIfPresent(String.self, forKey: .environment)
        appName = try container.decodeIfPresent(String.self, forKey: .appName)
        if let time = try container.decodeIfPresent(String.self, forKey: .currentTime) {
            guard let date = FlagDate.parse(time) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .currentTime, in: container,
                    debugDescription: "not an RFC 3339 date-time, such as 2025-05-15T13:00:00.000Z")
            }
            currentTime = date
        }
        let properties = try container.decodeIfPresent([String: String?].self, forKey: .properties) ?? [:]
        self.properties = properties.compactMapValues { $0 }
    }
}

/// ISO 8601 times as Unleash writes them: with or without fractional seconds, `Z` or an offset.
public enum FlagDate {
    /// The time `text` names, or `nil` when it is not an ISO 8601 date-time.
    ///
    /// RFC 3339 (``RFC3339``, the API's dates too) is read first, without a formatter; the
    /// ISO 8601 forms it lacks (such as an offset without a colon) go through Foundation's.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = RFC3339.date(from: trimmed) { return date }
        if let date = try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(trimmed, strategy: Date.ISO8601FormatStyle())
    }
}
