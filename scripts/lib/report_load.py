"""Report runs under load: creates projects at once against a running Bulletin, follows each
run on its event stream, and prints time to first progress and time to ready.

Standard library only. Each project is created in its own thread, all at once once each has
its stream ticket (as the web UI has one before the user submits); the clock for a project
starts when its 201 arrives, and its run's events are read from `project:ID` replayed from the
start (`lastEventId=0`), so nothing between the commit and the subscription is missed.
"""

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse


def request(base, method, path, token=None, body=None):
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, (json.loads(data) if data else {})


def events(base, path):
    """Yields (type, payload) from an event stream until the caller stops."""
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    connection.request("GET", path, headers={"Accept": "text/event-stream"})
    response = connection.getresponse()
    if response.status != 200:
        raise RuntimeError(f"event stream answered {response.status}")
    kind, data = None, []
    try:
        while True:
            line = response.fp.readline()
            if not line:
                return
            line = line.decode().rstrip("\r\n")
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip(" "))
            elif line == "" and data:
                yield kind, json.loads("\n".join(data))
                kind, data = None, []
    finally:
        connection.close()


def project_body(index, site):
    names = ["harbour", "lantern", "pigeonpost", "beacon"]
    return {
        "name": f"Load test {index}",
        "tags": ["load-test"],
        "subject": {"name": "Harbour Chat", "website": f"{site}/harbour", "attributes": {"rating": 4.6}},
        "peers": [
            {"name": name.title(), "website": f"{site}/{name}", "attributes": {"rating": 4.0 + i / 10}}
            for i, name in enumerate(names[1:])
        ],
    }


def run_one(args, token, index, results, barrier):
    outcome = {"first": None, "ready": None, "error": None}
    try:
        # The stream's ticket first, as the web UI asks for it while the user fills in the form.
        status, ticket = request(args.url, "POST", "/v1/realtime/tickets", token, {})
        if status != 201:
            raise RuntimeError(f"ticket answered {status}")
        barrier.wait()
        status, project = request(args.url, "POST", "/v1/projects", token, project_body(index, args.site))
        created = time.monotonic()
        if status != 201 or "latestRun" not in project:
            raise RuntimeError(f"create answered {status}: {project.get('type', project)}")
        query = urllib.parse.urlencode({"topic": "project:" + project["id"], "ticket": ticket["ticket"], "lastEventId": "0"})
        for kind, event in events(args.url, "/v1/events?" + query):
            if kind == "run.progress" and outcome["first"] is None:
                outcome["first"] = time.monotonic() - created
            if kind == "run.ready":
                outcome["ready"] = time.monotonic() - created
                break
            if kind in ("run.failed", "run.cancelled"):
                raise RuntimeError(f"run ended {kind}: {event.get('payload', {}).get('message')}")
    except Exception as error:  # noqa: BLE001 - every failure is counted and shown
        outcome["error"] = str(error)
    results[index] = outcome


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--site", help="base URL of the peers' pages (default: the server's demo sites)")
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--slo", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--slo-ready-p95", type=float, default=2.0, help="seconds (default 2)")
    parser.add_argument("--slo-first-progress", type=float, default=0.1, help="seconds, every run (default 0.1)")
    args = parser.parse_args()
    args.site = args.site or args.url.rstrip("/") + "/demo/sites"

    status, login = request(args.url, "POST", "/v1/auth/login", body={"email": args.email, "password": args.password})
    if status != 200:
        sys.exit(f"sign-in answered {status}")
    token = login["accessToken"]

    results = [None] * args.projects
    barrier = threading.Barrier(args.projects)  # the creations start together
    threads = [threading.Thread(target=run_one, args=(args, token, i, results, barrier)) for i in range(args.projects)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began

    errors = [r["error"] for r in results if r["error"]]
    firsts = [r["first"] for r in results if r["first"] is not None]
    readies = [r["ready"] for r in results if r["ready"] is not None]
    ms = lambda seconds: f"{seconds * 1000:.0f}"  # noqa: E731
    print(f"projects: {args.projects} at once, all done in {wall:.2f} s; errors: {len(errors)}")
    for error in errors[:5]:
        print("  error:", error)
    if firsts:
        print(f"201 → first progress event: p50 {ms(statistics.median(firsts))} ms, "
              f"p95 {ms(percentile(firsts, 0.95))} ms, max {ms(max(firsts))} ms")
    if readies:
        print(f"201 → ready: p50 {ms(statistics.median(readies))} ms, p95 {ms(percentile(readies, 0.95))} ms, "
              f"max {ms(max(readies))} ms, mean {ms(statistics.mean(readies))} ms")
    if readies and firsts:
        print(f"ROW {ms(statistics.median(firsts))} {ms(percentile(firsts, 0.95))} {ms(max(firsts))} "
              f"{ms(statistics.median(readies))} {ms(percentile(readies, 0.95))} {ms(max(readies))} {len(errors)}")
    if args.slo:
        missed = []
        if errors:
            missed.append(f"{len(errors)} errors")
        if len(readies) < args.projects or percentile(readies, 0.95) > args.slo_ready_p95:
            missed.append(f"ready p95 over {args.slo_ready_p95} s")
        if len(firsts) < args.projects or max(firsts) > args.slo_first_progress:
            missed.append(f"first progress over {args.slo_first_progress * 1000:.0f} ms")
        if missed:
            print("SLO missed:", "; ".join(missed))
            sys.exit(1)
        print("SLO met")


if __name__ == "__main__":
    main()
