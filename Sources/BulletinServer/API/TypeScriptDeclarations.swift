import Foundation
import NIOCore

/// TypeScript declarations of the API, made from the OpenAPI document: an interface or type
/// per schema, and per operation its method, path, parameters, body and answers by status,
/// with helpers that find an operation from a method and a URL (what the web UI's `call`
/// uses in its JSDoc). `bulletin openapi typescript` prints them; the web UI keeps a copy in
/// `Web/bulletin-api.d.ts`, which a test compares with this output.
///
/// Written by hand: no Swift package renders TypeScript from OpenAPI 3.1, and the subset of
/// JSON Schema the document uses (types and their `null` unions, enums, objects, arrays,
/// maps, `$ref`, `oneOf`/`anyOf`/`allOf`, `const`) maps one to one.
public enum TypeScriptDeclarations {
    /// The declarations of the document served at `/openapi.json`.
    public static func render() throws -> String {
        try render(document: Data(OpenAPIDocument.bytes.readableBytesView))
    }

    /// The declarations of an OpenAPI document.
    /// - Throws: `DecodingError` when the document is not a JSON object.
    public static func render(document: Data) throws -> String {
        guard let root = try JSONSerialization.jsonObject(with: document) as? [String: Any] else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "The document is not a JSON object."))
        }
        let components = root["components"] as? [String: Any] ?? [:]
        let schemas = components["schemas"] as? [String: Any] ?? [:]
        let title = (root["info"] as? [String: Any])?["title"] as? String ?? "API"
        let version = (root["info"] as? [String: Any])?["version"] as? String ?? ""
        var output = """
            // \(title) \(version): TypeScript declarations generated from its OpenAPI document by
            // `bulletin openapi typescript`. Do not edit: generate again when the document changes.

            """
        for name in schemas.keys.sorted() {
            guard let schema = schemas[name] as? [String: Any] else { continue }
            output += "\n" + comment(schema["description"] as? String, indent: "")
            if let body = objectBody(schema, indent: "") {
                output += "export interface \(name) \(body)\n"
            } else {
                output += "export type \(name) = \(type(schema, indent: ""));\n"
            }
        }
        output += operations(root, components: components)
        return output + helpers
    }

    // MARK: Schemas

    /// A schema as a TypeScript type.
    static func type(_ schema: Any?, indent: String) -> String {
        guard let schema = schema as? [String: Any] else { return schema as? Bool == false ? "never" : "unknown" }
        if let reference = schema["$ref"] as? String { return String(reference.split(separator: "/").last ?? "unknown") }
        if let constant = schema["const"] { return literal(constant) }
        if let values = schema["enum"] as? [Any] { return values.map(literal).joined(separator: " | ") }
        for (keyword, separator) in [("oneOf", " | "), ("anyOf", " | "), ("allOf", " & ")] {
            if let members = schema[keyword] as? [Any] {
                return members.map { grouped(type($0, indent: indent)) }.joined(separator: separator)
            }
        }
        let names = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if names.isEmpty { return objectBody(schema, indent: indent) ?? "unknown" }
        return names.map { single($0, schema, indent: indent) }.joined(separator: " | ")
    }

    private static func single(_ name: String, _ schema: [String: Any], indent: String) -> String {
        switch name {
        case "string": schema["format"] as? String == "binary" ? "Blob" : "string"
        case "integer", "number": "number"
        case "boolean": "boolean"
        case "null": "null"
        case "array": grouped(type(schema["items"], indent: indent)) + "[]"
        case "object": objectBody(schema, indent: indent) ?? "Record<string, unknown>"
        default: "unknown"
        }
    }

    /// An object's members in braces, or `nil` for a schema that declares none (a map, or
    /// no object at all).
    private static func objectBody(_ schema: [String: Any], indent: String) -> String? {
        let properties = schema["properties"] as? [String: Any] ?? [:]
        let additional = schema["additionalProperties"]
        guard !properties.isEmpty || additional is [String: Any] else { return nil }
        if properties.isEmpty { return "{ [key: string]: \(type(additional, indent: indent)) }" }
        let required = Set(schema["required"] as? [String] ?? [])
        let inner = indent + "  "
        var body = "{\n"
        for name in properties.keys.sorted() {
            let property = properties[name] as? [String: Any] ?? [:]
            body += comment(property["description"] as? String, indent: inner)
            body += "\(inner)\(key(name))\(required.contains(name) ? "" : "?"): \(type(property, indent: inner));\n"
        }
        if let additional = additional as? [String: Any] {
            body += "\(inner)[key: string]: \(type(additional, indent: inner)) | undefined;\n"
        }
        return body + indent + "}"
    }

    // MARK: Operations

    private static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    private static func operations(_ root: [String: Any], components: [String: Any]) -> String {
        let paths = root["paths"] as? [String: Any] ?? [:]
        var entries: [(id: String, text: String)] = []
        for path in paths.keys.sorted() {
            guard let item = paths[path] as? [String: Any] else { continue }
            for method in methods {
                guard let operation = item[method] as? [String: Any], let id = operation["operationId"] as? String else { continue }
                entries.append((id, operationType(operation, method: method, path: path, components: components)))
            }
        }
        var output = "\n/** Every operation, by its operationId. */\nexport interface Operations {\n"
        for entry in entries.sorted(by: { $0.id < $1.id }) { output += "  \(entry.id): \(entry.text);\n" }
        return output + "}\n"
    }

    private static func operationType(
        _ operation: [String: Any], method: String, path: String, components: [String: Any]
    ) -> String {
        var groups: [String: [String]] = ["path": [], "query": [], "header": []]
        for case let parameter as [String: Any] in operation["parameters"] as? [Any] ?? [] {
            let resolved = resolve(parameter, in: components)
            guard let name = resolved["name"] as? String, let place = resolved["in"] as? String, groups[place] != nil else { continue }
            let optional = resolved["required"] as? Bool == true ? "" : "?"
            groups[place, default: []].append("\(key(name))\(optional): \(type(resolved["schema"], indent: "      "))")
        }
        let summary = (operation["summary"] as? String).map { "    /** \(escaped($0)) */\n" } ?? ""
        var text = "{\n\(summary)    method: \"\(method.uppercased())\";\n    path: \"\(path)\";\n    parameters: {\n"
        for place in ["path", "query", "header"] {
            let members = groups[place] ?? []
            text += "      \(place): " + (members.isEmpty ? "{}" : "{ \(members.map { $0 + ";" }.joined(separator: " ")) }") + ";\n"
        }
        text += "    };\n"
        if let body = operation["requestBody"] as? [String: Any] {
            let resolved = resolve(body, in: components)
            let optional = resolved["required"] as? Bool == true ? "" : " | undefined"
            text += "    requestBody: \(content(resolved["content"]))\(optional);\n"
        } else {
            text += "    requestBody: never;\n"
        }
        text += "    responses: {\n"
        let responses = operation["responses"] as? [String: Any] ?? [:]
        for status in responses.keys.sorted() {
            let response = resolve(responses[status] as? [String: Any] ?? [:], in: components)
            let name = Int(status).map(String.init) ?? "\"\(status)\""
            text += "      \(name): \(content(response["content"]));\n"
        }
        return text + "    };\n  }"
    }

    /// A body's type: its JSON schema when it has one; text for text types; a `Blob` otherwise.
    private static func content(_ content: Any?) -> String {
        guard let content = content as? [String: Any], !content.isEmpty else { return "void" }
        let types = content.keys.sorted()
        if let json = types.first(where: { $0 == "application/json" || $0.hasSuffix("+json") }) {
            return type((content[json] as? [String: Any])?["schema"], indent: "      ")
        }
        return types.allSatisfy { $0.hasPrefix("text/") } ? "string" : "Blob"
    }

    /// A `$ref` to a component (parameter, response, request body) as the component itself.
    private static func resolve(_ object: [String: Any], in components: [String: Any]) -> [String: Any] {
        guard let reference = object["$ref"] as? String else { return object }
        let parts = reference.split(separator: "/").map(String.init)  // #, components, kind, name
        guard parts.count == 4, let kind = components[parts[2]] as? [String: Any], let target = kind[parts[3]] as? [String: Any]
        else { return object }
        return resolve(target, in: components)
    }

    // MARK: Text

    /// A JSON value as a TypeScript literal: JSON's own text, which TypeScript reads alike.
    private static func literal(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes])
        else { return "unknown" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func key(_ name: String) -> String {
        name.range(of: #"^[A-Za-z_$][A-Za-z0-9_$]*$"#, options: .regularExpression) != nil ? name : "\"\(name)\""
    }

    private static func grouped(_ type: String) -> String {
        type.contains(" | ") || type.contains(" & ") ? "(\(type))" : type
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "*/", with: "*\\/")
            .replacingOccurrences(of: "\n", with: " ")
    }

    private static func comment(_ text: String?, indent: String) -> String {
        guard let text, !text.isEmpty else { return "" }
        return "\(indent)/** \(escaped(text)) */\n"
    }

    /// Types that find an operation from what a caller has: a method and a URL.
    private static let helpers = """

        /** A path template with each `{parameter}` as any text. */
        export type FilledPath<P extends string> = P extends `${infer Head}{${string}}${infer Tail}`
          ? `${Head}${string}${FilledPath<Tail>}`
          : P;

        /** The operations a method and a URL (with or without a query) may call. */
        export type OperationAt<M extends string, U extends string> = {
          [K in keyof Operations]: Operations[K]["method"] extends Uppercase<M>
            ? U extends FilledPath<Operations[K]["path"]> | `${FilledPath<Operations[K]["path"]>}?${string}`
              ? Operations[K]
              : never
            : never;
        }[keyof Operations];

        /** What an operation's successful answer carries. */
        export type SuccessOf<O> = O extends { responses: infer R } ? R[Extract<keyof R, 200 | 201 | 202 | 204>] : unknown;

        /** What an operation's request carries. */
        export type RequestBodyOf<O> = O extends { requestBody: infer B } ? B : unknown;

        /** `T`, or `Fallback` when `T` is `never` (a URL known only at run time). */
        export type OrElse<T, Fallback> = [T] extends [never] ? Fallback : T;

        /** What a call of `method` on `url` sends: the operation's body, or `unknown` when no operation is known. */
        export type CallBody<M extends string, U extends string> = OrElse<RequestBodyOf<OperationAt<M, U>>, unknown>;

        /** What a call of `method` on `url` answers: the operation's success, or `any` when no operation is known. */
        export type CallAnswer<M extends string, U extends string> = OrElse<SuccessOf<OperationAt<M, U>>, any>;

        """
}
