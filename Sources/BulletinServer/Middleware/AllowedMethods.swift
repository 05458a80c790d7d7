import HTTPTypes
import Hummingbird
import Synchronization

/// The methods each route template accepts, to tell a 405 (with `Allow`) from a 404.
///
/// Hummingbird's router answers "no route" for both; this table is consulted only after
/// that, so it costs nothing on the normal path.
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
        var allowed: Set<HTTPRequest.Method> = []
        for entry in entries where Self.matches(entry.segments, requested) {
            allowed.formUnion(entry.methods)
        }
        if allowed.contains(.get) { allowed.insert(.head) }
        return allowed.sorted { $0.rawValue < $1.rawValue }
    }

    private static func matches(_ template: [Substring], _ path: [Substring]) -> Bool {
        var index = 0
        for segment in template {
            if segment == "**" { return true }
            guard index < path.count else { return false }
            let isCapture = segment.hasPrefix(":") || segment == "*" || (segment.hasPrefix("{") && segment.hasSuffix("}"))
            guard isCapture || segment == path[index] else { return false }
            index += 1
        }
        return index == path.count
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
