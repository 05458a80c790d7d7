import BulletinCore
import Testing

@Suite("One-shot values")
struct OneShotTests {
    @Test("the first value wins and reaches every waiter, before and after it is set")
    func firstWins() async {
        let shot = OneShot<String>()
        async let early = shot.wait()
        async let other = shot.wait()
        shot.set("first")
        shot.set("second")
        #expect(await early == "first")
        #expect(await other == "first")
        #expect(await shot.wait() == "first")
        #expect(shot.value == "first")
    }

    @Test("a cancelled waiter gets nil and the value stays unset")
    func cancelled() async {
        let shot = OneShot<Int>()
        let waiter = Task { await shot.wait() }
        waiter.cancel()
        #expect(await waiter.value == nil)
        #expect(shot.value == nil)
    }
}
