"""Schemathesis hooks for the contract check: the refusals no OpenAPI 3.1 schema can describe.

`positive_data_acceptance` expects every request valid by the document's schemas to be taken.
A schema describes one request on its own; it cannot say that a value must equal something
stored on the server, or relate a value to an earlier request. The refusals below depend only
on that, are documented (docs/errors.md, the operations' descriptions), and are excused one by
one: only for the operation named, only as that check's failure, only when the answer is the
422 problem described and every field it names is one of those listed. Anything else the same
response says still fails the check, as does every other refusal of these operations.
"""

import io
import json
import os
import zipfile

import jsonschema_rs
import schemathesis
from hypothesis import strategies as st
from hypothesis.internal import lambda_sources as _lambda_sources

# CPython 3.11.7's `ast` module can fail a parse with "SystemError: AST constructor recursion
# depth mismatch" (python/cpython#106905). Hypothesis parses a lambda's source file only to
# describe the lambda (for its reprs); schemathesis' own lambdas hit the bug on this document,
# and the operation then reported a runtime error instead of being tested. Such a lambda is
# described as unknown instead: nothing is generated or checked differently.
_describe_lambda = _lambda_sources._lambda_description


def _described_lambda(function, *arguments, **options):
    try:
        return _describe_lambda(function, *arguments, **options)
    except SystemError:
        return "lambda: <unknown>"


_lambda_sources._lambda_description = _described_lambda

POSITIVE = "positive_data_acceptance"
_DATE_TIME = jsonschema_rs.validator_for({"type": "string", "format": "date-time"}, validate_formats=True)


def _problem(response):
    try:
        body = response.json()
    except Exception:  # noqa: BLE001 - not JSON: nothing to excuse
        return {}
    return body if isinstance(body, dict) else {}


def _reused_idempotency_key(problem):
    # The key was sent before with another body: the coverage and fuzzing phases draw header
    # values from a small pool, so later requests repeat earlier keys. The document says the
    # answer is 422 (the `Idempotency-Key` parameter); "unique per request" has no schema.
    return problem.get("type", "").endswith("/idempotency-key-reused")


def _fields(*rules):
    """A 422 `validation-failed` whose every error matches one of (pointer test, message part)."""

    def check(problem):
        errors = problem.get("errors") or []
        if not problem.get("type", "").endswith("/validation-failed") or not errors:
            return False
        return all(
            any(pointer(error.get("pointer", "")) and part in error.get("message", "") for pointer, part in rules)
            for error in errors)

    return check


def _is(name):
    return lambda pointer: pointer == name


# bcrypt reads 72 bytes of UTF-8, and JSON Schema counts characters (code points), not bytes:
# `maxLength: 72` is the most the schema can say, and a 72-character password of accented
# letters is more than 72 bytes.
_PASSWORD_BYTES = "bytes"

# A project's names differ from each other, ignoring case (`uniqueItems` compares whole items
# exactly, and nothing compares across the subject and the peers); its schedule's cron
# expression follows cron's grammar and runs at most once an hour, and its time zone is one of
# the IANA database's (which a pattern cannot list, nor a grammar's ranges and steps).
_PROJECT_RULES = (
    (lambda p: p.endswith("/name"), "give each a distinct name"),
    (_is("/schedule/cron"), ""),
    (_is("/schedule/timeZone"), "IANA time zone"),
)

EXCUSED = {
    ("POST", "/v1/setup"): [_fields((_is("/password"), _PASSWORD_BYTES))],
    # The current password must be the account's: a stored value.
    ("POST", "/v1/me/password"): [
        _fields((_is("/newPassword"), _PASSWORD_BYTES), (_is("/currentPassword"), "not your current password")),
    ],
    # The subject's and peers' names must differ from each other, ignoring case: `uniqueItems`
    # compares whole items exactly, and nothing compares across the subject and the peers.
    ("POST", "/v1/projects"): [_fields(*_PROJECT_RULES)],
    ("POST", "/v1/projects/validation"): [_fields(*_PROJECT_RULES)],
    ("PUT", "/v1/projects/{projectId}"): [_fields(*_PROJECT_RULES)],
}

