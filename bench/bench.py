#!/usr/bin/env python3
"""Helpers for bench/run.sh (`make bench`); standard library only.

  bench.py free-port                     print a free TCP port on 127.0.0.1
  bench.py parse WRK_OUTPUT              print "req/s p50_ms p99_ms requests errors" from wrk --latency
  bench.py sessions DB TOTAL             top the tower_sessions table of SQLite file DB up to TOTAL
                                         rows of valid, unexpired sessions; prints one new id
  bench.py report RESULTS MD HEADER      print the Markdown tables of the wrk scenarios and of the
                                         server targets; write them into MD between the bench
                                         markers (MD "-" = print only), keeping the browser table
  bench.py lighthouse-summary JSON       print one line of a Lighthouse report's figures; exit 1
                                         with the reason when the report holds none
  bench.py browser LIGHTHOUSE_TSV FIRST_LOAD_JSON FIRST_LOAD_REASON MD HEADER
                                         print the browser table (Lighthouse per page, first load,
                                         repeat visit, each against its target); write it into MD
                                         like report, keeping the server tables
"""
import base64
import datetime
import json
import os
import re
import socket
import sqlite3
import sys
import textwrap

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
# Inside the block, each part starts with its own marker, so a run of one part (BENCH_ONLY)
# replaces that part and keeps the other. A block without them is all server part.
PART_MARKERS = {"server": "<!-- bench:server -->", "browser": "<!-- bench:browser -->"}
PART_ORDER = ("server", "browser")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


# --- wrk output -------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def duration_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        raise ValueError(f"unreadable wrk duration {text!r}")
    return float(m.group(1)) * UNITS_MS[m.group(2)]


def parse_wrk(text):
    """Requests/sec, p50 and p99 in ms, request count and failures (socket errors + non-2xx/3xx)."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    count = re.search(r"^\s*(\d+) requests in ", text, re.M)
    p50 = re.search(r"^\s+50(?:\.000)?%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99(?:\.000)?%\s+(\S+)", text, re.M)
    if not (rps and count and p50 and p99):
        raise ValueError("wrk output has no Requests/sec or latency distribution:\n" + text)
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    socket_errors = re.search(r"Socket errors: (.*)", text)
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return (float(rps.group(1)), duration_ms(p50.group(1)), duration_ms(p99.group(1)),
            int(count.group(1)), errors)


def parse(path):
    rps, p50, p99, count, errors = parse_wrk(open(path).read())
    print(f"{rps:.1f} {p50:.3f} {p99:.3f} {count} {errors}")


# --- sessions ---------------------------------------------------------------------------------
# tower-sessions-sqlx-store 0.15 (sqlite_store.rs) stores each session as
#   id          TEXT: the Id (an i128) as base64url, no padding, of its little-endian bytes
#   data        BLOB: rmp_serde::to_vec(&Record), i.e. MessagePack array [id, data, expiry] with
#               id = bin 16 (big-endian i128), data = map String -> serde_json::Value,
#               expiry = [year, ordinal, hour, minute, second, nanosecond, off_h, off_m, off_s]
#   expiry_date "INTEGER" column holding sqlx's RFC 3339 text of the OffsetDateTime
# The synthetic rows copy the expiry of a real session the app made, after checking that the
# real row is laid out exactly as above.


def mp_int(v):
    """MessagePack int, smallest form, as rmp's write_sint / write_uint choose it."""
    if 0 <= v < 128:
        return bytes([v])
    if -32 <= v < 0:
        return (v & 0xFF).to_bytes(1, "big")
    if v >= 0:
        for marker, size in ((0xCC, 1), (0xCD, 2), (0xCE, 4), (0xCF, 8)):
            if v < 1 << (8 * size):
                return bytes([marker]) + v.to_bytes(size, "big")
    for marker, size in ((0xD0, 1), (0xD1, 2), (0xD2, 4), (0xD3, 8)):
        if v >= -(1 << (8 * size - 1)):
            return bytes([marker]) + v.to_bytes(size, "big", signed=True)
    raise ValueError(v)


