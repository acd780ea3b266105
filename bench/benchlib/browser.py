"""The browser table: Lighthouse per page, the first load and the repeat visit."""
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
from .report import *  # noqa: F401,F403

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
