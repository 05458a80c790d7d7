"""Checks the TypeScript side of the API contract with the TypeScript compiler (tsc).

    python3 Tests/TypeScript/check_typescript.py      # BULLETIN_BINARY names the binary

1. `bulletin openapi typescript` prints what Web/bulletin-api.d.ts holds: the web UI's copy
   of the declarations follows the OpenAPI document.
2. The declarations compile under --strict.
3. api.js compiles with its JSDoc checked (--checkJs): its `call` is typed from them.
4. usage.ts, calls as the UI writes them, compiles: typed answers are used as such, and each
   `@ts-expect-error` line is an error, so declarations too loose to catch it fail the check.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

CHECKOUT = pathlib.Path(__file__).resolve().parents[2]
WEB = CHECKOUT / "Sources" / "BulletinServer" / "Web"
DECLARATIONS = WEB / "bulletin-api.d.ts"
COMPILER = ["--noEmit", "--target", "es2022", "--module", "es2022", "--lib", "es2022,dom,dom.iterable",
            "--moduleResolution", "node"]


def tsc(*arguments, cwd):
    result = subprocess.run(["tsc", *COMPILER, *arguments], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"error: tsc {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")


def main():
    if shutil.which("tsc") is None:
        sys.exit("error: tsc not found: apt-get install node-typescript (scripts/test does)")
    binary = os.environ.get("BULLETIN_BINARY", str(CHECKOUT / ".build" / "debug" / "bulletin"))
    with tempfile.TemporaryDirectory() as folder:
        generated = pathlib.Path(folder) / "bulletin-api.d.ts"
        subprocess.run([binary, "openapi", "typescript", "--output", str(generated)], check=True)
        if generated.read_text() != DECLARATIONS.read_text():
            sys.exit("error: Web/bulletin-api.d.ts differs from the OpenAPI document's declarations: run "
                     "`bulletin openapi typescript --output Sources/BulletinServer/Web/bulletin-api.d.ts`")
    tsc("--strict", "bulletin-api.d.ts", cwd=WEB)
    tsc("--allowJs", "--checkJs", "api.js", cwd=WEB)
    tsc("--strict", "--allowJs", "usage.ts", cwd=pathlib.Path(__file__).parent)
    print("typescript: the declarations follow the document and compile; api.js and usage.ts type-check")


if __name__ == "__main__":
    main()
