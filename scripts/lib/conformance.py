"""The conformance suites the tests read: where they are, and the summary line of a test run.

    python3 scripts/lib/conformance.py summary RESULTS   # prints `conformance suites: F of N found …`

The suites are the ones `Sources/BulletinTestSupport/ConformanceSuites.swift` declares
(`Suite(folder: "…")`), looked up in `CONFORMANCE_DIR`, else in `../shared/conformance` beside
the checkout, as the tests look them up. Exits non-zero when a suite was found but a test that
reads it was skipped anyway (the tests and this script would disagree on where it is).
"""

import json
import os
import pathlib
import re
import sys

CHECKOUT = pathlib.Path(__file__).resolve().parents[2]
DECLARATIONS = CHECKOUT / "Sources/BulletinTestSupport/ConformanceSuites.swift"


def root():
    named = os.environ.get("CONFORMANCE_DIR")
    return pathlib.Path(named) if named else CHECKOUT.parent / "shared/conformance"


def declared_suites():
    return re.findall(r'Suite\(folder: "([^"]+)"\)', DECLARATIONS.read_text())


def unleash_cases(folder):
    specifications = folder / "specifications"
    count = 0
    for name in json.loads((specifications / "index.json").read_text()):
        specification = json.loads((specifications / name).read_text())
        count += len(specification.get("tests", [])) + len(specification.get("variantTests", []))
    return f"{count} cases"


def sse_vectors(folder):
    rows = [line for line in (folder / "README.md").read_text().splitlines() if line.startswith("| format-")]
    return f"{len(rows)} vectors"


# What a suite holds, in the words its tests count them with.
SIZES = {"unleash-client-specification": unleash_cases, "sse-eventsource-wpt": sse_vectors}


def summary(results_path):
    suites = declared_suites()
    base = root()
    found = [suite for suite in suites if (base / suite).is_dir()]
    results = pathlib.Path(results_path).read_text(errors="replace")
    skipped = len(re.findall(r"skipped: .*set CONFORMANCE_DIR to run it", results))
    if not found:
        print(f"conformance suites: 0 of {len(suites)} found: set CONFORMANCE_DIR to run them"
              f" ({skipped} tests skipped; looked in {base})")
        return 0
    sizes = ", ".join(f"{suite} {SIZES[suite](base / suite)}" if suite in SIZES else suite for suite in found)
    missing = [suite for suite in suites if suite not in found]
    tail = f"; missing: {', '.join(missing)}: set CONFORMANCE_DIR to run them" if missing else ""
    print(f"conformance suites: {len(found)} of {len(suites)} found ({sizes}) in {base}{tail}")
    # The engines' pass rates, as their tests print them (JSON Logic in Swift and JavaScript,
    # JSON Schema's required suite and its optional formats).
    for line in sorted(set(re.findall(r"^JSON (?:Logic|Schema) .*pass.*$", results, re.MULTILINE))):
        print(f"  {line}")
    if skipped and not missing:
        print("error: every suite was found, yet tests that read one were skipped", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "summary":
        sys.exit(__doc__)
    sys.exit(summary(sys.argv[2]))
