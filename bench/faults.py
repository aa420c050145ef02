#!/usr/bin/env python3
"""Helpers for bench/faults.sh (Python 3 standard library only).

Subcommands:
  writers         8 threads post the aanmeldformulier until the server is gone; every
                  acknowledged reference (a 303 to /scholingscalculator/aangemeld?referentie=...)
                  is appended to a file the moment it arrives
  check-sqlite    after the crashes: which acknowledged references are stored, integrity_check
  poll            one thread per probe, each asking every 100 ms, every answer to a JSON-lines file
  analyze-outage  reads the poll log and the events of faults.sh and prints the outage tables
  slowloris       opens many connections that send a request head very slowly, checks that a
                  normal request still gets through, counts the slow connections the server closed
"""
import argparse
import collections
import http.client
import json
import os
import re
import resource
import selectors
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

FORM_PATH = "/scholingscalculator/aanmelden"
FORM_PAGE = FORM_PATH + "?regeling=leerwerkloket"
CSRF_INPUT = re.compile(r'name="_csrf"[^>]*?value="([^"]+)"')


class Browser:
    """One keep-alive HTTP/1.1 connection with a cookie jar: enough of a browser for the forms."""

    def __init__(self, port, timeout=10.0):
        self.port = port
        self.timeout = timeout
        self.cookies = {}
        self.conn = None

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None):
        """Returns (status, headers, body). Raises OSError / HTTPException on a broken connection."""
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=all_headers)
            response = self.conn.getresponse()
            data = response.read()
        except BaseException:
            self.close()
            raise
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0].strip()
        if response.will_close:
            self.close()
        return response.status, response.msg, data

    def csrf_token(self, page=FORM_PAGE):
        """GETs a form page; returns the hidden _csrf value (the hvw_csrf cookie is kept)."""
        status, _, body = self.request("GET", page)
        match = CSRF_INPUT.search(body.decode("utf-8", "replace"))
        if status != 200 or not match:
            raise RuntimeError(f"no CSRF token on {page} (status {status})")
        return match.group(1)

    def post_form(self, path, fields):
        body = urllib.parse.urlencode(fields)
        return self.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://127.0.0.1:{self.port}",
            },
        )


def application_fields(token, writer, n):
    return {
        "_csrf": token,
        "regeling": "leerwerkloket",
        "antwoorden": "voor=ik&leeftijd=34",
        "naam": "Test",
        "email": f"t{writer}x{n}@example.nl",
        "telefoon": "",
        "contact": "email",
        "vraag": "Kan ik een leerwerktraject volgen?",
        "toestemming": "ja",
    }


def reference_of(location):
    """HVW-XXXX-XXXX from the 303's Location (/scholingscalculator/aangemeld?referentie=...)."""
    query = urllib.parse.urlparse(location or "").query
    return (urllib.parse.parse_qs(query).get("referentie") or [""])[0]


# ---------------------------------------------------------------------------------------------
# crash: writers and the check afterwards


