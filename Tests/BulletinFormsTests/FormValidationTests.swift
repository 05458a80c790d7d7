import BulletinCore
import BulletinForms
import Foundation
import Testing

/// Definitions are checked when saved; submissions are validated against every field type,
/// with rules applied (hidden and required, disabled, computed) and inside repeatable groups.
@Suite("Form definitions and submissions")
struct FormValidationTests {
    /// One field of every type that holds an answer, plus static text, a panel and a group.
    static let everyType: JSONValue = [
        "pages": [
            [
                "title": "All",
                "elements": [
                    ["type": "heading", "label": "Every field"],
                    ["type": "paragraph", "label": "Fill them in."],
                    ["type": "text", "key": "name", "label": "Name", "maxLength": 20],
                    ["type": "textarea", "key": "notes", "label": "Notes", "minLength": 3],
                    ["type": "email", "key": "email", "label": "E-mail"],
                    ["type": "url", "key": "site", "label": "Site"],
                    ["type": "phone", "key": "phone", "label": "Phone"],
                    ["type": "number", "key": "weight", "label": "Weight", "min": 0, "max": 10],
                    ["type": "integer", "key": "seats", "label": "Seats", "min": 1],
                    ["type": "currency", "key": "price", "label": "Price", "min": 0],
                    ["type": "percentage", "key": "share", "label": "Share"],
                    ["type": "rating", "key": "stars", "label": "Stars"],
                    ["type": "slider", "key": "level", "label": "Level", "step": 5],
                    ["type": "date", "key": "day", "label": "Day", "min": "2026-01-01"],
                    ["type": "time", "key": "at", "label": "At"],
                    ["type": "datetime", "key": "when", "label": "When"],
                    ["type": "radio", "key": "size", "label": "Size", "options": ["s", "m", "l"]],
                    ["type": "select", "key": "colour", "label": "Colour", "options": [["value": "r", "label": "Red"], "g"]],
                    ["type": "checkboxes", "key": "extras", "label": "Extras", "options": ["a", "b", "c"], "max": 2],
                    ["type": "multiselect", "key": "tags", "label": "Tags", "options": ["x", "y"]],
                    ["type": "toggle", "key": "urgent", "label": "Urgent"],
                    ["type": "matrix", "key": "grid", "label": "Grid", "rows": ["speed", "price"], "options": ["bad", "good"]],
                    ["type": "computed", "key": "total", "expression": ["*": [["var": "seats"], ["var": "price"]]]],
                    ["type": "hidden", "key": "source", "default": "web"],
                    ["type": "file", "key": "photo", "label": "Photo"],
                    [
                        "type": "panel", "label": "Terms",
                        "elements": [["type": "consent", "key": "agree", "label": "I agree", "required": true]],
                    ],
                    [
                        "type": "repeat", "key": "people", "label": "People", "min": 1, "max": 3,
                        "elements": [
                            ["type": "text", "key": "person", "label": "Name", "required": true],
                            [
                                "type": "integer", "key": "age", "label": "Age", "visibleIf": ["!=": [["var": "person"], "baby"]],
                                "required": true,
                            ],
                        ],
                    ],
                ],
            ]
        ]
    ]

    static let goodAnswers: [String: JSONValue] = [
        "name": "Ada", "notes": "All fine", "email": "ada@example.com", "site": "https://example.com", "phone": "+44 20 7946 0000",
        "weight": 2.5, "seats": 4, "price": 12.5, "share": 40, "stars": 5, "level": 35, "day": "2026-12-07", "at": "09:30",
        "when": "2026-12-07T09:30", "size": "m", "colour": "r", "extras": ["a", "c"], "tags": ["y"], "urgent": false,
        "grid": ["speed": "good", "price": "bad"], "total": 1, "photo": "file_123", "agree": true,
        "people": [["person": "Bo", "age": 31], ["person": "baby", "age": 1]],
    ]

    func form(_ json: JSONValue) throws -> FormDefinition {
        try FormDefinition.parse(json).get()
    }

    @Test("a definition with every field type is accepted, and good answers pass")
    func everyFieldType() throws {
        let definition = try form(Self.everyType)
        #expect(Set(definition.allElements.map(\.type)) == Set(FormElementType.allCases))
        let stored = try FormValidator(definition: definition).validate(Self.goodAnswers).get()
        #expect(stored["total"] == 50, "computed by the server, whatever was sent")
        #expect(stored["source"] == "web", "a hidden value keeps its default")
        #expect(stored["people"] == [["person": "Bo", "age": 31], ["person": "baby"]], "a hidden row answer is dropped")
    }