def mp_str(s):
    b = s.encode()
    if len(b) < 32:
        return bytes([0xA0 | len(b)]) + b
    if len(b) < 256:
        return bytes([0xD9, len(b)]) + b
    return bytes([0xDA]) + len(b).to_bytes(2, "big") + b


def mp(value):
    """MessagePack for the JSON-like values a session holds."""
    if value is None:
        return b"\xc0"
    if value is True or value is False:
        return b"\xc3" if value else b"\xc2"
    if isinstance(value, int):
        return mp_int(value)
    if isinstance(value, str):
        return mp_str(value)
    if isinstance(value, dict):
        assert len(value) < 16
        return bytes([0x80 | len(value)]) + b"".join(mp_str(k) + mp(v) for k, v in value.items())
    raise TypeError(type(value))


def expiry_tuple(rfc3339):
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)",
                     rfc3339)
    if not m:
        raise ValueError(f"unexpected expiry_date {rfc3339!r}")
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    nanos = int((m.group(7) or "0").ljust(9, "0"))
    if m.group(8) != "Z":
        raise ValueError(f"expected a UTC expiry_date, got {rfc3339!r}")
    ordinal = datetime.date(y, mo, d).timetuple().tm_yday
    return (y, ordinal, h, mi, s, nanos, 0, 0, 0)


def mp_expiry(rfc3339):
    return b"\x99" + b"".join(mp_int(v) for v in expiry_tuple(rfc3339))


def id_bytes(session_id):
    """The 16 little-endian bytes behind a 22-character session id."""
    raw = base64.urlsafe_b64decode(session_id + "==")
    assert len(raw) == 16, session_id
    return raw


def session_row(expiry_text, expiry_bytes):
    raw = os.urandom(16)
    session_id = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    # The app's VisitorData as serde_json::to_value writes it: keys in alphabetical order.
    visitor = {"carried_visits": 0, "counter_key": os.urandom(16).hex(),
               "ends_at_browser_close": False, "page_size": None, "signed_in": None}
    blob = b"\x93\xc4\x10" + raw[::-1] + mp({"visitor": visitor}) + expiry_bytes
    return session_id, blob, expiry_text


def sessions(db, total):
    total = int(total)
    con = sqlite3.connect(db, timeout=30)
    con.execute("PRAGMA synchronous = OFF")
    columns = [(r[1], r[2].upper(), r[5]) for r in con.execute("PRAGMA table_info(tower_sessions)")]
    expected = [("id", "TEXT", 1), ("data", "BLOB", 0), ("expiry_date", "INTEGER", 0)]
    if columns != expected:
        sys.exit(f"bench.py: tower_sessions has columns {columns}, expected {expected}")
    template = con.execute(
        "SELECT id, data, expiry_date FROM tower_sessions ORDER BY expiry_date DESC LIMIT 1"
    ).fetchone()
    if template is None:
        sys.exit("bench.py: no session to copy the format from (visit the app once first)")
    tid, tdata, texpiry = template
    expiry_bytes = mp_expiry(texpiry)
    if tdata[:3] != b"\x93\xc4\x10" or tdata[3:19] != id_bytes(tid)[::-1] \
            or not tdata.endswith(expiry_bytes):
        sys.exit(f"bench.py: session {tid} is not laid out as tower-sessions-sqlx-store 0.15 "
                 f"stores it ({tdata.hex()}); update bench.py")
    have = con.execute("SELECT count(*) FROM tower_sessions").fetchone()[0]
    missing = max(0, total - have)
    sample = None
    batch = 50_000
    with con:
        for start in range(0, missing, batch):
            rows = [session_row(texpiry, expiry_bytes) for _ in range(min(batch, missing - start))]
            sample = sample or rows[0][0]
            con.executemany(
                "INSERT OR IGNORE INTO tower_sessions (id, data, expiry_date) VALUES (?, ?, ?)", rows)
    con.close()
    print(sample or tid)


# --- report -----------------------------------------------------------------------------------
# RESULTS is tab-separated, one scenario per line:
#   key  label  reference-key  wrk-output-file  cpu-seconds  rss-kib


def fmt_rps(v):
    return f"{v:,.0f}".replace(",", "\u202f")


