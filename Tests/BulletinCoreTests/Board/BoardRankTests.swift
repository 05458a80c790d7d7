import BulletinCore
import Testing

@Suite("Board ranks")
struct BoardRankTests {
    @Test("a key between two keys sorts strictly between them and stays a valid key")
    func betweenSortsBetween() {
        let cases: [(String?, String?)] = [
            (nil, nil), (nil, "1"), ("z", nil), ("a", "b"), ("a", "a1"), ("a1", "a2"), ("0001", "0002"), ("y", "z"), ("zz", nil),
            (nil, "0001"),
        ]
        for (lower, upper) in cases {
            let key = BoardRank.between(lower, upper)
            if let lower { #expect(lower < key, "\(lower) < \(key)") }
            if let upper { #expect(key < upper, "\(key) < \(upper)") }
            #expect(isValid(key), "\(key) is a valid key")
        }
    }

    @Test("spread keys are in order, distinct and short", arguments: [1, 2, 35, 36, 100, 5000])
    func spreadKeys(count: Int) {
        let keys = BoardRank.spread(count)
        #expect(keys.count == count)
        #expect(keys == keys.sorted())
        #expect(Set(keys).count == count)
        #expect(keys.allSatisfy(isValid))
        #expect(keys.allSatisfy { $0.count <= 3 })
    }

    /// Random moves within one column, compared with a plain list that holds the order a user
    /// meant: sorting the cards by their keys gives the list's order after every move.
    @Test("random moves keep the order a list model holds", arguments: [1, 2, 3, 4])
    func randomMovesMatchAListModel(seed: UInt64) {
        // A seeded sequence, so that a failing run can be replayed from its seed.
        var random = RequestIDSequence(seed: seed)
        var model = Array(0..<8)
        var keys = Dictionary(uniqueKeysWithValues: zip(model, BoardRank.spread(model.count)))
        for _ in 0..<400 {
            let card = model[Int.random(in: 0..<model.count, using: &random)]
            model.removeAll { $0 == card }
            let position = Int.random(in: 0...model.count, using: &random)
            model.insert(card, at: position)
            let lower = position > 0 ? keys[model[position - 1]] : nil
            let upper = position + 1 < model.count ? keys[model[position + 1]] : nil
            var key = BoardRank.between(lower, upper)
            if key.count > BoardRank.maximumLength {
                keys = Dictionary(uniqueKeysWithValues: zip(model, BoardRank.spread(model.count)))
                key = keys[card]!
            }
            keys[card] = key
            #expect(model.sorted { keys[$0]! < keys[$1]! } == model)
        }
    }

    /// Always inserting just after the first card is the worst case: keys grow by one digit every
    /// few moves, until the column is re-spaced.
    @Test("inserting at one place again and again grows keys slowly")
    func repeatedInsertsGrowSlowly() {
        var lower = "1"
        let upper = "2"
        var inserts = 0
        while true {
            let key = BoardRank.between(lower, upper)
            guard key.count <= BoardRank.maximumLength else { break }
            #expect(lower < key && key < upper)
            lower = key
            inserts += 1
        }
        #expect(inserts > 200)
    }

    private func isValid(_ key: String) -> Bool {
        !key.isEmpty && key.last != "0" && key.allSatisfy { ("0"..."9").contains($0) || ("a"..."z").contains($0) }
    }
}
