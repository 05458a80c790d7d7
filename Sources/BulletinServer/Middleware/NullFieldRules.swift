import BulletinCore
import Foundation

/// Where each operation's JSON body may hold `null`, read from the OpenAPI document: a
/// property whose schema does not allow `null` must not be sent as `null`.
///
/// The generated layer decodes an optional property that is `null` as if it were absent, so
/// without this a client's `"active": null` would silently mean "the default" where the
/// document says the field is a boolean. The shape is followed through `$ref`, `allOf`,
/// nested objects and array items; under `oneOf` and `anyOf` nothing is checked (the
/// decoder decides there).
struct NullFieldRules: Sendable {
    /// What a value must be, as far as `null` is concerned.
    indirect enum Shape: Sendable {
        /// An object: its properties, each with whether it may be `null`.
        case object([String: Field])
        /// An array: its items.
        case array(Field)
        /// Anything: nothing is checked below.
        case any
    }

    /// A property or an item: whether it may be `null`, and its shape when it is not.
    struct Field: Sendable {
        let nullable: Bool
        let shape: Shape
    }

    /// The body's shape per operation, by method and route template (`PUT /v1/ai/settings`).
    private let operations: [String: Shape]

    /// Reads the shapes from an OpenAPI document.
    init(openAPIDocument bytes: [UInt8]) throws {
        let document = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] ?? [:]
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        var operations: [String: Shape] = [:]
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for (method, value) in item as? [String: Any] ?? [:] {
                let body = (((value as? [String: Any])?["requestBody"] as? [String: Any])?["content"] as? [String: Any])?[
                    "application/json"]
                guard let schema = (body as? [String: Any])?["schema"] as? [String: Any] else { continue }
                operations[method.uppercased() + " " + path] = Self.field(schema, schemas: schemas, depth: 0).shape
            }
        }
        self.operations = operations
    }

    /// The fields of `body` that are `null` where the document does not allow it, as problems.
    func problems(method: String, path: String, body: Any) -> [FieldError] {
        guard let shape = operations[method + " " + path] else { return [] }
        var problems: [FieldError] = []
        Self.check(body, against: shape, at: "", into: &problems)
        return problems
    }

    private static func check(_ value: Any, against shape: Shape, at pointer: String, into problems: inout [FieldError]) {
        switch (shape, value) {
        case (.object(let fields), let object as [String: Any]):
            for (name, member) in object.sorted(by: { $0.key < $1.key }) {
                guard let field = fields[name] else { continue }
                let path = pointer + "/" + name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                check(member, field, at: path, into: &problems)
            }
        case (.array(let field), let items as [Any]):
            for (index, item) in items.enumerated() { check(item, field, at: pointer + "/\(index)", into: &problems) }
        default: break
        }
    }

    private static func check(_ value: Any, _ field: Field, at pointer: String, into problems: inout [FieldError]) {
        if value is NSNull {
            if !field.nullable { problems.append(FieldError(pointer: pointer, message: "This field must not be null.")) }
        } else {
            check(value, against: field.shape, at: pointer, into: &problems)
        }
    }

    /// A schema as a field; `$ref`s deeper than 16 are taken as anything (a recursive schema).
    private static func field(_ schema: [String: Any], schemas: [String: Any], depth: Int) -> Field {
        guard depth < 16 else { return Field(nullable: true, shape: .any) }
        if let reference = schema["$ref"] as? String {
            let name = String(reference.split(separator: "/").last ?? "")
            guard let target = schemas[name] as? [String: Any] else { return Field(nullable: true, shape: .any) }
            return field(target, schemas: schemas, depth: depth + 1)
        }
        if schema["oneOf"] != nil || schema["anyOf"] != nil { return Field(nullable: true, shape: .any) }
        let types: [String]? = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] }
        if let parts = schema["allOf"] as? [[String: Any]] {
            var properties: [String: Field] = [:]
            for part in parts {
                if case .object(let more) = field(part, schemas: schemas, depth: depth + 1).shape { properties.merge(more) { $1 } }
            }
            return Field(nullable: types?.contains("null") ?? false, shape: .object(properties))
        }
        guard let types else { return Field(nullable: true, shape: .any) }
        let nullable = types.contains("null")
        if types.contains("object"), let properties = schema["properties"] as? [String: Any] {
            return Field(
                nullable: nullable,
                shape: .object(
                    properties.compactMapValues { ($0 as? [String: Any]).map { field($0, schemas: schemas, depth: depth + 1) } }))
        }
        if types.contains("array"), let items = schema["items"] as? [String: Any] {
            return Field(nullable: nullable, shape: .array(field(items, schemas: schemas, depth: depth + 1)))
        }
        return Field(nullable: nullable, shape: .any)
    }
}