# Flags (Unleash's client format). Rules that relate values to each other or to what is
# stored, which no schema states:
_FLAG_RULES = (
    # the weights of a list of variants add up to 1000, and its variant names differ;
    (lambda p: p.endswith("/variants"), "Weights must add up to 1000"),
    (lambda p: "/variants/" in p and p.endswith("/name"), "Another variant has this name"),
    # a flag does not depend on itself (a field equal to another);
    (lambda p: p.endswith("/feature"), "cannot depend on itself"),
    # a payload's value parses as its type says; a strategy's parameters are those of its
    # name; a constraint's value parses as its operator needs (these need `if`/`then`
    # conditionals on a sibling's value, which the document leaves to its descriptions), and
    # a REGEX compiles with RE2, which no schema keyword checks;
    (lambda p: p.endswith("/payload"), "payload needs"),
    (lambda p: "/parameters/" in p, ""),
    (lambda p: p.endswith("/value") or "/values/" in p, "Give "),
)
# One flag stored alone is refused what an import keeps with a warning (the schema is shared):
# an unknown strategy or operator, a segment the workspace does not have (stored state).
_STRICT_FLAG_RULES = _FLAG_RULES + (
    (lambda p: p.endswith("/name") and "/strategies/" in p and "/variants/" not in p, "Unknown strategy"),
    (lambda p: p.endswith("/operator"), "Unknown operator"),
    (lambda p: "/segments/" in p, "No segment has this ID"),
)
EXCUSED[("POST", "/v1/flags")] = [_fields(*_STRICT_FLAG_RULES)]
# The name in the body equals the one in the path: two places, one value.
EXCUSED[("PUT", "/v1/flags/{name}")] = [
    _fields(*_STRICT_FLAG_RULES, (_is("/definition/name"), "Use the name in the path")),
]
# An import names each flag once (distinct by a property of the items).
EXCUSED[("POST", "/v1/flags/import")] = [_fields(*_FLAG_RULES, (lambda p: p.endswith("/name"), "Another flag has this name"))]

# A workspace's AI settings name each provider once (distinct by a property of the items), and
# a provider's entry does not both set and remove its key (a relation between two fields).
EXCUSED[("PUT", "/v1/ai/settings")] = [
    _fields(
        (lambda p: p.startswith("/providers/") and p.endswith("/provider"), "is listed twice"),
        (lambda p: p.startswith("/providers/") and p.endswith("/removeKey"), "cannot be given with apiKey"),
    ),
]

# A Word template fills DOCX downloads only: `template` with another format is refused, a
# relation between two query parameters that the document states in words.
EXCUSED[("GET", "/v1/projects/{projectId}/reports/{reportId}")] = [
    _fields((_is("#/query/template"), "DOCX downloads only")),
]

# An export names projects the workspace has: stored state.
EXCUSED[("POST", "/v1/reports/exports")] = [
    _fields((lambda p: p.startswith("/projectIds/"), "no such project")),
]

# The status board. A price has at most two decimals (`multipleOf: 0.01` cannot be checked
# exactly on binary floating-point numbers).
_SERVICE_RULES = ((_is("/price"), "two decimals"),)
EXCUSED[("POST", "/v1/services")] = [_fields(*_SERVICE_RULES)]
EXCUSED[("PUT", "/v1/services/{serviceId}")] = [_fields(*_SERVICE_RULES)]
# An appointment books services of the catalog and a technician of the workspace (stored
# state); its end follows its start, an address comes with an on-site location, and the
# start falls on a day the board shows in any time zone (relations between fields); the
# e-mail address's domain has a dot, which `format: email` does not ask.
_APPOINTMENT_RULES = (
    (lambda p: p.startswith("/serviceCodes/"), "not an active service"),
    (_is("/technicianId"), "not a member"),
    (_is("/expectedEnd"), "after the start"),
    (_is("/address"), "is required"),
    (_is("/customer/email"), "e-mail"),
    (_is("/scheduledStart"), "2000 to 2999"),
)
EXCUSED[("POST", "/v1/appointments")] = [_fields(*_APPOINTMENT_RULES)]
EXCUSED[("PUT", "/v1/appointments/{appointmentId}")] = [_fields(*_APPOINTMENT_RULES)]
# A move's neighbour is a card of the target column on that day: stored state.
EXCUSED[("POST", "/v1/appointments/{appointmentId}/move")] = [
    _fields((lambda p: p in ("/beforeId", "/afterId"), "Name a card")),
]
# The time zone is one of the IANA database's, and each status is listed once (items are
# objects: `uniqueItems` cannot compare one property).
EXCUSED[("PUT", "/v1/board/settings")] = [
    _fields((_is("/timeZone"), "IANA time zone"), (lambda p: p.endswith("/status"), "listed twice")),
]
# Forms. A definition's elements are checked against each other and against what each type
# needs (unique keys, rules that refer to fields the form has and do not go round in a cycle,
# options for choices, an operator JSON Logic knows): relations the document states in words.
_FORM_RULES = ((lambda p: p.startswith("/definition"), ""),)
EXCUSED[("POST", "/v1/forms")] = [_fields(*_FORM_RULES)]
EXCUSED[("PUT", "/v1/forms/{formId}")] = [_fields(*_FORM_RULES)]
# A link's expiry lies in the future: a relation to the clock, which no schema states.
EXCUSED[("POST", "/v1/forms/{formId}/links")] = [_fields((_is("/expiresAt"), "must be in the future"))]
# Answers are checked against the form's published definition: stored state.
_ANSWER_RULES = ((lambda p: p.startswith("/answers"), ""),)
for _operation in (("POST", "/v1/forms/{formId}/submissions"), ("PUT", "/v1/forms/{formId}/progress"),
                   ("POST", "/v1/public/form/submissions"), ("PUT", "/v1/public/form/progress")):
    EXCUSED[_operation] = [_fields(*_ANSWER_RULES)]