def fmt_ms(v):
    if v < 1:
        return f"{v * 1000:.0f} µs"
    return f"{v:.1f} ms" if v < 100 else f"{v:.0f} ms" if v < 1000 else f"{v / 1000:.2f} s"


def met(ok):
    return "not measured" if ok is None else "met" if ok else "not met"


def server_targets(rows):
    """The issue's server targets as table lines: what, figure, target, met."""
    def row(key):
        return rows.get(key)

    def us(v):
        return f"{v:.0f} µs"

    lines = []

    def target(what, keys, figure, ok, goal):
        if any(row(k) is None for k in keys):
            lines.append(f"| {what} | — | {goal} | {met(None)} |")
        else:
            lines.append(f"| {what} | {figure()} | {goal} | {met(ok())} |")

    home, fresh, ref = "home_cookie", "home_fresh", "ref_counter_cookie"
    target("home with cookie: req/s against the reference `/counter` with cookie", [home, ref],
           lambda: f"{rows[home]['rps'] / rows[ref]['rps']:.2f}×",
           lambda: rows[home]["rps"] >= 0.25 * rows[ref]["rps"], "≥ 0.25×")
    target("home with cookie: CPU per request", [home], lambda: us(rows[home]["cpu_us"]),
           lambda: rows[home]["cpu_us"] <= 150, "≤ 150 µs")
    target("home with cookie: p99 latency", [home], lambda: fmt_ms(rows[home]["p99"]),
           lambda: rows[home]["p99"] <= 10, "≤ 10 ms")
    target("home without cookie: CPU per request against home with cookie", [fresh, home],
           lambda: f"{rows[fresh]['cpu_us'] / rows[home]['cpu_us']:.2f}× "
                   f"({us(rows[fresh]['cpu_us'])})",
           lambda: rows[fresh]["cpu_us"] <= 2 * rows[home]["cpu_us"], "≤ 2×")
    for key, what in (("books", "books list"), ("book", "book detail")):
        target(f"{what}: CPU per request", [key], lambda key=key: us(rows[key]["cpu_us"]),
               lambda key=key: rows[key]["cpu_us"] <= 100, "≤ 100 µs")
    for key, what in (("css", "stylesheet"), ("wasm", "WASM")):
        target(f"{what}: req/s against the reference `/static`", [key, "ref_static"],
               lambda key=key: f"{rows[key]['rps'] / rows['ref_static']['rps']:.2f}×",
               lambda key=key: rows[key]["rps"] >= 0.5 * rows["ref_static"]["rps"], "≥ 0.5×")
    big = "home_cookie_big"
    target("home with cookie, large store: req/s against 1 000 sessions", [big, home],
           lambda: f"{rows[big]['rps'] / rows[home]['rps']:.2f}×",
           lambda: rows[big]["rps"] >= 0.8 * rows[home]["rps"], "≥ 0.8× (at most 20 % slower)")
    app = [r for k, r in rows.items() if not k.startswith("ref_")]
    target("app RSS, largest after any scenario", [] if app else ["-"],
           lambda: f"{max(r['rss'] for r in app):.1f} MiB",
           lambda: max(r["rss"] for r in app) <= 60, "≤ 60 MiB")
    return ["| server target | figure | target | |", "|---|---:|---|---|"] + lines


