import BulletinForms
import Testing

/// Focused behaviour of ``JSONSchema`` that the conformance suite does not pin down: where
/// violations point, that all are collected, and that reference cycles end.
struct JSONSchemaTests {
    @Test("A missing required member is reported at the member's own pointer")
    func requiredPointsAtTheMember() throws {
        let schema = try JSONSchema([
            "type": "object",
            "properties": ["rows": ["type": "array", "items": ["type": "object", "required": ["name"]]]],
            "required": ["plate"],
        ])
        let violations = schema.validate(["rows": [["name": "a"], [:]]])
        #expect(
            Set(violations) == [
                SchemaViolation(instancePointer: "/plate", keyword: "required", message: "is required"),
                SchemaViolation(instancePointer: "/rows/1/name", keyword: "required", message: "is required"),
            ])
    }

    @Test("Every violation is collected, each at its own location")
    func collectsAllViolations() throws {
        let schema = try JSONSchema([
            "properties": [
                "name": ["type": "string", "minLength": 3],
                "age": ["type": "integer", "minimum": 0],
                "a/b": ["const": true],
            ],
            "additionalProperties": false,
        ])
        let violations = schema.validate(["name": "ab", "age": -1.5, "a/b": false, "extra": 1])
        #expect(
            violations.contains(SchemaViolation(instancePointer: "/name", keyword: "minLength", message: "must be at least 3 characters")))
        #expect(violations.contains(SchemaViolation(instancePointer: "/age", keyword: "type", message: "must be of type integer")))
        #expect(violations.contains(SchemaViolation(instancePointer: "/age", keyword: "minimum", message: "must be at least 0")))
        #expect(violations.contains { $0.instancePointer == "/a~1b" && $0.keyword == "const" })
        #expect(violations.contains { $0.instancePointer == "/extra" && $0.keyword == "additionalProperties" })
        #expect(violations.count == 5)
        #expect(schema.isValid(["name": "abc", "age": 4, "a/b": true]))
    }

    @Test("anyOf reports one violation at the instance it applies to")
    func anyOfReportsOnce() throws {
        let schema = try JSONSchema(["properties": ["n": ["anyOf": [["type": "string"], ["minimum": 10]]]]])
        #expect(schema.validate(["n": 3]).map(\.instancePointer) == ["/n"])
        #expect(schema.validate(["n": 3]).map(\.keyword) == ["anyOf"])
        #expect(schema.isValid(["n": 12]))
    }

    @Test("A $ref cycle that never consumes the instance ends with a violation")
    func referenceCycleTerminates() throws {
        let schema = try JSONSchema([
            "$defs": ["a": ["$ref": "#/$defs/b"], "b": ["$ref": "#/$defs/a"]],
            "$ref": "#/$defs/a",
        ])
        let violations = schema.validate(["x": 1])
        #expect(!violations.isEmpty)
        #expect(violations.allSatisfy { $0.keyword == "$ref" && $0.instancePointer == "" })
    }

    @Test("A recursive schema that descends into the instance is no cycle")
    func recursionThroughTheInstance() throws {
        let schema = try JSONSchema([
            "$defs": ["node": ["type": "object", "properties": ["next": ["$ref": "#/$defs/node"], "value": ["type": "integer"]]]],
            "$ref": "#/$defs/node",
        ])
        #expect(schema.isValid(["value": 1, "next": ["value": 2, "next": ["value": 3]]]))
        #expect(schema.validate(["next": ["next": ["value": "x"]]]).map(\.instancePointer) == ["/next/next/value"])
    }

    @Test("A reference that cannot be resolved is refused when compiling")
    func unresolvableReferenceThrows() {
        #expect(throws: JSONSchemaError.unresolvableReference("urn:bulletin:schema#/$defs/missing")) {
            try JSONSchema(["$ref": "#/$defs/missing"])
        }
        #expect(throws: JSONSchemaError.unresolvableReference("http://example.com/other.json")) {
            try JSONSchema(["$ref": "http://example.com/other.json"])
        }
    }

    @Test("Lengths count code points, and multipleOf is exact for decimals")
    func lengthsAndMultiples() throws {
        let schema = try JSONSchema(["properties": ["s": ["maxLength": 2], "n": ["multipleOf": 0.01]]])
        #expect(schema.isValid(["s": "💩💩", "n": 19.99]))
        #expect(!schema.isValid(["s": "abc"]))
        #expect(!schema.isValid(["n": 19.995]))
    }

    @Test("The bundled meta-schema validates schemas")
    func metaSchema() throws {
        let schema = try JSONSchema(["$ref": "https://json-schema.org/draft/2020-12/schema"])
        #expect(schema.isValid(["type": "string", "minLength": 1]))
        #expect(!schema.isValid(["minLength": -1]))
        #expect(!schema.isValid(["properties": ["a": ["type": "text"]]]))
    }

    @Test("Formats are annotations unless asserted")
    func formats() throws {
        let annotated = try JSONSchema(["format": "date"])
        let asserted = try JSONSchema(["format": "date"], assertFormats: true)
        #expect(annotated.isValid("2023-02-30"))
        #expect(!asserted.isValid("2023-02-30"))
        #expect(asserted.isValid("2024-02-29"))
        #expect(asserted.validate("x") == [SchemaViolation(instancePointer: "", keyword: "format", message: "must be a valid date")])
    }
}
