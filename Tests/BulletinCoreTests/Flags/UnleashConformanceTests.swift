import BulletinCore
import BulletinTestSupport
import Foundation
import Testing

@Suite("Feature flags: Unleash client specification")
struct UnleashConformanceTests {
    @Test("every isEnabled and getVariant case of the specification passes: 279 cases", ConformanceSuites.required(.unleash))
    func specification() throws {
        let files = try UnleashSpecification.all()
        var cases = 0
        for file in files {
            let flags = FlagSet(file.state.collection)
            for test in file.tests ?? [] {
                cases += 1
                let enabled = flags.isEnabled(test.toggleName, context: test.context)
                #expect(enabled == test.expectedResult, "\(file.name): \(test.description)")
                // The variant's view of the flag agrees.
                #expect(flags.evaluate(test.toggleName, context: test.context).enabled == test.expectedResult)
            }
            for test in file.variantTests ?? [] {
                cases += 1
                let result = flags.evaluate(test.toggleName, context: test.context)
                let actual = UnleashSpecification.VariantCase.Expected(
                    name: result.variant, payload: result.payload, enabled: result.variantEnabled,
                    feature_enabled: result.enabled)
                #expect(actual == test.expectedResult, "\(file.name): \(test.description)")
            }
        }
        #expect(files.count == 22)
        #expect(cases == 279)
    }
}
