"""Filling the SQLite session table with valid sessions, as tower-sessions-sqlx-store writes them."""
import base64
import datetime
import json
import os
import re
import socket
import sqlite3
import sys
import textwrap

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
