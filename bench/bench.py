#!/usr/bin/env python3
"""Helpers for bench/run.sh (`make bench`); standard library only.

  bench.py free-port                     print a free TCP port on 127.0.0.1
  bench.py parse WRK_OUTPUT              print "req/s p50_ms p99_ms requests errors" from wrk --latency
  bench.py sessions DB TOTAL             top the tower_sessions table of SQLite file DB up to TOTAL
                                         rows of valid, unexpired sessions; prints one new id
  bench.py report RESULTS MD HEADER      print the Markdown table; write it into MD between the
                                         bench markers (MD "-" = print only)
"""
import base64
import datetime
import os
import re
import socket
import sqlite3
import sys
import textwrap

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


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
    print(table)
    for f in failures:
        print(f"warning: {f}", file=sys.stderr)
    if md == "-":
        return
    notes = "\n".join(f"- **{f}** (non-2xx/3xx responses or socket errors)" for f in failures)
    block = f"{START}\n{textwrap.fill(header, 100)}\n\n{table}\n" + (f"\n{notes}\n" if notes else "") + END
    text = open(md).read()
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
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
            "client would see; the ratios are the point.", 100)
        section = f"## `make bench`\n\n{intro}\n\n{block}\n\n"
        m = re.search(r"^## ", text, re.M)
        at = m.start() if m else len(text)
        text = text[:at] + section + text[at:]
    with open(md, "w") as f:
        f.write(text)


if __name__ == "__main__":
    commands = {"free-port": free_port, "parse": parse, "sessions": sessions, "report": report}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