def cmd_writers(args):
    lock = threading.Lock()
    acked_file = open(args.acked, "a", encoding="utf-8")
    statuses = collections.Counter()
    errors = collections.Counter()
    acked = 0
    deadline = time.monotonic() + args.max_seconds

    def writer(wid):
        nonlocal acked
        browser = Browser(args.port)
        n = 0
        while time.monotonic() < deadline:
            n += 1
            try:
                token = browser.csrf_token()
                status, headers, _ = browser.post_form(FORM_PATH, application_fields(token, wid, n))
            except ConnectionRefusedError:
                return  # the server is gone (killed): this round is over
            except (OSError, http.client.HTTPException, RuntimeError) as e:
                # A request cut off by the kill (or anything else): note it and try again; the
                # next attempt sees "connection refused" once the server is really down.
                with lock:
                    errors[type(e).__name__] += 1
                time.sleep(0.01)
                continue
            with lock:
                statuses[status] += 1
                reference = reference_of(headers.get("Location")) if status == 303 else ""
                if reference:
                    # Written and flushed before anything else happens: this is the promise the
                    # server made to the person, and the check afterwards holds it to it.
                    acked_file.write(reference + "\n")
                    acked_file.flush()
                    acked += 1

    threads = [threading.Thread(target=writer, args=(i,), daemon=True) for i in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    acked_file.close()
    print(json.dumps({"acked": acked, "statuses": dict(statuses), "errors": dict(errors)}))


def cmd_check_sqlite(args):
    with open(args.acked, encoding="utf-8") as f:
        acked = [line.strip() for line in f if line.strip()]
    # Opening the database replays the WAL left behind by the last kill -9.
    con = sqlite3.connect(args.db)
    integrity = [row[0] for row in con.execute("PRAGMA integrity_check")]
    foreign = con.execute("PRAGMA foreign_key_check").fetchall()
    stored = {row[0] for row in con.execute("SELECT reference FROM scheme_applications")}
    con.close()
    lost = sorted(set(acked) - stored)
    unacked = len(stored - set(acked))
    ok = not lost and integrity == ["ok"] and not foreign
    print(f"acknowledged (303 received):  {len(acked)}")
    print(f"stored rows:                  {len(stored)}")
    print(f"acknowledged but lost:        {len(lost)}")
    print(f"stored, never acknowledged:   {unacked}   (answer cut off by the kill: allowed)")
    print(f"duplicate references acked:   {len(acked) - len(set(acked))}")
    print(f"integrity_check:              {'; '.join(integrity)}")
    print(f"foreign_key_check problems:   {len(foreign)}")
    for reference in lost[:20]:
        print(f"  lost: {reference}")
    return 0 if ok else 1


# ---------------------------------------------------------------------------------------------
# outage: poll and analyse

PROBES = {
    # name: (method, path, the status that counts as a good answer)
    "GET /readyz": ("GET", "/readyz", 200),
    "GET /": ("GET", "/", 200),
    "GET /scholingscalculator": ("GET", "/scholingscalculator", 200),
    "POST aanmelden": ("POST", FORM_PATH, 303),
}


def cmd_poll(args):
    out = open(args.out, "a", encoding="utf-8")
    lock = threading.Lock()

    def probe(name):
        method, path, _ = PROBES[name]
        token, cookies, n = None, {}, 0
        while not os.path.exists(args.stop_file):
            started = time.time()
            n += 1
            # A fresh connection per request, as a visitor arriving would have.
            browser = Browser(args.port, timeout=args.timeout)
            browser.cookies = cookies
            status, error = None, None
            try:
                if method == "GET":
                    status, _, _ = browser.request("GET", path)
                else:
                    if token is None:
                        token = browser.csrf_token()
                        cookies = browser.cookies
                        browser.close()
                        browser = Browser(args.port, timeout=args.timeout)
                        browser.cookies = cookies
                        started = time.time()
                    status, _, _ = browser.post_form(path, application_fields(token, 99, n))
            except Exception as e:  # noqa: BLE001 - every failure is a data point here
                error = type(e).__name__
            finally:
                browser.close()
            ended = time.time()
            record = {"probe": name, "start": started, "end": ended, "status": status, "error": error}
            with lock:
                out.write(json.dumps(record) + "\n")
                out.flush()
            time.sleep(max(0.0, args.interval - (ended - started)))

    threads = [threading.Thread(target=probe, args=(name,), daemon=True) for name in PROBES]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.close()


def cmd_analyze_outage(args):
    events = {}
    with open(args.events, encoding="utf-8") as f:
        for line in f:
            name, stamp = line.split()
            events[name] = float(stamp)
    records = collections.defaultdict(list)
    with open(args.poll, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            records[r["probe"]].append(r)
    for rs in records.values():
        rs.sort(key=lambda r: r["start"])

    def good(r):
        return r["status"] == PROBES[r["probe"]][2]

    def label(r):
        return str(r["status"]) if r["status"] is not None else (r["error"] or "error")

    def recovery(rs, back, until):
        """Seconds from `back` (PostgreSQL accepting connections again) until the first good
        answer after which every answer up to `until` was good; None if it never settled."""
        window = [r for r in rs if r["end"] >= back and r["start"] < until]
        settled = None
        for r in window:
            if good(r):
                if settled is None:
                    settled = r
            else:
                settled = None
        return None if settled is None else max(0.0, settled["end"] - back)

    failed = []
    limit = args.limit
    names = list(PROBES)

    # Before anything: every probe must be answering well, else the figures mean nothing.
    baseline_bad = []
    for name in names:
        before = [r for r in records[name] if r["end"] < events["restart_begin"]]
        if not before or not all(good(r) for r in before):
            seen = collections.Counter(label(r) for r in before)
            baseline_bad.append(f"{name}: {dict(seen)}")
    if baseline_bad:
        print("the probes were not all good BEFORE the faults; the figures below mean little:")
        for line in baseline_bad:
            print("  " + line)
        failed.append("baseline")

    restart_down = events["restart_end"] - events["restart_begin"]
    print()
    print(f"1. PostgreSQL restart (pg_ctlcluster restart took {restart_down:.1f} s)")
    print(f"   {'probe':<26} {'answers':>7} {'not good':>8} {'max s':>6} {'recovered after PG was back':>28}")
    for name in names:
        rs = [r for r in records[name] if events["restart_begin"] <= r["start"] < events["stop_begin"]]
        bad = sum(1 for r in rs if not good(r))
        worst = max((r["end"] - r["start"] for r in rs), default=0.0)
        rec = recovery(records[name], events["restart_end"], events["stop_begin"])
        shown = "never" if rec is None else f"{rec:.2f} s"
        if bad == 0:
            shown = "not affected"
        print(f"   {name:<26} {len(rs):>7} {bad:>8} {worst:>6.2f} {shown:>28}")
        if rec is None or rec > limit:
            failed.append(f"restart: {name} recovery {shown}")

    hold = events["start_begin"] - events["stop_end"]
    print()
    print(f"2. PostgreSQL down for {hold:.1f} s: what visitors saw")
    print(f"   {'probe':<26} {'answers':>7} {'max s':>6}  statuses")
    for name in names:
        rs = [r for r in records[name] if events["stop_end"] <= r["start"] < events["start_begin"]]
        worst = max((r["end"] - r["start"] for r in rs), default=0.0)
        seen = collections.Counter(label(r) for r in rs)
        statuses = ", ".join(f"{k} × {v}" for k, v in sorted(seen.items()))
        print(f"   {name:<26} {len(rs):>7} {worst:>6.2f}  {statuses}")
    print("   (expected: / and /scholingscalculator 200 without the database, /readyz 503)")

    print()
    print(f"3. PostgreSQL started again (pg_ctlcluster start took "
          f"{events['start_end'] - events['start_begin']:.1f} s)")
    print(f"   {'probe':<26} {'not good after PG was back':>26} {'recovered after PG was back':>28}")
    for name in names:
        after = [r for r in records[name] if r["end"] >= events["start_end"] and r["start"] < events["end"]]
        bad = sum(1 for r in after if not good(r))
        rec = recovery(records[name], events["start_end"], events["end"])
        shown = "never" if rec is None else f"{rec:.2f} s"
        print(f"   {name:<26} {bad:>26} {shown:>28}")
        if rec is None or rec > limit:
            failed.append(f"outage: {name} recovery {shown}")

    print()
    if failed:
        print(f"outage: FAIL (recovery limit {limit:g} s): " + "; ".join(failed))
        return 1
    print(f"outage: OK (every probe recovered within {limit:g} s)")
    return 0


# ---------------------------------------------------------------------------------------------
# slowloris


def normal_request(port, results, key):
    """A plain `curl /`, timed by curl itself."""
    started = time.monotonic()
    try:
        out = subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "--max-time", "10",
             "-w", "%{http_code} %{time_total}", f"http://127.0.0.1:{port}/"],
            capture_output=True, text=True, timeout=15,
        ).stdout.split()
        results[key] = (int(out[0]), float(out[1]))
    except Exception:  # noqa: BLE001
        results[key] = (0, time.monotonic() - started)