    @Test(
        "each field type refuses a wrong answer at its pointer",
        arguments: [
            ("name", JSONValue.string(String(repeating: "x", count: 21))), ("notes", "ab"), ("email", "ada"),
            ("site", "ftp://x"), ("phone", "call me"), ("weight", 11), ("seats", 1.5), ("price", -1), ("share", 101),
            ("stars", 6), ("level", 33), ("day", "2025-12-31"), ("at", "25:00"), ("when", "2026-12-07"), ("size", "xl"),
            ("colour", "Red"), ("extras", ["a", "b", "c"]), ("tags", ["x", "x"]), ("urgent", "yes"),
            ("grid", ["speed": "fast"]), ("photo", 12), ("agree", false),
        ] as [(String, JSONValue)])
    func wrongAnswers(key: String, value: JSONValue) throws {
        var answers = Self.goodAnswers
        answers[key] = value
        let result = FormValidator(definition: try form(Self.everyType)).validate(answers)
        guard case .failure(let problems) = result else {
            Issue.record("\(key) = \(value.jsonText()) was accepted")
            return
        }
        #expect(problems.errors.map(\.pointer).allSatisfy { $0.hasPrefix("/\(key)") }, "\(problems.errors)")
    }

    @Test("rows of a repeatable group are counted and checked one by one")
    func repeatableGroups() throws {
        let validator = FormValidator(definition: try form(Self.everyType))
        var answers = Self.goodAnswers
        answers["people"] = [["person": "Bo"], ["age": 3]]
        guard case .failure(let problems) = validator.validate(answers) else {
            Issue.record("rows without required answers were accepted")
            return
        }
        #expect(Set(problems.errors.map(\.pointer)) == ["/people/0/age", "/people/1/person"])
        answers["people"] = .array(Array(repeating: ["person": "baby"], count: 4))
        guard case .failure(let tooMany) = validator.validate(answers) else {
            Issue.record("four rows were accepted where three is the most")
            return
        }
        #expect(tooMany.errors.map(\.pointer) == ["/people"])
    }

    @Test("a hidden field is not required and its answer is not stored; a panel hides its fields")
    func hiddenAndRequired() throws {
        let definition = try form([
            "pages": [
                [
                    "title": "P",
                    "elements": [
                        ["type": "toggle", "key": "owns", "label": "Owns a car"],
                        [
                            "type": "panel", "label": "Car", "visibleIf": ["var": "owns"],
                            "elements": [["type": "text", "key": "plate", "label": "Plate", "required": true]],
                        ],
                        ["type": "text", "key": "reason", "label": "Why not", "requiredIf": ["!": ["var": "owns"]]],
                    ],
                ]
            ]
        ])
        let validator = FormValidator(definition: definition)
        #expect(try validator.validate(["owns": false, "plate": "AB", "reason": "bus"]).get() == ["owns": false, "reason": "bus"])
        guard case .failure(let problems) = validator.validate(["owns": true]) else {
            Issue.record("a visible required field was not required")
            return
        }
        #expect(problems.errors.map(\.pointer) == ["/plate"])
        guard case .failure(let reason) = validator.validate(["owns": false]) else {
            Issue.record("requiredIf was ignored")
            return
        }
        #expect(reason.errors.map(\.pointer) == ["/reason"])
        #expect(try validator.validate(["owns": false], complete: false).get() == ["owns": false], "a partial save needs nothing")
        let evaluation = FormEvaluator(definition: definition).evaluate(["owns": true])
        #expect(evaluation.state(of: "plate")?.required == true && evaluation.state(of: "reason")?.required == false)
    }

    @Test("rows read fields outside their group only once those are settled, wherever they are")
    func rowsReadSettledFields() throws {
        let definition = try form([
            "pages": [
                [
                    "title": "P",
                    "elements": [
                        [
                            "type": "repeat", "key": "people", "label": "People",
                            "elements": [
                                ["type": "text", "key": "name", "label": "Name", "visibleIf": ["var": "flag"]],
                                [
                                    "type": "integer", "key": "age", "label": "Age",
                                    "checks": [["rule": [">=": [["var": "age"], ["var": "minimumAge"]]], "message": "is too young"]],
                                ],
                            ],
                        ],
                        ["type": "toggle", "key": "flag", "label": "Flag", "visibleIf": false],
                        ["type": "integer", "key": "minimumAge", "label": "Minimum age"],
                    ],
                ]
            ]
        ])
        let validator = FormValidator(definition: definition)
        let stored = try validator.validate(["flag": true, "people": [["name": "x", "age": 30]], "minimumAge": 18]).get()
        #expect(stored == ["people": [["age": 30]], "minimumAge": 18], "the hidden flag hides the rows' names")
        let young = validator.validate(["people": [["age": 12]], "minimumAge": 18])
        #expect(throws: FormProblems([FieldError(pointer: "/people/0/age", message: "is too young")])) { try young.get() }
    }

