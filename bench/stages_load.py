#!/usr/bin/env python3
"""The stages board under load (bench/stages-load.sh; Python 3 standard library only).

Two phases against one server, in one run: first readers only (the board with and without
filters, an opening's own page, the open-data list), then the same readers while writers post
responses to the open places. Each acknowledged write (a 303 to a status link) is kept; after
the run every one is looked up through its own status page: an acknowledged response that is
not there is a lost write. Prints the read throughput of both phases and their ratio, latency
percentiles, the writes acknowledged and refused, and the verdict.
"""
import argparse
import json
import random
import re
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from faults import Browser  # noqa: E402  (one keep-alive connection with a cookie jar)

CSRF = re.compile(r'name="_csrf"[^>]*?value="([^"]+)"')


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def reader(port, paths, stop, out, lock):
    browser = Browser(port)
    latencies, errors = [], 0
    rng = random.Random()
    while not stop.is_set():
        path = rng.choice(paths)
        start = time.monotonic()
        try:
            status, _, _ = browser.request("GET", path, headers={"Accept-Encoding": "gzip, br"})
            if status != 200:
                errors += 1
        except OSError:
            errors += 1
            continue
        latencies.append(time.monotonic() - start)
    with lock:
        out["latencies"].extend(latencies)
        out["errors"] += errors


def writer(port, openings, stop, out, lock, wid):
    browser = Browser(port)
    rng = random.Random(wid)
    acked, refused, errors, latencies = [], 0, 0, []
    n = 0
    while not stop.is_set():
        n += 1
        opening = rng.choice(openings)
        page = f"/stages/plek?id={opening}"
        try:
            status, _, body = browser.request("GET", page)
            match = CSRF.search(body.decode("utf-8", "replace"))
            if status != 200 or not match:
                refused += 1  # closed or full meanwhile: no form
                continue
            fields = {
                "_csrf": match.group(1),
                "naam": f"Bench {wid}-{n}",
                "email": f"b{wid}x{n}@example.test",
                "niveau": "mbo2",
                "motivatie": "Ik wil graag leren in dit bedrijf.",
                "leeftijd": "16plus",
                "toestemming": "ja",
            }
            start = time.monotonic()
            status, headers, _ = browser.post_form(page, fields)
            latencies.append(time.monotonic() - start)
        except OSError:
            errors += 1
            continue
        if status == 303:
            acked.append(headers.get("Location", "").replace("&nieuw=1", ""))
        elif status in (422, 429):
            refused += 1
        else:
            errors += 1
    with lock:
        out["acked"].extend(acked)
        out["refused"] += refused
        out["errors"] += errors
        out["write_latencies"].extend(latencies)


def phase(port, readers, writers, seconds, paths, openings):
    stop = threading.Event()
    lock = threading.Lock()
    reads = {"latencies": [], "errors": 0}
    writes = {"acked": [], "refused": 0, "errors": 0, "write_latencies": []}
    threads = [
        threading.Thread(target=reader, args=(port, paths, stop, reads, lock))
        for _ in range(readers)
    ] + [
        threading.Thread(target=writer, args=(port, openings, stop, writes, lock, w))
        for w in range(writers)
    ]
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    return reads, writes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--writers", type=int, default=4)
    args = parser.parse_args()

    probe = Browser(args.port)
    _, _, body = probe.request("GET", "/api/v1/stages/openings")
    openings = [o["id"] for o in json.loads(body)["openings"]]
    if not openings:
        sys.exit("no open places on the board: is the demo data seeded?")
    paths = [
        "/stages",
        "/stages?soort=leerbaan_bbl",
        "/stages?vanaf=kampen&km=25",
        "/stages?q=verzorgende&sector=zorg",
        "/api/v1/stages/openings",
        "/api/v1/stages/summary",
    ] + [f"/stages/plek?id={o}" for o in openings[:10]]

    alone, _ = phase(args.port, args.readers, 0, args.seconds, paths, openings)
    mixed, writes = phase(args.port, args.readers, args.writers, args.seconds, paths, openings)

    # Every acknowledged write must be there: its status page shows its reference.
    lost = 0
    checker = Browser(args.port)
    for link in writes["acked"]:
        path = urllib.parse.urlparse(link).path + "?" + urllib.parse.urlparse(link).query
        status, _, body = checker.request("GET", path)
        if status != 200 or "HVW-" not in body.decode("utf-8", "replace"):
            lost += 1

    def rate(reads):
        return len(reads["latencies"]) / args.seconds

    ms = lambda s: f"{1000 * s:.1f} ms"  # noqa: E731
    print(f"open places on the board: {len(openings)}; {args.readers} readers, "
          f"{args.writers} writers, {args.seconds:.0f} s per phase")
    print(f"reads alone:        {rate(alone):7.1f} req/s  p50 {ms(percentile(alone['latencies'], .5))}"
          f"  p99 {ms(percentile(alone['latencies'], .99))}  errors {alone['errors']}")
    print(f"reads under writes: {rate(mixed):7.1f} req/s  p50 {ms(percentile(mixed['latencies'], .5))}"
          f"  p99 {ms(percentile(mixed['latencies'], .99))}  errors {mixed['errors']}")
    print(f"ratio (under writes / alone): {100 * rate(mixed) / max(rate(alone), 1e-9):.1f} %")
    wl = writes["write_latencies"]
    print(f"writes: {len(writes['acked'])} acknowledged ({len(writes['acked']) / args.seconds:.1f}/s), "
          f"{writes['refused']} refused (place full or closed, or rate limit), {writes['errors']} errors; "
          f"p50 {ms(percentile(wl, .5))} p99 {ms(percentile(wl, .99))}")
    print(f"acknowledged and stored: {len(writes['acked']) - lost} of {len(writes['acked'])}")
    ok = lost == 0 and alone["errors"] == 0 and mixed["errors"] == 0 and writes["errors"] == 0
    print("verdict:", "OK" if ok else f"FAIL (lost {lost}, read errors {alone['errors'] + mixed['errors']}, write errors {writes['errors']})")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
