#!/usr/bin/env python3
"""What a WASM module is made of: code bytes per function, grouped by crate (or by any prefix).

Reads the module's name section, so run it on a module that still has names: after a release
build, `$CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release/frontend_split.wasm` is the
main chunk as split, before wasm-opt strips it.

    bench/wasm-symbols.py MODULE.wasm            # bytes per crate, largest first
    bench/wasm-symbols.py MODULE.wasm serde_qs   # the largest functions whose name holds it
    bench/wasm-symbols.py OLD.wasm NEW.wasm --diff   # crates that grew or shrank
"""
import re
import sys
from collections import Counter


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def functions(path):
    """(name, code bytes) for every function the module defines."""
    data = open(path, "rb").read()
    pos, imported, bodies, names = 8, 0, [], {}
    while pos < len(data):
        kind = data[pos]
        size, pos = leb(data, pos + 1)
        end = pos + size
        if kind == 2:  # imports: function imports take the first indices
            count, p = leb(data, pos)
            for _ in range(count):
                for _ in range(2):
                    n, p = leb(data, p)
                    p += n
                desc = data[p]
                p += 1
                if desc == 0:
                    imported += 1
                    _, p = leb(data, p)
                elif desc == 1:
                    p += 1
                    flags, p = leb(data, p)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                elif desc == 2:
                    flags, p = leb(data, p)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                else:
                    p += 2
        elif kind == 10:  # code
            count, p = leb(data, pos)
            for _ in range(count):
                n, p = leb(data, p)
                bodies.append(n)
                p += n
        elif kind == 0:
            n, p = leb(data, pos)
            if data[p : p + n] == b"name":
                p += n
                while p < end:
                    sub = data[p]
                    sub_size, p = leb(data, p + 1)
                    if sub == 1:
                        count, q = leb(data, p)
                        for _ in range(count):
                            index, q = leb(data, q)
                            n, q = leb(data, q)
                            names[index] = data[q : q + n].decode("utf-8", "replace")
                            q += n
                    p += sub_size
        pos = end
    return [
        (demangle(names.get(imported + i, f"func{imported + i}")), size)
        for i, size in enumerate(bodies)
    ]


ESCAPES = {"$LT$": "<", "$GT$": ">", "$RF$": "&", "$BP$": "*", "$C$": ",", "$SP$": "@",
           "$u20$": " ", "$u27$": "'", "$u5b$": "[", "$u5d$": "]", "$u7b$": "{", "$u7d$": "}",
           "$u7e$": "~", "$u3b$": ";", "$u2b$": "+", "$u22$": '"', "$LP$": "(", "$RP$": ")"}


def demangle(name):
    """Rust's legacy mangling (`_ZN3foo3barE`) as `foo::bar`; other names as they are."""
    if not name.startswith("_ZN"):
        return name
    parts, pos = [], 3
    while pos < len(name) and name[pos].isdigit():
        digits = re.match(r"\d+", name[pos:]).group(0)
        pos += len(digits)
        parts.append(name[pos : pos + int(digits)])
        pos += int(digits)
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    text = "::".join(parts)
    for code, char in ESCAPES.items():
        text = text.replace(code, char)
    return text.replace("..", "::").lstrip("_")


def crate(name):
    """The first crate named in a symbol (generic impls name the type's crate first)."""
    name = re.sub(r"^_?<", "", demangle(name))
    match = re.match(r"[&* ]*(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)", name)
    return match.group(1) if match else "?"


def by_crate(path):
    totals = Counter()
    for name, size in functions(path):
        totals[crate(name)] += size
    return totals


def main(args):
    if len(args) == 3 and args[2] == "--diff":
        old, new = by_crate(args[0]), by_crate(args[1])
        rows = sorted(set(old) | set(new), key=lambda c: new[c] - old[c])
        for c in rows:
            if new[c] != old[c]:
                print(f"{new[c] - old[c]:+9d}  {old[c]:9d} -> {new[c]:9d}  {c}")
        print(f"{sum(new.values()) - sum(old.values()):+9d}  in all")
        return
    if len(args) == 2:
        rows = sorted((f for f in functions(args[0]) if args[1] in f[0]), key=lambda f: -f[1])
        print(f"{sum(s for _, s in rows)} bytes in {len(rows)} functions naming {args[1]}")
        for name, size in rows[:40]:
            print(f"{size:8d}  {name[:160]}")
        return
    totals = by_crate(args[0])
    whole = sum(totals.values())
    print(f"{whole} bytes of code")
    for c, size in totals.most_common(45):
        print(f"{size:9d}  {100 * size / whole:5.1f} %  {c}")


if __name__ == "__main__":
    if not 1 <= len(sys.argv) - 1 <= 3:
        sys.exit(__doc__)
    main(sys.argv[1:])