def report(results, md, header):
    rows = {}
    order = []
    for line in open(results):
        key, label, ref, out, cpu, rss = line.rstrip("\n").split("\t")
        rps, p50, p99, count, errors = parse_wrk(open(out).read())
        rows[key] = dict(label=label, ref=ref, rps=rps, p50=p50, p99=p99, count=count,
                         errors=errors, cpu_us=float(cpu) * 1e6 / max(count, 1),
                         rss=int(rss) / 1024)
        order.append(key)
    lines = ["| scenario | req/s | p50 | p99 | CPU µs/req | RSS MiB | reference | ratio |",
             "|---|---:|---:|---:|---:|---:|---|---|"]
    failures = []
    for key in order:
        r = rows[key]
        ref = rows.get(r["ref"])
        if ref:
            ratio = (f"{r['rps'] / ref['rps']:.2f}× req/s, "
                     f"{r['cpu_us'] / ref['cpu_us']:.1f}× CPU")
            ref_label = ref["label"]
        else:
            ratio, ref_label = "—", "—"
        if r["errors"]:
            failures.append(f"{r['label']}: {r['errors']} of {r['count']} requests failed")
        lines.append(f"| {r['label']} | {fmt_rps(r['rps'])} | {fmt_ms(r['p50'])} | "
                     f"{fmt_ms(r['p99'])} | {r['cpu_us']:.0f} | {r['rss']:.1f} | {ref_label} | "
                     f"{ratio} |")
    table = "\n".join(lines)
    targets = "\n".join(server_targets(rows))
    print(table)
    print()
    print(targets)
    for f in failures:
        print(f"warning: {f}", file=sys.stderr)
    if md == "-":
        return
    notes = "\n".join(f"- **{f}** (non-2xx/3xx responses or socket errors)" for f in failures)
    part = (f"### Server\n\n{textwrap.fill(header, 100)}\n\n{table}\n"
            + (f"\n{notes}\n" if notes else "") + f"\n{targets}\n")
    write_part(md, "server", part)


# --- the block in BENCHMARKS.md ---------------------------------------------------------------

def read_parts(block):
    """The server and browser parts of a block's text (between START and END)."""
    parts = {}
    rest = block
    for name in reversed(PART_ORDER):
        marker = PART_MARKERS[name]
        if marker in rest:
            rest, parts[name] = rest.split(marker, 1)
    if rest.strip():  # text before any marker: a block from before the parts (all server)
        parts["server"] = rest + parts.get("server", "")
    parts = {k: v.strip() for k, v in parts.items() if v.strip()}
    if "server" in parts and not parts["server"].startswith("### "):
        parts["server"] = "### Server\n\n" + parts["server"]
    return parts


def write_part(md, name, content):
    """Writes one part of the block into MD, keeping the other part as it was."""
    text = open(md).read()
    if START in text and END in text:
        before, rest = text.split(START, 1)
        block, after = rest.split(END, 1)
    else:
        intro = textwrap.fill(
            "`bench/run.sh` builds the release site, seeds a fresh SQLite database with 2 000 books "
            "by 500 authors and starts it next to `bench/reference` (bare axum: a fixed 2.4 KB page, "
            "and the same page with a visit counter in a tower-sessions `MemoryStore` session). "
            "Debian's `wrk` loads each scenario over loopback; the server's CPU time comes from "
            "`/proc/PID/stat` (user + system, all threads) and its memory from `VmRSS` after the "
            "run. Requests to the app carry the cookies a browser has after its first visit, "
            "except \"no cookie\", where every request starts a new session; wrk sends no "
            "`Accept-Encoding`, so every response is uncompressed. \"ratio\" is the app's "
            "requests/s divided by the reference's, and its CPU time per request divided by "
            "the reference's; the last app row compares the home page with 1 000 000 sessions "
            "in the store against the same page with 1 000. The load generator shares the "
            "machine's cores with the server, so absolute numbers are lower than a separate "
            "client would see; the ratios are the point. The browser table (Lighthouse and a "
            "first load in Chromium) explains its own method.", 100)
        m = re.search(r"^## ", text, re.M)
        at = m.start() if m else len(text)
        before = text[:at] + f"## `make bench`\n\n{intro}\n\n"
        block, after = "", "\n\n" + text[at:]
    parts = read_parts(block)
    parts[name] = content.strip()
    body = "\n\n".join(f"{PART_MARKERS[n]}\n{parts[n]}" for n in PART_ORDER if n in parts)
    with open(md, "w") as f:
        f.write(before + START + "\n" + body + "\n" + END + after)


# --- browser ----------------------------------------------------------------------------------

def median(values):
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    mid = len(v) // 2
    return v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2


