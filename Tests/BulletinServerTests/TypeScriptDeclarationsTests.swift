import Foundation
import NIOCore
import Testing

@testable import BulletinServer

@Suite("TypeScript declarations")
struct TypeScriptDeclarationsTests {
    @Test("every schema and operation of the document is declared, and the web UI's copy is current")
    func everyDeclaration() throws {
        let declarations = try TypeScriptDeclarations.render()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes.readableBytesView)) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        for name in schemas.keys {
            #expect(declarations.contains("export interface \(name) {") || declarations.contains("export type \(name) = "), "\(name)")
        }
        var operations = 0
        for case let item as [String: Any] in (document["paths"] as? [String: Any] ?? [:]).values {
            for case let operation as [String: Any] in item.values {
                guard let id = operation["operationId"] as? String else { continue }
                operations += 1
                #expect(declarations.contains("\n  \(id): {\n"), "\(id)")
            }
        }
        #expect(operations > 90)
        let copy = URL(filePath: #filePath).deletingLastPathComponent().appending(
            path: "../../Sources/BulletinServer/Web/bulletin-api.d.ts")
        #expect(
            try String(contentsOf: copy, encoding: .utf8) == declarations,
            "Web/bulletin-api.d.ts is stale: run bulletin openapi typescript --output Sources/BulletinServer/Web/bulletin-api.d.ts")
    }

    @Test("JSON Schema maps to TypeScript: nullable types, enums, arrays of unions, maps, references, required members")
    func mapping() throws {
        let document = """
            {"info": {"title": "T", "version": "1"}, "paths": {"/v1/things/{id}": {"get": {"operationId": "getThing",
              "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                             {"name": "limit", "in": "query", "schema": {"type": "integer"}}],
              "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                            "204": {"description": "none"}, "default": {"$ref": "#/components/responses/Oops"}}}}},
             "components": {"responses": {"Oops": {"content": {"application/problem+json": {"schema": {"type": "object"}}}}},
              "schemas": {"Thing": {"type": "object", "required": ["id"], "description": "A */ thing.",
                "properties": {"id": {"type": "string"}, "note": {"type": ["string", "null"]},
                  "kind": {"type": "string", "enum": ["a", "b"]}, "tags": {"type": "array", "items": {"oneOf": [{"type": "string"}, {"type": "integer"}]}},
                  "extra": {"type": "object", "additionalProperties": {"type": "boolean"}}, "x-y": {"const": 3}}}}}}
            """
        let text = try TypeScriptDeclarations.render(document: Data(document.utf8))
        #expect(text.contains("/** A *\\/ thing. */\nexport interface Thing {"))
        for member in [
            "  id: string;", "  note?: string | null;", #"  kind?: "a" | "b";"#, "  tags?: (string | number)[];",
            "  extra?: { [key: string]: boolean };", #"  "x-y"?: 3;"#,
        ] {
            #expect(text.contains(member + "\n"), "\(member)")
        }
        for line in [
            #"    method: "GET";"#, #"    path: "/v1/things/{id}";"#, "      path: { id: string; };", "      query: { limit?: number; };",
            "      header: {};", "    requestBody: never;", "      200: Thing;", "      204: void;",
            #"      "default": Record<string, unknown>;"#,
        ] {
            #expect(text.contains(line + "\n"), "\(line)")
        }
    }
}
