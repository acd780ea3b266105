"""Reading wrk --latency output."""
import base64
import datetime
import json
import os
import re
import socket
import sqlite3
import sys
import textwrap

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
