"""The block of BENCHMARKS.md that make bench writes, one part per half (server, browser)."""
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
