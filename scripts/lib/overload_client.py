"""The load of scripts/overload-serve.sh: measures the server's capacity (16 clients, one sentence
per request), then offers ten times that rate, open loop, and reports how the refusals (503) came
and how fast; then, from the moment the offered load ends, times how long a lone request takes to
be answered 200 again (the requests still queued then are being answered meanwhile).

One thread and asyncio: each request goes out when it is due, whatever the answers, and the lag
of the client itself is printed (on busy cores a starved client delays its own timings). The
earlier version's 400 sender threads each waited for its answer before its next request: once
answers took seconds they fell behind, so far less than 10x was offered (8,277 answered in a 30 s
window at a capacity of 73/s), and the recovery was timed after every sender had its answer, that
is after the backlog had drained."""
import argparse
import asyncio
import json
import time

HOST = "127.0.0.1"


async def ask(port, body, timeout=120):
    """(status, Retry-After, seconds) of one POST /translate on a connection of its own."""
    start = time.perf_counter()
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)
        data = body.encode()
        writer.write(f"POST /translate HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode() + data)
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:] if l)}
        length = int(headers.get("content-length", "0"))
        if length:
            await asyncio.wait_for(reader.readexactly(length), timeout)
        result = status, headers.get("retry-after"), time.perf_counter() - start
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError):
        result = "error", None, time.perf_counter() - start
    if writer is not None:
        writer.close()
    return result


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(p / 100 * len(v)))] if v else float("nan")


async def capacity(port, bodies, seconds):
    done, stop = [0], time.monotonic() + seconds

    async def client(i):
        while time.monotonic() < stop:
            if (await ask(port, bodies[(i + done[0]) % len(bodies)]))[0] == 200:
                done[0] += 1
    await asyncio.gather(*(client(i) for i in range(16)))
    return done[0] / seconds


async def overload(port, bodies, rate, seconds, late):
    """Request n goes out at start + n / rate, whatever the answers; returns the tasks and when the
    last one went out; `late` receives how late each went out (the client's own lag)."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = []
    n = 0
    while n / rate < seconds:
        due = start + n / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        late.append(loop.time() - due)
        tasks.append(asyncio.create_task(ask(port, bodies[n % len(bodies)])))
        n += 1
    return tasks, time.monotonic()


async def recovery(port, body, ended):
    """Seconds from `ended` until a lone request is answered 200 (retrying 503s every 50 ms)."""
    while True:
        status, _, _ = await ask(port, body)
        if status == 200:
            return time.monotonic() - ended
        await asyncio.sleep(0.05)


async def main_async(a, bodies):
    await ask(a.port, bodies[0])
    rate = await capacity(a.port, bodies, a.seconds)
    print(f"overload: capacity {rate:.1f} requests/s (16 clients, one sentence each, {a.seconds:.0f} s)", flush=True)
    late = []
    tasks, ended = await overload(a.port, bodies, a.factor * rate, a.seconds, late)
    recovered = await recovery(a.port, bodies[0], ended)
    results = await asyncio.gather(*tasks)
    drained = time.monotonic() - ended
    lone = [(await ask(a.port, bodies[0]))[2] for _ in range(20)]
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
    print(f"overload: the client's own lag (sent after due): p50 {1e3 * pct(late, 50):.1f} ms, "
          f"p99 {1e3 * pct(late, 99):.1f} ms")
    print(f"overload: 200 latency p50 {1e3 * pct(answered, 50):.0f} ms, p99 {1e3 * pct(answered, 99):.0f} ms")
    print(f"overload: recovery: once the offered load ended, a lone request was answered 200 after "
          f"{1e3 * recovered:.0f} ms (the last queued request after {1e3 * drained:.0f} ms); "
          f"then p50 {1e3 * pct(lone, 50):.1f} ms over 20")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--source", default="es")
    p.add_argument("--target", default="en")
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--factor", type=float, default=10)
    a = p.parse_args()
    lines = [l for l in open(a.data, encoding="utf-8").read().split("\n") if l.strip()]
    bodies = [json.dumps({"q": l, "source": a.source, "target": a.target}) for l in lines]
    asyncio.run(main_async(a, bodies))


if __name__ == "__main__":
    main()
