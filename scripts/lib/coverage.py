"""Line coverage per target of `Sources/`, from a `swift test --enable-code-coverage` run.

    python3 scripts/lib/coverage.py LLVM_COV PROFDATA BINARY [BINARY …]

Prints a table of targets (lines, covered, %), then one line `line coverage: NN.N %` for all of
`Sources/`. Generated code (the OpenAPI generator's output under `.build/`), tests, benchmarks
and dependencies are left out: only files under the checkout's `Sources/` count. Exits 1 when
the whole is below FLOOR (docs/testing.md records the figures).
"""

import collections
import json
import pathlib
import subprocess
import sys

CHECKOUT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = CHECKOUT / "Sources"
FLOOR = 85.0


def main(llvm_cov, profdata, binaries):
    objects = [argument for binary in binaries[1:] for argument in ("-object", binary)]
    exported = subprocess.run(
        [llvm_cov, "export", "-summary-only", "-instr-profile", profdata, binaries[0], *objects,
         "-ignore-filename-regex", r"(\.build|/Tests|/Benchmarks|/checkouts)/"],
        capture_output=True, text=True)
    if exported.returncode != 0:
        sys.exit(f"error: llvm-cov export failed: {exported.stderr.strip()}")
    lines = collections.Counter()
    covered = collections.Counter()
    seen = set()
    for data in json.loads(exported.stdout)["data"]:
        for file in data["files"]:
            path = pathlib.Path(file["filename"]).resolve()
            if SOURCES not in path.parents or path in seen:
                continue
            seen.add(path)
            target = path.relative_to(SOURCES).parts[0]
            lines[target] += file["summary"]["lines"]["count"]
            covered[target] += file["summary"]["lines"]["covered"]
    if not lines:
        sys.exit("error: the coverage data names no file under Sources/")
    width = max(map(len, lines))
    print(f"{'target':<{width}}  {'lines':>7}  {'covered':>7}  {'%':>6}")
    for target in sorted(lines):
        share = 100 * covered[target] / lines[target] if lines[target] else 100
        print(f"{target:<{width}}  {lines[target]:>7}  {covered[target]:>7}  {share:>6.1f}")
    whole = 100 * sum(covered.values()) / sum(lines.values())
    print(f"line coverage: {whole:.1f} %")
    if whole < FLOOR:
        sys.exit(f"error: line coverage is below its floor of {FLOOR:.0f} %")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
