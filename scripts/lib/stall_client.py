"""The hostile clients and the measured one of scripts/stall-serve.sh: IDLE connections that send
nothing, SLOW ones that send a request a byte a second (each reopened when the server closes it),
and a lone client timing "Hola." one request at a time, first alone, then while they are there."""
import argparse
import http.client
import json
import socket
import threading
import time


def lone_latencies(port, source, target, count):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    body = json.dumps({"q": "Hola.", "source": source, "target": target})
    out = []
    for _ in range(count):
        start = time.perf_counter()
        try:
            conn.request("POST", "/translate", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            ok = False
        out.append((time.perf_counter() - start, ok))
    return out


def idle(port, stop, opened):
    while not stop.is_set():
        try:
            s = socket.create_connection(("127.0.0.1", port))
        except OSError:
            time.sleep(0.1)
            continue
        opened[0] += 1
        s.settimeout(0.5)
        while not stop.is_set():  # until the server closes it
            try:
                if s.recv(1024) == b"":
                    break
            except socket.timeout:
                continue
            except OSError:
                break
        s.close()


def slow(port, stop, source, target):
    body = json.dumps({"q": "Buenos días.", "source": source, "target": target})
    request = (f"POST /translate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\n\r\n{body}").encode()
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port)) as s:
                for i in range(len(request)):
                    if stop.wait(1.0):
                        break
                    s.sendall(request[i:i + 1])
        except OSError:
            time.sleep(0.1)


def summary(name, values):
    times = sorted(t for t, _ in values)
    failed = sum(1 for _, ok in values if not ok)
    pick = lambda p: times[min(len(times) - 1, int(p / 100 * len(times)))]
    print(f"stall: {name}: p50 {1e3 * pick(50):.1f} ms, p99 {1e3 * pick(99):.1f} ms, max {1e3 * times[-1]:.1f} ms "
          f"({len(values)} requests, {failed} not answered 200)", flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--idle", type=int, default=64)
    p.add_argument("--slow", type=int, default=16)
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--source", default="es")
    p.add_argument("--target", default="en")
    a = p.parse_args()
    lone_latencies(a.port, a.source, a.target, 3)  # kernels are made on first use
    summary("alone", lone_latencies(a.port, a.source, a.target, a.requests))
    stop, opened = threading.Event(), [0]
    threads = [threading.Thread(target=idle, args=(a.port, stop, opened), daemon=True) for _ in range(a.idle)]
    threads += [threading.Thread(target=slow, args=(a.port, stop, a.source, a.target), daemon=True) for _ in range(a.slow)]
    for t in threads:
        t.start()
    time.sleep(2)  # every hostile connection open
    summary(f"with {a.idle} idle and {a.slow} slow connections", lone_latencies(a.port, a.source, a.target, a.requests))
    print(f"stall: idle connections opened: {opened[0]} (the server closes them after its read timeout)")
    stop.set()


if __name__ == "__main__":
    main()
