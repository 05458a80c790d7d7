import HTTPTypes
import Hummingbird
import Synchronization

/// The methods each route template accepts, to tell a 405 (with `Allow`) from a 404.
///
/// Hummingbird's router answers "no route" for both; this table is consulted only after
/// that, so it costs nothing on the normal path. A path is matched as the router matches
/// it: segment by segment, a literal before a capture (`/v1/flags/export` is that route,
/// never `/v1/flags/{name}`), so `Allow` names the methods of the one route the path
/// reaches. The routes are the document's operations (RouteContractTests), so `Allow` names
/// only methods the document declares for the path: not `HEAD`, which the router answers for
/// every `GET` without the document listing it.
struct AllowedMethods: Sendable {
    private struct Entry: Sendable {
        let segments: [Substring]
        var methods: Set<HTTPRequest.Method>
    }

    private let entries: [Entry]

    /// Builds the table from a router's routes.
    init(routes: [(path: String, method: HTTPRequest.Method)]) {
        var entries: [Entry] = []
        for route in routes {
            let segments = route.path.split(separator: "/")
            if let index = entries.firstIndex(where: { $0.segments == segments }) {
                entries[index].methods.insert(route.method)
            } else {
                entries.append(Entry(segments: segments, methods: [route.method]))
            }
        }
        self.entries = entries
    }

    /// The methods accepted at a request path, sorted; empty when no route matches it.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let requested = path.split(separator: "/")
        let candidates = entries.filter { Self.matches($0.segments, requested) }
        // The router's pick: the template most specific at the first segment where they differ.
        guard let reached = candidates.min(by: { Self.isMoreSpecific($0.segments, than: $1.segments) }) else { return [] }
        return reached.methods.subtracting([.head]).sorted { $0.rawValue < $1.rawValue }
    }

    private static func matches(_ template: [Substring], _ path: [Substring]) -> Bool {
        var index = 0
        for segment in template {
            if segment == "**" { return true }
            guard index < path.count else { return false }
            guard isCapture(segment) || segment == path[index] else { return false }
            index += 1
        }
        return index == path.count
    }

    private static func isCapture(_ segment: Substring) -> Bool {
        segment.hasPrefix(":") || segment == "*" || (segment.hasPrefix("{") && segment.hasSuffix("}"))
    }

    /// How specific a template segment is, as the router ranks them: a literal, then a
    /// capture, then a wildcard.
    private static func rank(_ segment: Substring) -> Int {
        if segment == "**" { return 3 }
        if segment == "*" { return 2 }
        return isCapture(segment) ? 1 : 0
    }

    private static func isMoreSpecific(_ lhs: [Substring], than rhs: [Substring]) -> Bool {
        for (left, right) in zip(lhs, rhs) where rank(left) != rank(right) {
            return rank(left) < rank(right)
        }
        return lhs.count > rhs.count
    }
}

/// The route table for 405 answers, filled in once every route is registered.
final class AllowedMethodsBox: Sendable {
    private let table = Mutex(AllowedMethods(routes: []))

    func set(_ value: AllowedMethods) { table.withLock { $0 = value } }

    func methods(forPath path: String) -> [HTTPRequest.Method] {
        table.withLock { $0.methods(forPath: path) }
    }
}