def lighthouse_figures(path):
    """(score 0-100, LCP ms, TTI ms, total bytes), or raises ValueError with the reason."""
    try:
        r = json.load(open(path))
    except (OSError, ValueError) as e:
        raise ValueError(f"no Lighthouse report at {path}: {e}")
    err = r.get("runtimeError")
    if err and err.get("code") != "NO_ERROR":
        raise ValueError(f"Lighthouse runtime error {err.get('code')}: {err.get('message', '')}")
    audits = r["audits"]
    score = r["categories"]["performance"]["score"]
    values = (score * 100 if score is not None else None,
              audits["largest-contentful-paint"].get("numericValue"),
              audits["interactive"].get("numericValue"),
              audits["total-byte-weight"].get("numericValue"))
    if None in values:
        broken = [a["id"] for a in audits.values() if a.get("scoreDisplayMode") == "error"]
        raise ValueError("Lighthouse measured no " + ", ".join(
            n for n, v in zip(("score", "LCP", "TTI", "transfer size"), values) if v is None)
            + (f" (audits in error: {', '.join(broken)})" if broken else ""))
    return values


def lighthouse_summary(path):
    try:
        score, lcp, tti, total = lighthouse_figures(path)
    except ValueError as e:
        sys.exit(str(e))
    print(f"performance {score:.0f}, LCP {fmt_s(lcp)}, TTI {fmt_s(tti)}, {fmt_kb(total)} transferred")


def fmt_s(ms):
    return f"{ms / 1000:.2f} s"


def fmt_kb(n):
    return f"{n / 1000:.1f} KB"


