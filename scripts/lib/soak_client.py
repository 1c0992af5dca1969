"""The load and the RSS sampler of scripts/soak-serve.sh: clients sending joined sentences to heed
serve while a sampler reads the server's resident memory from /proc; writes rss.csv and rss.svg."""
import argparse
import http.client
import json
import random
import threading
import time


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def client(port, pools, stop, counts, lock, seed):
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    while not stop.is_set():
        source, target, lines = rng.choice(pools)
        text = " ".join(rng.choice(lines) for _ in range(rng.randint(1, 8)))
        body = json.dumps({"q": text, "source": source, "target": target})
        try:
            conn.request("POST", "/translate", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            status = "connection error"
        with lock:
            counts[status] = counts.get(status, 0) + 1


def svg(samples, title):
    """RSS (MB) against minutes, as a polyline on a labelled grid."""
    w, h, left, bottom = 720, 360, 60, 40
    t_max = max(max(t for t, _ in samples), 60) / 60
    r_max = max(r for _, r in samples) * 1.1
    x = lambda t: left + (w - left - 20) * (t / 60) / t_max
    y = lambda r: h - bottom - (h - bottom - 30) * r / r_max
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
             f'<rect width="{w}" height="{h}" fill="white"/>',
             f'<text x="{left}" y="18">{title}</text>']
    for i in range(6):
        r = r_max * i / 5
        parts.append(f'<line x1="{left}" x2="{w - 20}" y1="{y(r):.1f}" y2="{y(r):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y(r) + 4:.1f}" text-anchor="end">{r:.0f}</text>')
    for m in range(int(t_max) + 1):
        parts.append(f'<text x="{x(m * 60):.1f}" y="{h - bottom + 16}" text-anchor="middle">{m}</text>')
    parts.append(f'<text x="{(w + left) / 2}" y="{h - 6}" text-anchor="middle">minutes</text>')
    parts.append(f'<text x="14" y="{(h - bottom) / 2}" transform="rotate(-90 14 {(h - bottom) / 2})" '
                 'text-anchor="middle">RSS (MB)</text>')
    points = " ".join(f"{x(t):.1f},{y(r):.1f}" for t, r in samples)
    parts.append(f'<polyline points="{points}" fill="none" stroke="#1f77b4" stroke-width="2"/>')
    parts.append("</svg>\n")
    return "\n".join(parts)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seconds", type=float, default=600)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--sample", type=float, default=10)
    p.add_argument("--pool", type=int, default=0)
    a = p.parse_args()
    pools = []
    for source, target in (("es", "en"), ("en", "es")):
        lines = [l for l in open(f"{a.data}.{source}", encoding="utf-8").read().split("\n") if l.strip()]
        pools.append((source, target, lines[:a.pool] if a.pool else lines))

    stop, lock, counts = threading.Event(), threading.Lock(), {}
    threads = [threading.Thread(target=client, args=(a.port, pools, stop, counts, lock, i), daemon=True)
               for i in range(a.clients)]
    samples = [(0.0, rss_mb(a.pid))]
    print(f"soak: idle RSS {samples[0][1]:.0f} MB; {a.clients} clients for {a.seconds:.0f} s", flush=True)
    start = time.monotonic()
    for t in threads:
        t.start()
    while (elapsed := time.monotonic() - start) < a.seconds:
        time.sleep(min(a.sample, a.seconds - elapsed))
        samples.append((time.monotonic() - start, rss_mb(a.pid)))
        with lock:
            answered = sum(counts.values())
        print(f"soak: {samples[-1][0]:6.0f} s  RSS {samples[-1][1]:7.1f} MB  requests {answered}", flush=True)
    stop.set()
    for t in threads:
        t.join()

    with open(f"{a.out}/rss.csv", "w") as f:
        f.write("seconds,rss_mb\n" + "".join(f"{t:.0f},{r:.1f}\n" for t, r in samples))
    at2 = min(samples, key=lambda s: abs(s[0] - 120))
    end, peak = samples[-1], max(r for _, r in samples)
    title = f"heed serve RSS, {a.clients} clients, {a.seconds / 60:.0f} min"
    with open(f"{a.out}/rss.svg", "w") as f:
        f.write(svg(samples, title))
    print(f"soak: RSS idle {samples[0][1]:.0f} MB, at {at2[0]:.0f} s {at2[1]:.0f} MB, at the end {end[1]:.0f} MB "
          f"({100 * (end[1] / at2[1] - 1):+.1f}% since minute 2), peak {peak:.0f} MB")
    print(f"soak: answers by status: {json.dumps({str(k): v for k, v in sorted(counts.items(), key=str)})}")
    print(f"soak: {a.out}/rss.csv and {a.out}/rss.svg")


if __name__ == "__main__":
    main()
