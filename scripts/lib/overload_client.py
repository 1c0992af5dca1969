"""The load of scripts/overload-serve.sh: measures the server's capacity (16 clients, one sentence
per request), then offers ten times that rate, open loop, and reports how the refusals (503) came
and how fast; then stops and times how long a lone request takes to be answered again."""
import argparse
import http.client
import json
import threading
import time


def ask(port, body, timeout=120):
    start = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn.request("POST", "/translate", body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        status, retry = response.status, response.getheader("Retry-After")
        conn.close()
    except (OSError, http.client.HTTPException):
        status, retry = "error", None
    return status, retry, time.perf_counter() - start


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(p / 100 * len(v)))] if v else float("nan")


def capacity(port, bodies, seconds):
    done, lock, stop = [0], threading.Lock(), time.monotonic() + seconds

    def client(i):
        while time.monotonic() < stop:
            if ask(port, bodies[(i + done[0]) % len(bodies)])[0] == 200:
                with lock:
                    done[0] += 1
    threads = [threading.Thread(target=client, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / seconds


def overload(port, bodies, rate, seconds, senders):
    results, lock = [], threading.Lock()
    start = time.monotonic()

    def sender(k):
        n = k
        while True:  # request n is due at start + n / rate; this sender takes every `senders`-th
            due = start + n / rate
            if due - start >= seconds:
                return
            time.sleep(max(0.0, due - time.monotonic()))
            r = ask(port, bodies[n % len(bodies)])
            with lock:
                results.append(r)
            n += senders
    threads = [threading.Thread(target=sender, args=(k,)) for k in range(senders)]
    for t in threads:
        t.start()
    return threads, results


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--source", default="es")
    p.add_argument("--target", default="en")
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--factor", type=float, default=10)
    p.add_argument("--senders", type=int, default=400)
    a = p.parse_args()
    lines = [l for l in open(a.data, encoding="utf-8").read().split("\n") if l.strip()]
    bodies = [json.dumps({"q": l, "source": a.source, "target": a.target}) for l in lines]
    ask(a.port, bodies[0])
    rate = capacity(a.port, bodies, a.seconds)
    print(f"overload: capacity {rate:.1f} requests/s (16 clients, one sentence each, {a.seconds:.0f} s)", flush=True)
    threads, results = overload(a.port, bodies, a.factor * rate, a.seconds, a.senders)
    for t in threads:
        t.join()
    stopped = time.monotonic()
    # Recovery: lone requests, one after another, until one is answered 200.
    while True:
        status, _, seconds = ask(a.port, bodies[0])
        if status == 200:
            break
    recovered = time.monotonic() - stopped
    lone = [ask(a.port, bodies[0])[2] for _ in range(20)]
    refused = [s for st, retry, s in results if st == 503]
    answered = [s for st, _, s in results if st == 200]
    missing_retry = sum(1 for st, retry, _ in results if st == 503 and not retry)
    other = {}
    for st, _, _ in results:
        if st not in (200, 503):
            other[str(st)] = other.get(str(st), 0) + 1
    print(f"overload: offered {a.factor:.0f}x = {a.factor * rate:.0f} requests/s for {a.seconds:.0f} s: {len(results)} sent, "
          f"{len(answered)} answered 200, {len(refused)} refused 503 ({missing_retry} without Retry-After), other {other}")
    print(f"overload: 503 latency p50 {1e3 * pct(refused, 50):.1f} ms, p99 {1e3 * pct(refused, 99):.1f} ms, "
          f"max {1e3 * max(refused, default=float('nan')):.1f} ms")
    print(f"overload: 200 latency p50 {1e3 * pct(answered, 50):.0f} ms, p99 {1e3 * pct(answered, 99):.0f} ms")
    print(f"overload: recovery: a lone request answered 200 {1e3 * recovered:.0f} ms after the load stopped; "
          f"then p50 {1e3 * pct(lone, 50):.1f} ms over 20")


if __name__ == "__main__":
    main()