def cmd_slowloris(args):
    # 1,100 sockets need more than the usual 1,024 file descriptors.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = args.connections + 100
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))

    head = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{args.port}\r\nUser-Agent: slowloris\r\nX-Slow: ".encode()
    sel = selectors.DefaultSelector()
    opened, connect_failed = 0, 0
    state = {}  # socket -> {"closed_at": t or None, "answered": bool}
    began = time.monotonic()
    # Connect all at once (non-blocking), give them 10 s, then each sends the start of a request.
    connecting = selectors.DefaultSelector()
    for _ in range(args.connections):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", args.port))
        connecting.register(s, selectors.EVENT_WRITE)
    deadline = began + 10
    while connecting.get_map() and time.monotonic() < deadline:
        for key, _ in connecting.select(timeout=max(0.01, deadline - time.monotonic())):
            s = key.fileobj
            connecting.unregister(s)
            try:
                if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                    raise OSError("connect failed")
                s.send(head)
            except OSError:
                connect_failed += 1
                s.close()
                continue
            opened += 1
            state[s] = {"closed_at": None, "answered": False}
            sel.register(s, selectors.EVENT_READ)
    for key in list(connecting.get_map().values()):
        connect_failed += 1
        key.fileobj.close()
    connecting.close()
    t0 = time.monotonic()
    print(f"opened {opened} slow connections in {t0 - began:.1f} s ({connect_failed} failed to connect)")

    def closed(s, now):
        if state[s]["closed_at"] is None:
            state[s]["closed_at"] = now - t0
            sel.unregister(s)
            s.close()

    results = {}
    # Check points: the asserted ones, and an early one (while the slow connections may hold
    # every connection slot) that is only reported.
    asserted = {args.check_at, args.end_at}
    checks = sorted(asserted | {args.early_at})
    checkers, counted = [], {}
    next_trickle = t0 + args.trickle
    while True:
        now = time.monotonic()
        elapsed = now - t0
        # A normal request at each check point, in its own thread so the trickle goes on.
        for at in checks:
            if elapsed >= at and at not in counted:
                counted[at] = sum(1 for v in state.values() if v["closed_at"] is not None)
                if at != args.end_at:
                    th = threading.Thread(target=normal_request, args=(args.port, results, at))
                    th.start()
                    checkers.append(th)
        if elapsed >= args.end_at:
            break
        if now >= next_trickle:
            for s, v in state.items():
                if v["closed_at"] is None:
                    try:
                        s.send(b"a")  # one more byte of a header value that never ends
                    except BlockingIOError:
                        pass
                    except OSError:
                        closed(s, now)
            next_trickle += args.trickle
        wait = min(next_trickle, t0 + min([a for a in checks if a not in counted] or [args.end_at])) - now
        for key, _ in sel.select(timeout=max(0.01, wait)):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                closed(s, time.monotonic())
                continue
            if data:
                state[s]["answered"] = True  # e.g. a 408 or 400 before the server closes
            else:
                closed(s, time.monotonic())
    # A last normal request while the slow connections are still open.
    normal_request(args.port, results, args.end_at)
    for th in checkers:
        th.join()
    answered = sum(1 for v in state.values() if v["answered"])
    for s, v in state.items():
        if v["closed_at"] is None:
            s.close()

    for at in checks:
        print(f"slow connections closed by the server after {at:g} s: {counted[at]} of {opened}")
    print(f"slow connections that got an answer (e.g. 408) first: {answered}")
    ok = True
    for at in checks:
        status, seconds = results.get(at, (0, 0.0))
        good = status == 200 and seconds <= args.limit
        if at in asserted:
            verdict = "ok" if good else "TOO SLOW OR FAILED"
            ok = ok and good
        else:
            verdict = "reported only"
        print(f"normal GET / at {at:g} s: status {status or 'none'} in {seconds:.3f} s  ({verdict})")
    print(f"slowloris: {'OK' if ok else 'FAIL'} (a normal request at {args.check_at:g} s and "
          f"{args.end_at:g} s must be answered 200 within {args.limit:g} s)")
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("writers")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--acked", required=True)
    p.add_argument("--max-seconds", type=float, default=120)

    p = sub.add_parser("check-sqlite")
    p.add_argument("--db", required=True)
    p.add_argument("--acked", required=True)

    p = sub.add_parser("poll")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--stop-file", required=True)
    p.add_argument("--interval", type=float, default=0.1)
    p.add_argument("--timeout", type=float, default=15)

    p = sub.add_parser("analyze-outage")
    p.add_argument("--poll", required=True)
    p.add_argument("--events", required=True)
    p.add_argument("--limit", type=float, default=10)

    p = sub.add_parser("slowloris")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--connections", type=int, default=1100)
    p.add_argument("--trickle", type=float, default=5, help="seconds between two bytes")
    p.add_argument("--early-at", type=float, default=5, help="a normal request, reported only")
    p.add_argument("--check-at", type=float, default=15)
    p.add_argument("--end-at", type=float, default=40)
    p.add_argument("--limit", type=float, default=2)

    args = parser.parse_args()
    handler = {
        "writers": cmd_writers,
        "check-sqlite": cmd_check_sqlite,
        "poll": cmd_poll,
        "analyze-outage": cmd_analyze_outage,
        "slowloris": cmd_slowloris,
    }[args.command]
    sys.exit(handler(args) or 0)


if __name__ == "__main__":
    main()
