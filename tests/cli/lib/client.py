"""What the command-line tests' Python clients share (tests/cli/*.sh run them with this folder on
PYTHONPATH): checks that count their failures, and HTTP calls that return an error's answer
instead of raising it."""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request


class Checks:
    """check(what, ok) prints FAIL and counts when ok is false; finish() exits 1 if any failed."""

    def __init__(self):
        self.failures = 0

    def __call__(self, what, ok):
        if not ok:
            self.failures += 1
            print("FAIL:", what)

    def finish(self, who):
        print(f"{who}: {self.failures} failures")
        sys.exit(1 if self.failures else 0)


def request(url, data=None, headers=None, method=None, timeout=60):
    """(status, headers, body) of the answer, an HTTP error's included."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def encoded(body, form=False):
    """(data, headers) of a body: a form's fields URL-encoded, else JSON (bytes are sent as they are)."""
    if form:
        return urllib.parse.urlencode(body, doseq=True).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
    return (body if isinstance(body, bytes) else json.dumps(body).encode()), {"Content-Type": "application/json"}
