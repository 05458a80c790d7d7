import BulletinCore
import BulletinTestSupport
import Foundation

/// A file of Unleash's client specification, read at test time (see ``ConformanceSuites``).
struct UnleashSpecification: Decodable {
    struct EnabledCase: Decodable {
        let description: String
        let context: FlagContext
        let toggleName: String
        let expectedResult: Bool
    }

    struct VariantCase: Decodable {
        struct Expected: Decodable, Equatable {
            let name: String
            let payload: VariantPayload?
            let enabled: Bool
            // swift-format-ignore: AlwaysUseLowerCamelCase
            // The specification's own key.
            let feature_enabled: Bool
        }

        let description: String
        let context: FlagContext
        let toggleName: String
        let expectedResult: Expected
    }

    /// The flags a file loads: a client features body, or the delta API's events.
    struct State: Decodable {
        var features: [FlagDefinition]?
        var segments: [FlagSegment]?
        var events: [DeltaEvent]?

        /// The collection after the delta events, applied in order.
        var collection: FlagCollection {
            var features = features ?? []
            var segments = segments ?? []
            for event in events ?? [] {
                switch event.type {
                case "hydration":
                    features = event.features ?? []
                    segments = event.segments ?? []
                case "feature-updated":
                    guard let feature = event.feature else { continue }
                    features.removeAll { $0.name == feature.name }
                    features.append(feature)
                case "feature-removed":
                    features.removeAll { $0.name == event.featureName }
                case "segment-updated":
                    guard let segment = event.segment else { continue }
                    segments.removeAll { $0.id == segment.id }
                    segments.append(segment)
                case "segment-removed":
                    segments.removeAll { $0.id == event.segmentId }
                default:
                    continue
                }
            }
            return FlagCollection(features: features, segments: segments)
        }
    }

    struct DeltaEvent: Decodable {
        let type: String
        let features: [FlagDefinition]?
        let segments: [FlagSegment]?
        let feature: FlagDefinition?
        let featureName: String?
        let segment: FlagSegment?
        let segmentId: Int?
    }

    let name: String
    let state: State
    let tests: [EnabledCase]?
    let variantTests: [VariantCase]?

    /// Every file, in the order of `index.json`.
    static func all() throws -> [UnleashSpecification] {
        try ConformanceSuites.unleashSpecificationFiles().map { file in
            try JSONDecoder().decode(UnleashSpecification.self, from: Data(contentsOf: file))
        }
    }
}
