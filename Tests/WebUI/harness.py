"""What the browser suite and the page-speed script stand on: the built binary started on a
new data folder, headless Chromium, a TCP proxy that can cut the browser's event streams, and
a local site whose page waits until the test lets it answer."""

import http.server
import os
import socket
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Support"))

from server import BINARY, start_server  # noqa: F401 (the browser suite starts the binary through here)
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def browser(width=1280, height=900):
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    # The console's messages, for checks that a page logs no error.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def console_errors(driver):
    """The console's error messages since the last call (such as a refused request)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


class StreamCuttingProxy:
    """Forwards loopback TCP connections to the server. It notes each event-stream request
    (`GET /v1/events…`) and can cut the connections carrying them, as a dropped network would."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.streams = []
        self.stream_requests = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def _accept(self):
        while True:
            client, _ = self.listener.accept()
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source, destination, from_browser):
        try:
            while data := source.recv(65536):
                if from_browser and data.startswith(b"GET /v1/events"):
                    with self.lock:
                        self.streams.append((source, destination))
                        self.stream_requests.append(data.split(b"\r\n", 1)[0].decode())
                destination.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, destination):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut_streams(self):
        """Cuts every connection that carried an event stream; returns how many."""
        with self.lock:
            streams, self.streams = self.streams, []
        for pair in streams:
            for end in pair:
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        return len(streams)


class GatedSite:
    """A local site whose pages answer only once `release()` is called (or after 12 s), until
    `hold()` closes the gate again."""

    def __init__(self):
        self.gate = threading.Event()
        gate = self.gate

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                gate.wait(timeout=12)
                body = (b"<html><head><title>Lantern Talk</title><meta name=description content='Chat with lanterns'>"
                        b"</head><body><h1>Lantern Talk</h1><ul><li>Threads</li><li>Search</li></ul>"
                        b"<p>Plans from $6 per month</p></body></html>")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass  # the fetch was cancelled with its run

            def log_message(self, *arguments):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def release(self):
        self.gate.set()

    def hold(self):
        self.gate.clear()
