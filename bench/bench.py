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

from benchlib.browser import browser, lighthouse_summary
from benchlib.report import report
from benchlib.sessions import sessions
from benchlib.wrk import parse


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])



if __name__ == "__main__":
    commands = {"free-port": free_port, "parse": parse, "sessions": sessions, "report": report,
                "lighthouse-summary": lighthouse_summary, "browser": browser}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
