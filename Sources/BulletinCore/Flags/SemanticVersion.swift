import Foundation

/// A Semantic Versioning 2.0.0 version, strictly parsed (no leading `v`, no leading zeros),
/// ordered by the specification's precedence rules; build metadata is ignored.
public struct SemanticVersion: Sendable, Hashable, Comparable {
    public let major: Int
    public let minor: Int
    public let patch: Int
    /// Pre-release identifiers (`alpha`, `1`); empty for a release.
    public let preRelease: [String]

    /// Parses `text`, or returns `nil` when it is not a semantic version.
    public init?(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if let plus = rest.firstIndex(of: "+") {
            let build = rest[rest.index(after: plus)...]
            guard Self.identifiersAreValid(build, numericMustBeCanonical: false) else { return nil }
            rest = rest[..<plus]
        }
        var preRelease: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            let identifiers = rest[rest.index(after: dash)...]
            guard Self.identifiersAreValid(identifiers, numericMustBeCanonical: true) else { return nil }
            preRelease = identifiers.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy(Self.isCanonicalNumber),
            let major = Int(core[0]), let minor = Int(core[1]), let patch = Int(core[2])
        else { return nil }
        self.major = major
        self.minor = minor
        self.patch = patch
        self.preRelease = preRelease
    }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
            return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
        // A pre-release comes before its release.
        switch (lhs.preRelease.isEmpty, rhs.preRelease.isEmpty) {
        case (true, _): return false
        case (false, true): return true
        case (false, false): break
        }
        for (left, right) in zip(lhs.preRelease, rhs.preRelease) where left != right {
            switch (Int(left), Int(right)) {
            case (let left?, let right?): return left < right
            case (.some, nil): return true  // numeric identifiers come first
            case (nil, .some): return false
            case (nil, nil): return left < right  // ASCII order
            }
        }
        return lhs.preRelease.count < rhs.preRelease.count
    }

    private static func isCanonicalNumber(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy(\.isASCIIDigit) && (text == "0" || text.first != "0")
    }

    private static func identifiersAreValid(_ text: Substring, numericMustBeCanonical: Bool) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { identifier in
            guard !identifier.isEmpty, identifier.allSatisfy({ $0.isASCIIDigit || $0.isASCIILetter || $0 == "-" })
            else { return false }
            let numeric = identifier.allSatisfy(\.isASCIIDigit)
            return !numeric || !numericMustBeCanonical || isCanonicalNumber(identifier)
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
}