# A change to an appointment names the version it read: `If-Match` is optional in the
# document (its absence has its own answer, 428, which the contract fixes), so a
# request without it is schema-valid and refused.
PRECONDITION_REQUIRED = {("PUT", "/v1/appointments/{appointmentId}"), ("POST", "/v1/appointments/{appointmentId}/move")}

# Schemathesis cannot make up a catalog: imports send small CSV files, one with a refused line.
schemathesis.openapi.media_type(
    "text/csv",
    st.sampled_from([
        b"code,name,durationMinutes,price\nOIL001,Oil change,30,49.95\n",
        b"code,name,category,durationMinutes,price,active\r\nTIRE001,\"Tyres, rotated\",tyres,45,35,true\r\nBAD,x,1,-1,no\r\n",
    ]))



def _word_document(body):
    """A minimal .docx (its content types and main part) whose one paragraph is `body`."""
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body></w:document>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


# Schemathesis cannot make up a Word document: uploads send small valid templates.
schemathesis.openapi.media_type(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    st.sampled_from([_word_document("Report for {{project.name}}"), _word_document("{{#peers}}{{name}} {{/peers}}")]))

IDEMPOTENT = {
    ("POST", "/v1/setup"), ("POST", "/v1/api-keys"), ("POST", "/v1/invitations"),
    ("POST", "/v1/invitations/{invitation}/accept"), ("POST", "/v1/projects"), ("POST", "/v1/services"),
    ("POST", "/v1/appointments"),
}


def _at(body, pointer):
    """The value at an RFC 6901 pointer into the body, or None."""
    value = body
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return None
    return value


def _not_really_valid(problem, case):
    # Not the server's mistake but the generator's: for a nullable date (`"type": ["string",
    # "null"], "format": "date-time"`) schemathesis 4.32's coverage phase drops the format and
    # sends such as "", which the document does not allow. Excused only when every field the
    # 422 names is refused as a date and holds a string that is no date-time by the format.
    errors = problem.get("errors") or []
    if not problem.get("type", "").endswith("/validation-failed") or not errors:
        return False
    if not all(error.get("message", "").startswith("Give an RFC 3339 date and time") for error in errors):
        return False
    values = [_at(case.body, error.get("pointer", "")) for error in errors]
    return all(isinstance(value, str) and not _DATE_TIME.is_valid(value) for value in values)


def _not_an_object(problem, case):
    # The generator's mistake too: the coverage phase, varying a path parameter of a PUT, sent
    # `0` as the body, which the operation's object schema does not allow. Excused only when
    # the body sent is no object and the 422 says exactly that.
    errors = problem.get("errors") or []
    return (not isinstance(case.body, dict) and problem.get("type", "").endswith("/validation-failed")
            and len(errors) == 1 and errors[0].get("pointer") == "" and errors[0].get("message") == "Expected an object.")


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keeps every failure but the excused refusals above."""
    if POSITIVE not in getattr(failure, "checks", ()) or response.status_code not in (422, 428):
        return True
    operation = (case.operation.method.upper(), case.operation.path)
    problem = _problem(response)
    if response.status_code == 428:
        return not (operation in PRECONDITION_REQUIRED and problem.get("type", "").endswith("/precondition-required"))
    excused = (
        (operation in IDEMPOTENT and _reused_idempotency_key(problem)) or _not_really_valid(problem, case)
        or _not_an_object(problem, case)
        or any(excuse(problem) for excuse in EXCUSED.get(operation, [])))
    if excused and os.environ.get("CONTRACT_EXCUSED_LOG"):
        # To review what was excused: one JSON line per refusal.
        with open(os.environ["CONTRACT_EXCUSED_LOG"], "a", encoding="utf-8") as log:
            log.write(json.dumps({"operation": " ".join(operation), "type": problem.get("type"),
                                  "errors": problem.get("errors")}) + "\n")
    return not excused