    @Test("cross-field checks name the field whose check fails")
    func checks() throws {
        let definition = try form([
            "pages": [
                [
                    "title": "Dates",
                    "elements": [
                        ["type": "date", "key": "start", "label": "Start"],
                        [
                            "type": "date", "key": "end", "label": "End",
                            "checks": [["rule": [">=": [["var": "end"], ["var": "start"]]], "message": "must not be before the start"]],
                        ],
                    ],
                ]
            ]
        ])
        let result = FormValidator(definition: definition).validate(["start": "2026-12-07", "end": "2026-12-01"])
        #expect(throws: FormProblems([FieldError(pointer: "/end", message: "must not be before the start")])) { try result.get() }
        #expect(try FormValidator(definition: definition).validate(["start": "2026-12-01", "end": "2026-12-07"]).get().count == 2)
    }

    @Test(
        "definitions past the limits or malformed are refused with pointers",
        arguments: [
            (["pages": []] as JSONValue, "/pages"),
            (["pages": [["title": "T", "elements": [["type": "sparkle", "key": "a", "label": "A"]]]]], "/pages/0/elements/0/type"),
            (["pages": [["title": "T", "elements": [["type": "text", "key": "1a", "label": "A"]]]]], "/pages/0/elements/0/key"),
            (["pages": [["title": "T", "elements": [["type": "select", "key": "a", "label": "A"]]]]], "/pages/0/elements/0/options"),
            (
                ["pages": [["title": "T", "elements": [["type": "text", "key": "a", "label": "A", "visibleIf": ["teleport": [1]]]]]]],
                "/pages/0/elements/0/visibleIf"
            ),
            (
                ["pages": [["title": "T", "elements": [["type": "text", "key": "a", "label": "A", "min": 3, "max": 1]]]]],
                "/pages/0/elements/0/max"
            ),
        ] as [(JSONValue, String)])
    func malformed(definition: JSONValue, pointer: String) {
        guard case .failure(let problems) = FormDefinition.parse(definition) else {
            Issue.record("accepted \(definition.jsonText())")
            return
        }
        #expect(problems.errors.map(\.pointer).contains(pointer), "\(problems.errors)")
    }

    @Test("depth and size limits")
    func limits() {
        var nested: JSONValue = ["type": "text", "key": "deep", "label": "Deep"]
        for _ in 0..<9 { nested = ["type": "panel", "label": "P", "elements": [nested]] }
        let tooDeep = FormDefinition.parse(["pages": [["title": "T", "elements": [nested]]]])
        #expect(throws: FormProblems.self) { try tooDeep.get() }
        let many = JSONValue.array((0..<30).map { .object(["type": "text", "key": .string("f\($0)"), "label": "F"]) })
        var small = FormLimits.standard
        small.elements = 20
        guard case .failure(let problems) = FormDefinition.parse(["pages": [["title": "T", "elements": many]]], limits: small) else {
            Issue.record("30 elements passed a limit of 20")
            return
        }
        #expect(problems.errors.first?.message.contains("limit of 20") == true)
        let longRule = JSONValue.array((0..<3_000).map { _ in "xxxx" })
        let bigRule = FormDefinition.parse([
            "pages": [["title": "T", "elements": [["type": "text", "key": "a", "label": "A", "visibleIf": ["in": ["x", longRule]]]]]]
        ])
        #expect(throws: FormProblems.self) { try bigRule.get() }
    }

    @Test("publishing says which fields were added, removed and changed")
    func changes() throws {
        let before = try form([
            "pages": [
                ["title": "T", "elements": [["type": "text", "key": "a", "label": "A"], ["type": "text", "key": "b", "label": "B"]]]
            ]
        ])
        let after = try form([
            "pages": [
                ["title": "T", "elements": [["type": "text", "key": "b", "label": "Bee"], ["type": "text", "key": "c", "label": "C"]]]
            ]
        ])
        let changes = FormChanges(from: before, to: after)
        #expect(changes.added == ["c"] && changes.removed == ["a"] && changes.changed == ["b"])
        #expect(FormChanges(from: nil, to: before).added == ["a", "b"])
    }

    @Test("CSV has a column per field, lists joined, formulas made inert")
    func csv() throws {
        let definition = try form(Self.everyType)
        let columns = FormCSV.columns(latest: definition)
        #expect(FormCSV.header(columns: columns).hasPrefix("id,submitted_at,version,respondent,name,notes,"))
        let line = FormCSV.line(
            .init(
                id: "s1", submittedAt: .init(timeIntervalSince1970: 0), version: 2, respondent: "u1",
                answers: ["name": "=cmd", "extras": ["a", "c"], "urgent": true, "weight": 2.5]),
            columns: columns)
        #expect(line.hasPrefix("s1,1970-01-01T00:00:00Z,2,u1,'=cmd,,,,,2.5,"))
        #expect(line.contains(",a; c,") && line.contains(",yes,"))
    }
}
