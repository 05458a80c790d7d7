"""Checks that the targets are as docs/architecture.md says, and that the layers hold.

    python3 scripts/lib/architecture.py

Reads the table under "## Targets" in docs/architecture.md (target, folder, the Bulletin
targets it may import) and `swift package dump-package`, and fails when they differ: a
target missing from either, another folder, another dependency. Then it reads every Swift
file of each target and fails on an `import` of a Bulletin target the table does not allow
(SwiftPM lets a file import what a dependency depends on). Last, the layers: no domain
target reaches the HTTP layer (BulletinServer, Hummingbird, the OpenAPI runtime), and the
tests of the domain build without the server. And the OpenAPI generator's two configurations
(the shared types and client, the server's handlers) select the same tags.
"""

import json
import pathlib
import re
import subprocess
import sys

CHECKOUT = pathlib.Path(__file__).resolve().parents[2]
DOCUMENT = CHECKOUT / "docs" / "architecture.md"
DOMAIN = ["BulletinCore", "BulletinStore", "BulletinJobs", "BulletinFlags", "BulletinAI", "BulletinReports", "BulletinBoard",
          "BulletinApp"]
DOMAIN_TESTS = ["BulletinCoreTests", "BulletinStoreTests", "BulletinJobsTests", "BulletinReportsTests", "BulletinBoardTests",
                "BulletinAppTests", "BulletinAITests"]
HTTP_PACKAGES = {"hummingbird", "hummingbird-auth", "hummingbird-websocket", "swift-openapi-hummingbird",
                 "swift-openapi-runtime"}


def documented_targets():
    """The table's rows: target → (folder, set of allowed Bulletin targets)."""
    text = DOCUMENT.read_text()
    section = text.split("\n## Targets\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not line.startswith("| `"):
            continue
        target, folder, imports = cells
        rows[target] = (folder, {name.strip().strip("`") for name in imports.split(",") if name.strip() not in ("", "—")})
    return rows


def package_targets():
    """Package.swift's targets: name → (folder, Bulletin targets, packages of its products)."""
    manifest = json.loads(subprocess.run(
        ["swift", "package", "dump-package"], cwd=CHECKOUT, check=True, capture_output=True, text=True).stdout)
    targets = {}
    for target in manifest["targets"]:
        if target["type"] == "plugin":
            continue
        default = "Tests" if target["type"] == "test" else "Sources"
        folder = target.get("path") or f"{default}/{target['name']}"
        local, packages = set(), set()
        for dependency in target["dependencies"]:
            (kind, value), = dependency.items()
            if kind == "product":
                packages.add(value[1])
            else:
                local.add(value[0])
        targets[target["name"]] = (folder, local, packages)
    return targets


def generated_tags(target):
    """The tags a target's openapi-generator-config.yaml selects (the list under `tags:`)."""
    lines = (CHECKOUT / "Sources" / target / "openapi-generator-config.yaml").read_text().splitlines()
    tags = []
    for line in lines[lines.index("  tags:") + 1:]:
        if not line.startswith("    - "):
            break
        tags.append(line.strip()[2:])
    return tags


def reach(targets, start):
    """Every target `start` depends on, directly or not, and the packages their products come from."""
    seen, packages, pending = set(), set(), [start]
    while pending:
        name = pending.pop()
        for dependency in targets[name][1] - seen:
            seen.add(dependency)
            pending.append(dependency)
        packages |= targets[name][2]
    return seen, packages


def main():
    documented, declared = documented_targets(), package_targets()
    problems = []
    for name in sorted(set(documented) ^ set(declared)):
        where = "docs/architecture.md" if name in declared else "Package.swift"
        problems.append(f"{name}: missing from the table in {where}")
    for name in sorted(set(documented) & set(declared)):
        (doc_folder, doc_imports), (folder, local, _) = documented[name], declared[name]
        if doc_folder != folder:
            problems.append(f"{name}: the table says {doc_folder}, Package.swift {folder}")
        if doc_imports != local:
            problems.append(f"{name}: the table allows {sorted(doc_imports)}, Package.swift declares {sorted(local)}")
        for file in sorted((CHECKOUT / folder).rglob("*.swift")):
            for imported in re.findall(r"^(?:@testable |@preconcurrency )?import (\w+)", file.read_text(), re.M):
                if imported in declared and imported not in local:
                    problems.append(f"{file.relative_to(CHECKOUT)}: imports {imported}, which {name} does not declare")
    for name in DOMAIN:
        reached, packages = reach(declared, name)
        if "BulletinServer" in reached or packages & HTTP_PACKAGES:
            problems.append(f"{name}: a domain target reaches the HTTP layer ({sorted(packages & HTTP_PACKAGES)})")
    for name in DOMAIN_TESTS:
        if "BulletinServer" in reach(declared, name)[0]:
            problems.append(f"{name}: builds the server")
    if generated_tags("BulletinOpenAPI") != generated_tags("BulletinServer"):
        problems.append("the OpenAPI generator's configurations select other tags in BulletinOpenAPI and BulletinServer")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        sys.exit("error: the targets are not as docs/architecture.md says")
    print(f"targets: {len(declared)} as docs/architecture.md says; the domain stays clear of HTTP")


if __name__ == "__main__":
    main()
