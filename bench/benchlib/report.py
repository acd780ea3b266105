"""The server tables: the wrk scenarios and the server targets."""
import base64
import datetime
import json
import os
import re
import socket
import sqlite3
import sys
import textwrap
from .blocks import *  # noqa: F401,F403
from .wrk import *  # noqa: F401,F403

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

    # Issue 23's targets (server time per page).
    home, fresh, ref = "home_cookie", "home_fresh", "ref_counter_cookie"
    target("home with cookie: req/s against the reference `/counter` with cookie", [home, ref],
           lambda: f"{rows[home]['rps'] / rows[ref]['rps']:.2f}×",
           lambda: rows[home]["rps"] >= 0.15 * rows[ref]["rps"], "≥ 0.15×")
    target("home with cookie: CPU per request", [home], lambda: us(rows[home]["cpu_us"]),
           lambda: rows[home]["cpu_us"] <= 120, "≤ 120 µs")
    target("home with cookie: p99 latency", [home], lambda: fmt_ms(rows[home]["p99"]),
           lambda: rows[home]["p99"] <= 10, "≤ 10 ms")
    target("home without cookie: CPU per request against home with cookie", [fresh, home],
           lambda: f"{rows[fresh]['cpu_us'] / rows[home]['cpu_us']:.2f}× "
                   f"({us(rows[fresh]['cpu_us'])})",
           lambda: rows[fresh]["cpu_us"] <= 2 * rows[home]["cpu_us"], "≤ 2×")
    for key, what in (("books", "books list"), ("book", "book detail")):
        target(f"{what}, with cookie: CPU per request", [key],
               lambda key=key: us(rows[key]["cpu_us"]),
               lambda key=key: rows[key]["cpu_us"] <= 100, "≤ 100 µs")
    for key, what in (("books_fresh", "books list"), ("book_fresh", "book detail")):
        target(f"{what}, stranger (no cookie): CPU per request", [key],
               lambda key=key: us(rows[key]["cpu_us"]),
               lambda key=key: rows[key]["cpu_us"] <= 30, "≤ 30 µs")
        target(f"{what}, stranger: req/s against the reference `/static`", [key, "ref_static"],
               lambda key=key: f"{rows[key]['rps'] / rows['ref_static']['rps']:.2f}×",
               lambda key=key: rows[key]["rps"] >= 0.3 * rows["ref_static"]["rps"], "≥ 0.3×")
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
           lambda: max(r["rss"] for r in app) <= 64, "≤ 64 MiB")
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
