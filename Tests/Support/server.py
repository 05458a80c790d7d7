"""The built binary, started for the Python suites (the browser suite, the API contract check,
the page-speed script): a new data folder, a free port, its setup token read from the log."""

import json
import os
import subprocess
import sys
import threading

BINARY = os.environ.get("BULLETIN_BINARY", ".build/debug/bulletin")


def start_server(folder, *arguments, demo=True):
    """Starts `serve` (with `--demo` unless told otherwise) on a free port; returns the process,
    its base URL and the setup token."""
    # The server refuses BULLETIN_* variables it does not know, and a developer's shell may
    # carry some: it gets none.
    environment = {name: value for name, value in os.environ.items() if not name.startswith("BULLETIN_")}
    server = subprocess.Popen(
        [BINARY, "serve", *(["--demo"] if demo else []), "--port", "0", "--bcrypt-cost", "4", "--data-dir", folder,
         *arguments],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
    base = token = None
    seen = []
    for line in server.stdout:
        seen.append(line)
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        token = entry.get("setupToken", token)
        if entry.get("message") == "listening":
            base = entry["url"]
        if base and token:
            # The log keeps coming; read it so the server never blocks on a full pipe, and pass
            # on what is not a log line (a crash's message names where it failed).
            threading.Thread(target=lambda: [sys.stderr.write(line) for line in server.stdout if not line.startswith("{")],
                             daemon=True).start()
            return server, base, token
    raise SystemExit("the server stopped before it listened:\n" + "".join(seen[-20:]))