def browser(lighthouse_tsv, first_load_json, first_load_reason, md, header):
    lines = ["| browser measurement | figure | target | |", "|---|---:|---|---|"]
    notes = []
    version = None

    # Lighthouse: per page, the median of each figure over the runs that worked.
    pages, runs = [], {}
    for line in open(lighthouse_tsv) if os.path.exists(lighthouse_tsv) else []:
        key, label, path, out, reason = (line.rstrip("\n").split("\t") + [""])[:5]
        if key not in runs:
            pages.append((key, label))
            runs[key] = {"ok": [], "failed": []}
        if reason:
            runs[key]["failed"].append(reason)
            continue
        runs[key]["ok"].append(lighthouse_figures(out))
        version = version or json.load(open(out)).get("lighthouseVersion")
    for key, label in pages:
        ok, failed = runs[key]["ok"], runs[key]["failed"]
        n = len(ok)
        where = f"Lighthouse, {label}" + (f" (median of {n})" if n > 1 else "")
        if not ok:
            where = f"Lighthouse, {label}"
            notes.append(f"Lighthouse on {label} not measured: {failed[-1]}")
        elif failed:
            notes.append(f"Lighthouse on {label}: {len(failed)} of {n + len(failed)} runs "
                         f"failed: {failed[-1]}")
        score, lcp, tti, total = (median(f[i] for f in ok) if ok else None for i in range(4))
        for what, value, shown, goal, ok_ in (
                ("performance score", score, lambda v: f"{v:.0f}", "≥ 95", lambda v: v >= 95),
                ("LCP", lcp, fmt_s, "≤ 1.5 s", lambda v: v <= 1500),
                ("TTI (`interactive`)", tti, fmt_s, "≤ 2.5 s", lambda v: v <= 2500),
                ("total transfer size", total, fmt_kb, "—", None)):
            if value is None:
                lines.append(f"| {where}: {what} | — | {goal} | {met(None)} |")
            elif ok_ is None:
                lines.append(f"| {where}: {what} | {shown(value)} | {goal} | |")
            else:
                lines.append(f"| {where}: {what} | {shown(value)} | {goal} | {met(ok_(value))} |")
    if not pages:
        notes.append("Lighthouse not run")

    # First load, cold cache, then a repeat visit (bench/first-load.mjs).
    fl = None
    if first_load_json and os.path.exists(first_load_json) and os.path.getsize(first_load_json):
        try:
            fl = json.load(open(first_load_json))
        except ValueError as e:
            first_load_reason = f"unreadable output of bench/first-load.mjs: {e}"
    where = "first load of home `/`, cold cache"
    if fl:
        n = fl["runs"]
        if n > 1:
            where += f" (median of {n})"
        m = fl["median"]
        b = m["bytes"]
        breakdown = " + ".join(f"{k.upper()} {fmt_kb(b[k])}" for k in ("html", "css", "js", "wasm"))
        lines.append(f"| {where}: HTML + CSS + JS + WASM on the wire | {fmt_kb(m['pageBytes'])} "
                     f"({breakdown}) | ≤ 200 KB | {met(m['pageBytes'] <= 200_000)} |")
        encodings = sorted({r["encoding"] for r in fl["results"][0]["first"]
                            if r["kind"] in ("html", "css", "js", "wasm")})
        if encodings != ["br"]:
            notes.append("first load: not every page file came brotli-compressed "
                         f"(Content-Encoding seen: {', '.join(encodings)})")
        lines.append(f"| {where}: other responses (API calls, favicon) | {fmt_kb(b['other'])} | — | |")

        def timing(what, key, goal, limit):
            v = m.get(key)
            rng = fl.get("range", {}).get(key)
            shown = "—" if v is None else f"{v:.0f} ms" + (
                f" ({rng[0]:.0f}–{rng[1]:.0f})" if rng and n > 1 else "")
            verdict = "" if limit is None else f" {met(None if v is None else v <= limit)}"
            lines.append(f"| {where}: {what} | {shown} | {goal} |{verdict} |")

        timing("WASM downloaded (its `responseEnd`), after navigation start", "wasmResponseEnd",
               "—", None)
        timing("WASM instantiated, after navigation start", "instantiated", "≤ 150 ms", 150)
        timing("hydrated (`data-hydrated`), after navigation start", "hydrated", "—", None)
        # The worst repeat visit over the runs: static files that came over the network again.
        rep = fl["repeatWorst"]
        again = rep["assets"]
        revalidated = [r for r in rep["revalidated"] if r in again]
        shown = f"{len(again)} of {rep['assetCount']}"
        if again:
            shown += ": " + ", ".join(f"`{r['url']}` ({r['status']})" for r in again)
            if revalidated:
                shown += f"; {len(revalidated)} of them revalidated (304)"
        lines.append(f"| repeat visit, same context: static files downloaded again | {shown} | 0 | "
                     f"{met(not again)} |")
        if fl["results"][0].get("errors"):
            notes.append("first load: the page logged errors: " + "; ".join(fl["results"][0]["errors"])[:300])
    else:
        reason = first_load_reason or "not run"
        for what, goal in (("HTML + CSS + JS + WASM on the wire", "≤ 200 KB"),
                           ("WASM instantiated, after navigation start", "≤ 150 ms")):
            lines.append(f"| {where}: {what} | — | {goal} | {met(None)} |")
        lines.append(f"| repeat visit, same context: static files downloaded again | — | 0 | {met(None)} |")
        notes.append(f"first load not measured: {reason}")

    table = "\n".join(lines)
    print(table)
    for note in notes:
        print(f"note: {note}")
    if md == "-":
        return
    method = textwrap.fill(
        f"Lighthouse {version or '12'} (npm, `--only-categories=performance`, its default mobile "
        "preset: simulated slow 4G, 150 ms RTT, 1.6 Mbit/s, 4× CPU slowdown, a cold cache on "
        "each run) loads each page of the release server in Debian's Chromium; \"TTI\" is its "
        "`interactive` audit and the transfer size its `total-byte-weight`. "
        "`bench/first-load.mjs` (Playwright) then loads the home page with a cold cache in a "
        "fresh browser context, unthrottled over loopback: bytes on the wire are headers + body "
        "as received (the browser asks for brotli, so these are brotli sizes; 1 KB = 1 000 "
        "bytes), the WASM is instantiated when `WebAssembly.instantiateStreaming` resolves and "
        "the page is hydrated when `<html data-hydrated=\"true\">` appears, both in ms since "
        "navigation start (median, with the range over the runs); the repeat visit opens the "
        "page again in a new tab of the same context and counts the static files that did not "
        "come from the browser's cache.", 100)
    notes_md = "\n".join(f"- {n}" for n in notes)
    part = (f"### Browser\n\n{textwrap.fill(header, 100)}\n\n{method}\n\n{table}\n"
            + (f"\n{notes_md}\n" if notes else ""))
    write_part(md, "browser", part)


if __name__ == "__main__":
    commands = {"free-port": free_port, "parse": parse, "sessions": sessions, "report": report,
                "lighthouse-summary": lighthouse_summary, "browser": browser}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
