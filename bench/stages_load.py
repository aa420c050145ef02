#!/usr/bin/env python3
"""The stages board under load (bench/stages-load.sh; Python 3 standard library only).

Two phases against one server, in one run: first readers only (the board with and without
filters, an opening's own page, the open-data list), then the same readers while writers post
young people's responses to the open places and an employer's users post pledges. Each
acknowledged write is kept; after the run every response is looked up through its own status
page and the pledges are counted on the employer's page: an acknowledged write that is not there
is a lost write. Prints the read throughput of both phases and their ratio, latency
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


PASSWORD = "paarse-kikker-fietst-langs-de-IJssel"
EMPLOYER = "bench@werkgever.test"
PLEDGE = {
    "soort": "stage_mbo_bol",
    "aantal": "2",
    "niveau": "mbo2",
    "sector": "techniek",
    "gemeente": "GM0166",
    "van": "2027-02-01",
    "tot": "2027-07-31",
    "naam_tonen": "nee",
}


def employer_session(port):
    """A logged-in employer (signed up and confirmed once, through the development outbox)."""
    browser = Browser(port)
    token = browser.csrf_token("/inloggen")
    status, _, _ = browser.post_form("/inloggen", {"_csrf": token, "email": EMPLOYER, "password": PASSWORD})
    if status != 303:
        raise RuntimeError(f"employer login failed: {status}")
    return browser


def sign_up_employer(port):
    browser = Browser(port)
    fields = {
        "_csrf": browser.csrf_token("/registreren"),
        "org_name": "Bench Techniek (bench)",
        "kvk": "98765432",
        "gemeente": "GM0166",
        "sector": "techniek",
        "erkend": "ja",
        "name": "Bench Werkgever",
        "email": EMPLOYER,
        "password": PASSWORD,
    }
    status, _, _ = browser.post_form("/registreren", fields)
    if status != 303:
        raise RuntimeError(f"sign-up failed: {status}")
    _, _, outbox = browser.request("GET", "/dev/outbox")
    match = re.search(r'/bevestigen\?token=([A-Za-z0-9_-]+)', outbox.decode("utf-8", "replace"))
    if not match:
        raise RuntimeError("no confirmation link in the development outbox")
    page = f"/bevestigen?token={match.group(1)}"
    status, _, _ = browser.post_form("/bevestigen", {"_csrf": browser.csrf_token(page), "token": match.group(1)})
    if status != 303:
        raise RuntimeError(f"confirmation failed: {status}")


def pledger(port, stop, out, lock):
    browser = employer_session(port)
    acked, errors, latencies = 0, 0, []
    while not stop.is_set():
        try:
            fields = dict(PLEDGE, _csrf=browser.csrf_token("/werkgevers"))
            start = time.monotonic()
            status, _, _ = browser.post_form("/werkgevers", fields)
            latencies.append(time.monotonic() - start)
        except (OSError, RuntimeError):
            errors += 1
            continue
        if status == 303:
            acked += 1
        else:
            errors += 1
    with lock:
        out["pledges"] += acked
        out["errors"] += errors
        out["pledge_latencies"].extend(latencies)


def phase(port, readers, writers, seconds, paths, openings, pledgers=0):
    stop = threading.Event()
    lock = threading.Lock()
    reads = {"latencies": [], "errors": 0}
    writes = {"acked": [], "refused": 0, "errors": 0, "write_latencies": [], "pledges": 0, "pledge_latencies": []}
    threads = [
        threading.Thread(target=reader, args=(port, paths, stop, reads, lock))
        for _ in range(readers)
    ] + [
        threading.Thread(target=writer, args=(port, openings, stop, writes, lock, w))
        for w in range(writers)
    ] + [
        threading.Thread(target=pledger, args=(port, stop, writes, lock))
        for _ in range(pledgers)
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
    parser.add_argument("--pledgers", type=int, default=2)
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
    sign_up_employer(args.port)
    mixed, writes = phase(
        args.port, args.readers, args.writers, args.seconds, paths, openings, args.pledgers
    )

    # Every acknowledged write must be there: its status page shows its reference.
    lost = 0
    checker = Browser(args.port)
    for link in writes["acked"]:
        path = urllib.parse.urlparse(link).path + "?" + urllib.parse.urlparse(link).query
        status, _, body = checker.request("GET", path)
        if status != 200 or "HVW-" not in body.decode("utf-8", "replace"):
            lost += 1

    # Every acknowledged pledge is on the employer's page.
    _, _, page = employer_session(args.port).request("GET", "/werkgevers")
    pledges_stored = page.decode("utf-8", "replace").count('id="toezegging-')
    lost += max(0, writes["pledges"] - pledges_stored)

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
    pl = writes["pledge_latencies"]
    print(f"pledges: {writes['pledges']} acknowledged ({writes['pledges'] / args.seconds:.1f}/s), "
          f"p50 {ms(percentile(pl, .5))} p99 {ms(percentile(pl, .99))}; {pledges_stored} on the employer's page")
    total = len(writes["acked"]) + writes["pledges"]
    print(f"acknowledged and stored: {total - lost} of {total}")
    ok = lost == 0 and alone["errors"] == 0 and mixed["errors"] == 0 and writes["errors"] == 0
    print("verdict:", "OK" if ok else f"FAIL (lost {lost}, read errors {alone['errors'] + mixed['errors']}, write errors {writes['errors']})")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
