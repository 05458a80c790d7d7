import BulletinOpenAPI
import Foundation

/// Where each operation takes dates (`format: date-time`), read from the OpenAPI document:
/// its query parameters, and JSON pointers into its request body.
///
/// A date that does not parse fails inside the runtime's date transcoder, which sees the text
/// but not the field it came from (``InvalidDateError``); this table lets
/// ``ProblemMiddleware`` name the field anyway. Dates inside arrays are not listed (the
/// document has none): such a failure names the body as a whole.
struct RequestDateFields: Sendable {
    /// The date fields of one operation.
    struct Fields: Sendable, Equatable {
        /// Query parameters that are dates, by name.
        var query: [String] = []
        /// Pointers to the body's date fields, such as `/context/currentTime`.
        var body: [String] = []
    }

    /// The date fields of every operation, by operation ID.
    let operations: [String: Fields]

    /// The table of the served document, built on first use.
    static let served = (try? RequestDateFields(openAPIDocument: PackageResources.openapi_json)) ?? RequestDateFields(operations: [:])

    init(operations: [String: Fields]) {
        self.operations = operations
    }

    /// Reads the table from an OpenAPI document.
    init(openAPIDocument bytes: [UInt8]) throws {
        let document = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] ?? [:]
        let components = document["components"] as? [String: Any] ?? [:]
        let schemas = components["schemas"] as? [String: Any] ?? [:]
        let sharedParameters = components["parameters"] as? [String: Any] ?? [:]
        var operations: [String: Fields] = [:]
        for case let item as [String: Any] in (document["paths"] as? [String: Any] ?? [:]).values {
            for case let operation as [String: Any] in item.values {
                guard let operationID = operation["operationId"] as? String else { continue }
                var fields = Fields()
                for case var parameter as [String: Any] in operation["parameters"] as? [Any] ?? [] {
                    if let reference = parameter["$ref"] as? String {
                        parameter = sharedParameters[String(reference.split(separator: "/").last ?? "")] as? [String: Any] ?? [:]
                    }
                    if parameter["in"] as? String == "query", let name = parameter["name"] as? String,
                        Self.isDate(parameter["schema"] as? [String: Any], schemas: schemas)
                    {
                        fields.query.append(name)
                    }
                }
                let body = ((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
                if let schema = (body as? [String: Any])?["schema"] as? [String: Any] {
                    Self.collectDates(in: schema, at: "", schemas: schemas, seen: [], into: &fields.body)
                }
                if fields != Fields() { operations[operationID] = fields }
            }
        }
        self.operations = operations
    }

    /// Where a date that failed with `text` came from in a request to the operation: the
    /// query parameters that hold exactly that text, else the body's date fields.
    func pointers(operationID: String, text: String, query: String?) -> (inQuery: Bool, pointers: [String]) {
        guard let fields = operations[operationID] else { return (false, []) }
        let items = URLComponents(string: "?" + (query ?? ""))?.queryItems ?? []
        // The runtime reads `+` in a query as a space, as forms encode it.
        let named = fields.query.filter { name in
            items.contains { $0.name == name && ($0.value == text || $0.value?.replacingOccurrences(of: "+", with: " ") == text) }
        }
        if !named.isEmpty { return (true, named.map { "#/query/\($0)" }) }
        return (false, fields.body)
    }

    private static func resolved(_ schema: [String: Any]?, schemas: [String: Any]) -> [String: Any]? {
        guard let reference = schema?["$ref"] as? String else { return schema }
        return schemas[String(reference.split(separator: "/").last ?? "")] as? [String: Any]
    }

    private static func isDate(_ schema: [String: Any]?, schemas: [String: Any]) -> Bool {
        resolved(schema, schemas: schemas)?["format"] as? String == "date-time"
    }

    /// Adds the pointer of every date property reachable through objects (and `allOf`,
    /// `oneOf`, `anyOf`), following `$ref`s once each on a path.
    private static func collectDates(
        in schema: [String: Any], at pointer: String, schemas: [String: Any], seen: Set<String>, into pointers: inout [String]
    ) {
        var seen = seen
        if let reference = schema["$ref"] as? String {
            guard seen.insert(reference).inserted, let target = resolved(schema, schemas: schemas) else { return }
            return collectDates(in: target, at: pointer, schemas: schemas, seen: seen, into: &pointers)
        }
        if schema["format"] as? String == "date-time", !pointer.isEmpty {
            pointers.append(pointer)
            return
        }
        for (name, property) in (schema["properties"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let property = property as? [String: Any] else { continue }
            let token = name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            collectDates(in: property, at: pointer + "/" + token, schemas: schemas, seen: seen, into: &pointers)
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for case let member as [String: Any] in schema[key] as? [Any] ?? [] {
                collectDates(in: member, at: pointer, schemas: schemas, seen: seen, into: &pointers)
            }
        }
    }
}
