import Testing

@testable import BulletinAI

@Suite("The fact guard")
struct FactGuardTests {
    let guardian = FactGuard(facts: [41.8, 4.56, 1299, -3, 12, 2026], names: ["Note 3", "Bear"])

    @Test("numbers the facts hold pass, within the rounding their digits state")
    func supported() {
        #expect(guardian.violations(in: "Bear costs 42 euros (41.8 exactly), rated 4.6 or 4.56; 1,299 sold, down 3 %.") == ["3"])
        #expect(guardian.violations(in: "A change of -3 points since 2026, and 12 % more.").isEmpty)
        #expect(guardian.violations(in: "Note 3 has H2O and v2 features.").isEmpty)
    }

    @Test("an invented number is named as written")
    func invented() {
        #expect(
            guardian.violations(in: "Bear costs 45 euros and sold 1,300 units, 41.80 on average, 4.4 stars.") == ["45", "1,300", "4.4"])
        #expect(FactGuard.numbers(in: "x1 2,5 1,234,567.5 -7 a-8 3.") == ["2", "5", "1,234,567.5", "-7", "8", "3"])
    }
}
