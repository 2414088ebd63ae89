#!/usr/bin/env python3
"""qa/fuzz-site.py: fuzz a whole site: random edits to a copy of a site, then build it.

  python3 qa/fuzz-site.py --binary target/release/minhbach --seconds 600 [--seed N]
                          [--site DIR] [--keep DIR] [--case N [--only J,K]] [--no-minimize]

Each case copies the site (site.toml, data/, content/, static/, themes/) into a fresh temporary
folder, applies 1-5 mutations chosen by random.Random(seed + case) (CSV cells, TOML values,
Markdown nesting, front matter, file names, special files, symlinks, units.csv), and runs
`<binary> build --root <copy> --output-dir <copy>/public` with SOURCE_DATE_EPOCH=1764201600,
a 30 s timeout and a 2 GiB memory cap (about one case in three also runs `check`).

A case FAILS when the process is killed by a signal (crash, stack overflow, abort), exits with
a code other than 0 or 1, writes "panicked" or "overflowed" to stderr, times out, goes over the
memory cap, exits 1 without one located error line (`<file>:<line>: error: ...` or
`<file>: error: ...`), or, after a symlink to a file outside the site, copies that file's
content into the output. A failing case is kept in <keep>/fail-<case> (its report beside it,
fail-<case>.txt), printed with its mutations and stderr, and, the first time its kind of
failure is seen, each of its mutations is replayed alone to name the one that suffices.

Memory cap: RLIMIT_AS = 2 GiB in the child (an allocation past it aborts the build, which
is a failure). If the unmutated site does not build under that limit (Rust reserves address
space: thread stacks, allocator arenas), the cap falls back to resident memory: VmRSS polled
from /proc and the child's peak RSS from wait4(), over 2 GiB is a failure. The mode used is
printed. Peak memory is always the child's peak RSS (wait4 ru_maxrss).

Replay case N (its mutations are the same for the same seed, site and script):
  python3 qa/fuzz-site.py --binary target/release/minhbach --seed S --case N [--only J]
keeps the mutated site in <keep>/case-N whatever the result; --only applies only the
mutations numbered J,K (0-based, as printed).

Exit: 0 when no case failed, 1 when one did, 2 on a usage error or when the unmutated site
itself does not build. The last line is the summary, starting with "fuzz-site: ".
Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

CAP_BYTES = 2 * 1024 ** 3
TIMEOUT_S = 30.0
EPOCH = "1764201600"
SITE_PARTS = ("site.toml", "data", "content", "static", "themes")
MAX_INPUT = 15 * 1024 * 1024  # mutations stay just under the binary's 16 MiB file limit
LOCATED = re.compile(r"^\S.*?(?::\d+)?: error: ")
UNLOCATED = re.compile(r"^(error: |: error: )")
OUTSIDE_NAME = "fuzz-outside.txt"
ETC_PASSWD_MARK = "root:x:0:0:"


# ---------------------------------------------------------------- small helpers

class Unsafe(OSError):
    """A mutation would write outside the case's folder (through a link an earlier one made)."""


GUARD: list[str] = []   # realpath of the current case's folder; every write must stay below it


def guard(p: Path, follow: bool = False) -> Path:
    """Refuses to touch p when it (or, unless follow, its folder) resolves outside the case's folder."""
    if GUARD:
        q = Path(p) if follow else Path(p).parent
        while not os.path.lexists(q) and q != q.parent:
            q = q.parent
        real = os.path.realpath(q)
        if real != GUARD[0] and not real.startswith(GUARD[0] + os.sep):
            raise Unsafe(f"{p} resolves outside the case folder")
    return p


def rd(p: Path) -> str:
    return p.read_bytes().decode("utf-8", "surrogateescape")


def wrb(p: Path, b: bytes) -> None:
    guard(p)
    if p.is_symlink():
        raise Unsafe(f"{p} is a link: not written through")
    mkd(p.parent)
    p.write_bytes(b)


def wr(p: Path, s: str) -> None:
    wrb(p, s.encode("utf-8", "surrogateescape"))


def mkd(p: Path) -> None:
    guard(p)
    if not p.is_dir():
        guard(p, follow=True) if p.exists() else None
        p.mkdir(parents=True, exist_ok=True)
    guard(p, follow=True)


def unlink(p: Path) -> None:
    guard(p)
    p.unlink()


def symlink(target: str, p: Path) -> None:
    guard(p)
    os.symlink(target, p)


def short(v, n: int = 48) -> str:
    s = v if isinstance(v, str) else repr(v)
    s = s.encode("unicode_escape").decode("ascii") if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in s) else s
    return s if len(s) <= n else f"{s[:n]}…({len(s)} chars)"


def rm(p: Path) -> None:
    guard(p)
    if p.is_symlink() or p.is_file() or (p.exists() and not p.is_dir()):
        p.unlink()
    elif p.is_dir():
        guard(p, follow=True)
        shutil.rmtree(p)


def uni(rng: random.Random, n: int) -> str:
    """A random string of n code points from awkward ranges (no surrogates)."""
    ranges = [(0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x590, 0x6FF), (0x1E00, 0x1EFF),
              (0x2000, 0x206F), (0x2E80, 0x2FFF), (0x4E00, 0x4FFF), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
              (0xFFF0, 0xFFFD), (0x1F300, 0x1F6FF), (0xE0000, 0xE007F), (0x10FFF0, 0x10FFFF), (0x0, 0x1F)]
    out = []
    for _ in range(n):
        a, b = rng.choice(ranges)
        out.append(chr(rng.randint(a, b)))
    return "".join(out)


def walk_files(root: Path, sub: str, suffix: tuple[str, ...] | str | None = None) -> list[Path]:
    """Regular files (not links, not special files) below root/sub, sorted."""
    base = root / sub
    out: list[Path] = []
    if base.is_symlink() or not base.is_dir():
        return out
    for dp, dns, fns in os.walk(base):
        dns.sort()
        for fn in sorted(fns):
            p = Path(dp) / fn
            if p.is_symlink() or not p.is_file():
                continue
            if suffix and not fn.endswith(suffix):
                continue
            out.append(p)
    return sorted(out)


def rel_link(link: Path, target: Path) -> str:
    return os.path.relpath(target, link.parent)


# ---------------------------------------------------------------- CSV helpers

def csv_load(p: Path) -> list[list[str]]:
    t = rd(p)
    try:
        return list(csv.reader(io.StringIO(t, newline="")))
    except csv.Error:
        return [line.split(",") for line in t.splitlines()]


def csv_save(p: Path, rows: list[list[str]], raw: dict[str, str] | None = None, lt: str = "\n") -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=lt).writerows(rows)
    t = buf.getvalue()
    for k, v in (raw or {}).items():
        t = t.replace(k, v)
    wr(p, t)


def weird_cell(rng: random.Random) -> tuple[str, str | None]:
    """A cell value; the second item, when set, is raw text written unquoted in its place."""
    k = rng.randrange(12)
    if k == 0:
        return rng.choice(["4294967295", "4294967296", "18446744073709551615", "18446744073709551616",
                           "9223372036854775807", "-9223372036854775809", "9" * 400]), None
    if k == 1:
        return rng.choice(["1e308", "1e309", "-1e308", "5e-324", "1e-400", "0.0000000000000000000001"]), None
    if k == 2:
        return rng.choice(["-1", "-0", "0", "-0.0", "+1", ".5", "1.", "5e", "--1", "0x1F", "1_000", "１", "١٢"]), None
    if k == 3:
        return rng.choice(["NaN", "nan", "inf", "-inf", "Infinity", "-Infinity", "NULL", "null", "None"]), None
    if k == 4:
        return rng.choice(["", " ", "  \t ", "\u00a0"]), None
    if k == 5:
        return "x" * rng.choice([300, 10_000, 1_000_000]), None
    if k == 6:
        return uni(rng, rng.randint(1, 200)), None
    if k == 7:
        return rng.choice(["0,75", "1.000,5", "1 000", "0,", ",5", "1,2,3"]), None
    if k == 8:
        return "", '"never closed ' + uni(rng, 5)
    if k == 9:
        return rng.choice(["2025-02-30", "2025-13-01", "31/12/2025", "0000-00-00", "99999-01-01"]), None
    if k == 10:
        return rng.choice(["ha-noi", "HA-NOI", "ha noi", "../units", "<script>", "=1+1", "@SUM(A1)", "\"", "a\nb", "a\rb"]), None
    return rng.choice(['"', '""', "'", "\\", "\x00", "\ufeff", "\u202e"]), None


# ---------------------------------------------------------------- the mutations
#
# Each takes (ctx, rng), changes the copy below ctx.root, and returns a short description, or
# None when it does not apply (its file is gone, ...): another mutation is drawn then.

@dataclass
class Ctx:
    root: Path
    outside: Path                       # a file outside the site (beside it)
    leak_marks: set[str] = field(default_factory=set)

    def csvs(self) -> list[Path]:
        return walk_files(self.root, "data", ".csv")

    def ranking_csvs(self) -> list[Path]:
        return walk_files(self.root, "data/rankings", ".csv")

    def tomls(self) -> list[Path]:
        t = walk_files(self.root, "data/rankings", ".toml")
        s = self.root / "site.toml"
        if s.is_file() and not s.is_symlink():
            t.append(s)
        return t

    def mds(self) -> list[Path]:
        return walk_files(self.root, "content", ".md")

    def r(self, p: Path) -> str:
        return os.path.relpath(p, self.root)

    @staticmethod
    def pick(rng: random.Random, files: list[Path]) -> Path | None:
        """One of `files` at random, or None when there are none."""
        return rng.choice(files) if files else None

    def pick_table(self, rng: random.Random, min_rows: int = 2) -> tuple[Path, list] | None:
        """A CSV of data/ and its rows, when one has at least `min_rows` rows."""
        p = self.pick(rng, self.csvs())
        if p is None:
            return None
        rows = csv_load(p)
        return (p, rows) if len(rows) >= min_rows else None


MUTATIONS: list[tuple[str, float, object]] = []


def mutation(weight: float = 1.0):
    def deco(fn):
        MUTATIONS.append((fn.__name__, weight, fn))
        return fn
    return deco


# --- CSV ---------------------------------------------------------------------------------

@mutation(3)
def csv_cell(ctx: Ctx, rng):
    picked = ctx.pick_table(rng)
    if picked is None:
        return None
    p, rows = picked
    i = rng.randrange(1, len(rows))
    if not rows[i]:
        return None
    j = rng.randrange(len(rows[i]))
    v, raw = weird_cell(rng)
    col = rows[0][j] if j < len(rows[0]) else j
    extra = {}
    if raw is not None:
        rows[i][j] = "@@FUZZRAW@@"
        extra = {"@@FUZZRAW@@": raw}
        v = raw
    else:
        rows[i][j] = v
    csv_save(p, rows, extra)
    return f"{ctx.r(p)} row {i + 1} {col} := {short(v)}"


@mutation()
def csv_header(ctx, rng):
    p = ctx.pick(rng, ctx.csvs())
    if p is None:
        return None
    rows = csv_load(p)
    if not rows or not rows[0]:
        return None
    j = rng.randrange(len(rows[0]))
    v = rng.choice(["", " unit", "UNIT", "rank ", "score\ufeff", rng.choice(rows[0]), "nhan-thuc-so", "x" * 1000,
                    uni(rng, 8), "id", "key"])
    old = rows[0][j]
    rows[0][j] = v
    csv_save(p, rows)
    return f"{ctx.r(p)} header {old!r} := {short(v)}"


@mutation()
def csv_row_delete(ctx, rng):
    picked = ctx.pick_table(rng)
    if picked is None:
        return None
    p, rows = picked
    i = rng.randrange(1, len(rows))
    del rows[i]
    csv_save(p, rows)
    return f"{ctx.r(p)} row {i + 1} deleted"


@mutation()
def csv_row_duplicate(ctx, rng):
    picked = ctx.pick_table(rng)
    if picked is None:
        return None
    p, rows = picked
    i = rng.randrange(1, len(rows))
    k = rng.choice([1, 1, 2, 100, 5000])
    rows[i + 1:i + 1] = [list(rows[i]) for _ in range(k)]
    csv_save(p, rows)
    return f"{ctx.r(p)} row {i + 1} duplicated x{k}"


@mutation()
def csv_column_drop(ctx, rng):
    p = ctx.pick(rng, ctx.csvs())
    if p is None:
        return None
    rows = csv_load(p)
    if not rows or not rows[0]:
        return None
    j = rng.randrange(len(rows[0]))
    name = rows[0][j]
    hdr_only = rng.random() < 0.3
    for k, row in enumerate(rows):
        if j < len(row) and (k == 0 or not hdr_only):
            del row[j]
    csv_save(p, rows)
    return f"{ctx.r(p)} column {name!r} dropped{' (header only)' if hdr_only else ''}"


@mutation()
def csv_headers_swap(ctx, rng):
    p = ctx.pick(rng, ctx.csvs())
    if p is None:
        return None
    rows = csv_load(p)
    if not rows or len(rows[0]) < 2:
        return None
    a, b = rng.sample(range(len(rows[0])), 2)
    rows[0][a], rows[0][b] = rows[0][b], rows[0][a]
    csv_save(p, rows)
    return f"{ctx.r(p)} headers {rows[0][b]!r} and {rows[0][a]!r} swapped"


@mutation()
def csv_line_ends(ctx, rng):
    p = ctx.pick(rng, ctx.csvs())
    if p is None:
        return None
    t = rd(p).replace("\r\n", "\n")
    how = rng.choice(["CRLF", "CRLF", "CR", "mixed", "CRLF, no final"])
    if how.startswith("CRLF"):
        t = t.replace("\n", "\r\n")
        if how.endswith("final"):
            t = t.rstrip("\r\n")
    elif how == "CR":
        t = t.replace("\n", "\r")
    else:
        t = "".join(rng.choice(["\n", "\r\n", "\r"]) if c == "\n" else c for c in t)
    wr(p, t)
    return f"{ctx.r(p)} line ends {how}"


@mutation()
def csv_bom(ctx, rng):
    p = ctx.pick(rng, ctx.csvs())
    if p is None:
        return None
    b = p.read_bytes()
    how = rng.choice(["utf-8 BOM", "utf-8 BOM", "two BOMs", "BOM mid-file", "utf-16le", "utf-16be", "latin-1"])
    if how == "utf-8 BOM":
        b = b"\xef\xbb\xbf" + b
    elif how == "two BOMs":
        b = b"\xef\xbb\xbf\xef\xbb\xbf" + b
    elif how == "BOM mid-file":
        i = b.find(b"\n") + 1
        b = b[:i] + b"\xef\xbb\xbf" + b[i:]
    elif how.startswith("utf-16"):
        s = b.decode("utf-8", "replace")
        b = s.encode("utf-16-le" if how.endswith("le") else "utf-16-be")
        b = (b"\xff\xfe" if how.endswith("le") else b"\xfe\xff") + b
    else:
        b = b.decode("utf-8", "replace").encode("latin-1", "replace")
    wrb(p, b)
    return f"{ctx.r(p)} encoding: {how}"


@mutation()
def csv_truncate(ctx, rng):
    p = ctx.pick(rng, ctx.csvs())
    if p is None:
        return None
    b = p.read_bytes()
    if rng.random() < 0.15:
        n = rng.choice([0, 1, 3])
    else:
        n = rng.randrange(max(1, len(b)))
    wrb(p, b[:n])
    return f"{ctx.r(p)} truncated to {n} of {len(b)} bytes"


@mutation()
def csv_delimiter(ctx, rng):
    p = ctx.pick(rng, ctx.csvs())
    if p is None:
        return None
    rows = csv_load(p)
    d = rng.choice([";", "\t", "|", ";"])
    comma = d != "|" and rng.random() < 0.7
    if comma:
        rows = [[re.sub(r"^(-?\d+)\.(\d+)$", r"\1,\2", c) for c in r] for r in rows]
    if rng.random() < 0.3 and len(rows) > 2:   # one line keeps the old delimiter
        k = rng.randrange(1, len(rows))
        rows[k] = [",".join(rows[k])]
    buf = io.StringIO()
    csv.writer(buf, delimiter=d, lineterminator="\n").writerows(rows)
    wr(p, buf.getvalue())
    return f"{ctx.r(p)} delimiter {d!r}{' with decimal commas' if comma else ''}"


@mutation()
def csv_many_rows(ctx, rng):
    picked = ctx.pick_table(rng)
    if picked is None:
        return None
    p, rows = picked
    n = rng.choice([1000, 10_000, 100_000])
    body = rows[1:]
    unique = rng.random() < 0.5
    out = [rows[0]]
    for i in range(n):
        r = list(body[i % len(body)])
        if unique and r:
            r[0] = f"{r[0]}-{i}"
        out.append(r)
    csv_save(p, out)
    if p.stat().st_size > MAX_INPUT:
        b = p.read_bytes()[:MAX_INPUT]
        wrb(p, b[: b.rfind(b"\n") + 1])
    return f"{ctx.r(p)} {n} rows{' (first column made unique)' if unique else ''}"


@mutation()
def csv_wide(ctx, rng):
    p = ctx.pick(rng, ctx.csvs())
    if p is None:
        return None
    rows = csv_load(p)
    if not rows:
        return None
    k = rng.choice([50, 1000, 20_000])
    same = rng.random() < 0.3
    rows[0] += [("nhan-thuc-so" if same else f"x{i}") for i in range(k)]
    for r in rows[1:]:
        r += [str(rng.random()) for _ in range(k)]
    csv_save(p, rows)
    return f"{ctx.r(p)} {k} extra columns{' all named nhan-thuc-so' if same else ''}"


@mutation()
def csv_ragged(ctx, rng):
    picked = ctx.pick_table(rng)
    if picked is None:
        return None
    p, rows = picked
    i = rng.randrange(1, len(rows))
    if rng.random() < 0.5 and rows[i]:
        rows[i] = rows[i][: rng.randrange(len(rows[i]))]
        what = "fewer"
    else:
        rows[i] = rows[i] + ["extra"] * rng.choice([1, 5, 500])
        what = "more"
    csv_save(p, rows)
    return f"{ctx.r(p)} row {i + 1} has {what} cells than the header"


# --- TOML -------------------------------------------------------------------------------

KV = re.compile(r"^(\s*)([A-Za-z0-9_.\"'-]+)\s*=\s*(.*)$")


def toml_kvs(lines: list[str]) -> list[tuple[int, int, str]]:
    """(first line, last line, key) of each `key = value`, a multi-line array taking its lines."""
    out, i = [], 0
    while i < len(lines):
        m = KV.match(lines[i])
        if m:
            v = m.group(3).strip()
            end = i
            if v.startswith("[") and v.count("[") > v.count("]"):
                while end + 1 < len(lines) and lines[end].strip() != "]":
                    end += 1
            elif v.startswith('"""') and v.count('"""') == 1 or v.startswith("'''") and v.count("'''") == 1:
                while end + 1 < len(lines) and v[:3] not in lines[end + 1]:
                    end += 1
                end += 1
            out.append((i, min(end, len(lines) - 1), m.group(2)))
            i = end + 1
        else:
            i += 1
    return out


def toml_weird(rng) -> str:
    k = rng.randrange(8)
    if k == 0:
        return rng.choice(['"text"', '""', '" "', "'literal'", '"""\nmulti\nline"""'])
    if k == 1:
        return rng.choice(["4294967295", "9223372036854775807", "-9223372036854775808", "18446744073709551616",
                           "-1", "0", "1", "65536", "99999999999"])
    if k == 2:
        return rng.choice(["1e308", "-1e308", "5e-324", "0.0", "-0.0", "1.0000000000000002", "nan", "+nan", "inf", "-inf"])
    if k == 3:
        return rng.choice(["true", "false", "[]", '[1, "a"]', "[[1], [2]]", "{}", "{ a = 1 }", '["", ""]'])
    if k == 4:
        return rng.choice(["1979-05-27", "1979-05-27T07:32:00Z", "07:32:00", "0000-01-01", "9999-12-31",
                           "2025-06-12T10:00:00+07:00", '"2025-02-30"', '"2025-6-1"'])
    if k == 5:
        return '"' + "x" * rng.choice([1000, 100_000, 1_000_000]) + '"'
    if k == 6:
        return json.dumps(uni(rng, rng.randint(1, 100)), ensure_ascii=False).replace("\\u0000", "\\u0001")
    return rng.choice(['"javascript:alert(1)"', '"../../../etc/passwd"', '"/etc/passwd"', '"https://"', '"dti-tinh"',
                       '"province"', '"ministry"', '"commune"', '"<script>alert(1)</script>"', '"{{ x }}"'])


@mutation(3)
def toml_value(ctx, rng):
    p = ctx.pick(rng, ctx.tomls())
    if p is None:
        return None
    lines = rd(p).split("\n")
    kvs = toml_kvs(lines)
    if not kvs:
        return None
    a, b, key = rng.choice(kvs)
    v = toml_weird(rng)
    indent = KV.match(lines[a]).group(1)
    lines[a:b + 1] = [f"{indent}{key} = {v}"]
    wr(p, "\n".join(lines))
    return f"{ctx.r(p)}:{a + 1} {key} = {short(v)}"


@mutation()
def toml_number(ctx, rng):
    p = ctx.pick(rng, ctx.tomls())
    if p is None:
        return None
    lines = rd(p).split("\n")
    nums = [(a, key) for a, b, key in toml_kvs(lines) if re.match(r"^\s*-?[\d.]+\s*$", KV.match(lines[a]).group(3))]
    if not nums:
        return None
    a, key = rng.choice(nums)
    v = rng.choice(["4294967295", "4294967296", "9223372036854775807", "-9223372036854775808", "-1", "0",
                    "1e308", "-1e308", "5e-324", "nan", "inf", "-inf", "65535", "1000000000", "0.0", "-0.0"])
    lines[a] = f"{KV.match(lines[a]).group(1)}{key} = {v}"
    wr(p, "\n".join(lines))
    return f"{ctx.r(p)}:{a + 1} {key} = {v}"


@mutation()
def toml_delete_line(ctx, rng):
    p = ctx.pick(rng, ctx.tomls())
    if p is None:
        return None
    lines = rd(p).split("\n")
    cands = [i for i, l in enumerate(lines) if l.strip()]
    if not cands:
        return None
    i = rng.choice(cands)
    old = lines.pop(i)
    wr(p, "\n".join(lines))
    return f"{ctx.r(p)}:{i + 1} deleted ({short(old.strip(), 40)})"


@mutation()
def toml_duplicate_table(ctx, rng):
    p = ctx.pick(rng, ctx.tomls())
    if p is None:
        return None
    lines = rd(p).split("\n")
    heads = [i for i, l in enumerate(lines) if l.startswith("[")]
    if not heads:
        return None
    a = rng.choice(heads)
    b = next((i for i in heads if i > a), len(lines))
    block = lines[a:b]
    k = rng.choice([1, 1, 2, 1000])
    lines[b:b] = block * k
    wr(p, "\n".join(lines))
    return f"{ctx.r(p)}:{a + 1} table {lines[a].strip()} duplicated x{k}"


@mutation()
def toml_break(ctx, rng):
    p = ctx.pick(rng, ctx.tomls())
    if p is None:
        return None
    t = rd(p)
    lines = t.split("\n")
    i = rng.randrange(len(lines) + 1)
    how = rng.choice(["unclosed quote", "key without value", "unclosed table", "value without key", "colon",
                      "random bytes", "truncate", "nested arrays", "nested inline tables", "dotted keys",
                      "duplicate key", "tab and CR", "NUL"])
    if how == "unclosed quote":
        ins = 'title_vi = "never closed'
    elif how == "key without value":
        ins = "order ="
    elif how == "unclosed table":
        ins = "[[editions"
    elif how == "value without key":
        ins = '= "x"'
    elif how == "colon":
        ins = 'name_vi: "x"'
    elif how == "random bytes":
        ins = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))).decode("utf-8", "surrogateescape")
    elif how == "truncate":
        n = rng.randrange(max(1, len(t)))
        wr(p, t[:n])
        return f"{ctx.r(p)} truncated to {n} chars"
    elif how == "nested arrays":
        n = rng.choice([100, 10_000, 100_000])
        ins = "x = " + "[" * n + "]" * n
    elif how == "nested inline tables":
        n = rng.choice([100, 10_000, 50_000])
        ins = "x = " + "{a=" * n + "1" + "}" * n
    elif how == "dotted keys":
        n = rng.choice([100, 10_000, 100_000])
        ins = ".".join(["a"] * n) + " = 1"
    elif how == "duplicate key":
        kvs = toml_kvs(lines)
        if not kvs:
            return None
        a, b, _ = rng.choice(kvs)
        ins = "\n".join(lines[a:b + 1])
        i = b + 1
    elif how == "tab and CR":
        ins = "\t\r\r\n\tname_vi\t=\t\"x\"\r"
    else:
        ins = 'x = "a\x00b"'
    lines.insert(i, ins)
    wr(p, "\n".join(lines))
    return f"{ctx.r(p)}:{i + 1} {how}"


@mutation()
def toml_edition_file(ctx, rng):
    p = ctx.pick(rng, walk_files(ctx.root, "data/rankings", "index.toml"))
    if p is None:
        return None
    lines = rd(p).split("\n")
    cands = [i for i, l in enumerate(lines) if re.match(r"^file\s*=", l)]
    if not cands:
        return None
    i = rng.choice(cands)
    v = rng.choice(["../../units.csv", "../dti-bo/2022.csv", "/etc/passwd", "../../../site.toml", "", ".", "..",
                    "missing.csv", "index.toml", "2024.csv", "2022.CSV", "sub/2022.csv", "2022.csv\u0000",
                    "../../tiles/provinces-63.csv", "a" * 300 + ".csv", "./2022.csv", "2022.csv/"])
    lines[i] = f"file = {json.dumps(v)}"
    wr(p, "\n".join(lines))
    return f"{ctx.r(p)}:{i + 1} file = {short(v)}"


@mutation()
def toml_indicators(ctx, rng):
    p = ctx.pick(rng, walk_files(ctx.root, "data/rankings", "index.toml"))
    if p is None:
        return None
    t = rd(p)
    keys = re.findall(r'^key\s*=\s*"([^"]*)"', t, re.M)
    how = rng.choice(["parent self", "parent cycle", "parent unknown", "chain", "many", "duplicate key", "max"])
    extra = ""
    if how == "parent self":
        k = rng.choice(keys) if keys else "k"
        extra = f'\n[[indicators]]\nkey = "{k}-self"\nname_vi = "x"\nname_en = "x"\nparent = "{k}-self"\n'
    elif how == "parent cycle":
        extra = ('\n[[indicators]]\nkey = "cyc-a"\nname_vi = "a"\nname_en = "a"\nparent = "cyc-b"\n'
                 '\n[[indicators]]\nkey = "cyc-b"\nname_vi = "b"\nname_en = "b"\nparent = "cyc-a"\n')
    elif how == "parent unknown":
        extra = '\n[[indicators]]\nkey = "orphan"\nname_vi = "o"\nname_en = "o"\nparent = "nowhere"\n'
    elif how == "chain":
        n = rng.choice([200, 5000, 50_000])
        extra = "".join(f'\n[[indicators]]\nkey = "c{i}"\nname_vi = "c"\nname_en = "c"\nparent = "{"c" + str(i - 1) if i else ""}"\n'
                        for i in range(n))
    elif how == "many":
        n = rng.choice([500, 20_000])
        extra = "".join(f'\n[[indicators]]\nkey = "m{i}"\nname_vi = "m"\nname_en = "m"\n' for i in range(n))
    elif how == "duplicate key":
        k = rng.choice(keys) if keys else "k"
        extra = f'\n[[indicators]]\nkey = "{k}"\nname_vi = "d"\nname_en = "d"\n'
    else:
        k = rng.choice(keys) if keys else "k"
        extra = f'\n[[indicators]]\nkey = "{k}-max"\nname_vi = "x"\nname_en = "x"\nmax = {rng.choice(["0", "-1", "1e308", "nan", "inf"])}\n'
    # [[indicators]] must come before the first [[editions]] to stay a table array of the root
    m = re.search(r"^\[\[editions\]\]", t, re.M)
    at = m.start() if m and rng.random() < 0.8 else len(t)
    wr(p, t[:at] + extra + "\n" + t[at:])
    return f"{ctx.r(p)} indicators: {how}"


@mutation()
def toml_many_editions(ctx, rng):
    p = ctx.pick(rng, walk_files(ctx.root, "data/rankings", "index.toml"))
    if p is None:
        return None
    t = rd(p)
    csvs = sorted(x.name for x in p.parent.glob("*.csv"))
    if not csvs:
        return None
    n = rng.choice([50, 2000, 20_000])
    same_year = rng.random() < 0.3
    ed = "".join(f'\n[[editions]]\nyear = {2000 if same_year else 1000 + i}\nkey = "k{i}"\nfile = "{csvs[i % len(csvs)]}"\n'
                 f'published = "2025-01-01"\ndecision = "d"\nsources = []\n' for i in range(n))
    wr(p, t + ed)
    return f"{ctx.r(p)} {n} more editions{' of one year' if same_year else ''}"


@mutation()
def site_toml(ctx, rng):
    p = ctx.root / "site.toml"
    if p.is_symlink() or not p.is_file():
        return None
    t = rd(p)
    key, v = rng.choice([
        ("base_url", '"javascript:alert(1)"'), ("base_url", '""'), ("base_url", '"ftp://x/"'),
        ("base_url", '"https://example.gov.vn/a b/"'), ("base_url", '"https://example.gov.vn"'),
        ("base_url", '"https://example.gov.vn/' + "a/" * 2000 + '"'), ("base_url", '"/relative/"'),
        ("base_url", '"https://[::1]:99999/"'), ("base_url", '"https://ví-dụ.việtnam/"'),
        ("base_url", '"https://example.gov.vn/?q=1#x"'), ("base_url", "42"),
        ("theme", '"../../../etc"'), ("theme", '"nope"'), ("theme", '""'), ("theme", '"default/../default"'), ("theme", '"/"'),
        ("allow_html", "true"), ("allow_html", '"yes"'), ("title_vi", '""'), ("title_en", '"' + "T" * 100_000 + '"'),
        ("title_vi", '"<script>alert(1)</script> {{ x }} {% raw %}"'), ("unknown_key", "1"), ("description_en", "[1]"),
    ])
    if re.search(rf"^{key}\s*=.*$", t, re.M):
        t = re.sub(rf"^{key}\s*=.*$", lambda m: f"{key} = {v}", t, count=1, flags=re.M)
    else:
        t += f"\n{key} = {v}\n"
    wr(p, t)
    return f"site.toml {key} = {short(v)}"


# --- Markdown ---------------------------------------------------------------------------

def fm_split(t: str):
    """(front matter end offset, body start offset) for +++ / --- front matter, else None."""
    m = re.match(r"(\+\+\+|---)[ \t]*\r?\n", t)
    if not m:
        return None
    fence = m.group(1)
    e = re.compile(r"^" + re.escape(fence) + r"[ \t]*\r?$", re.M).search(t, m.end())
    if not e:
        return None
    nl = t.find("\n", e.end())
    return e.start(), (len(t) if nl < 0 else nl + 1)


def md_insert_body(t: str, rng, block: str) -> str:
    sp = fm_split(t)
    start = sp[1] if sp else 0
    nls = [m.end() for m in re.finditer("\n", t[start:])]
    at = start + (rng.choice(nls) if nls and rng.random() < 0.7 else 0)
    return t[:at] + "\n" + block + "\n\n" + t[at:]


def md_fm_set(t: str, key: str, value: str) -> str:
    """Sets `key = value` in TOML front matter (replacing the line or adding one)."""
    sp = fm_split(t)
    if not sp:
        return f"+++\n{key} = {value}\n+++\n" + t
    fm_end = sp[0]
    head = t[:fm_end]
    pat = re.compile(rf"^{re.escape(key)}\s*[=:].*$", re.M)
    if pat.search(head):
        head = pat.sub(lambda m: f"{key} = {value}", head, count=1)
    else:
        head = head + f"{key} = {value}\n"
    return head + t[fm_end:]


def news_links(ctx) -> list[str]:
    return [p.name for p in walk_files(ctx.root, "content/news", ".md")] or ["none.md"]


def pick_md(ctx, rng, prefer: str | None = None):
    files = ctx.mds()
    if prefer:
        pref = [p for p in files if f"/{prefer}/" in str(p)]
        if pref and rng.random() < 0.7:
            files = pref
    return ctx.pick(rng, files)


@mutation(3)
def md_nest(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    n = rng.choice([50, 99, 100, 101, 500, 5000, rng.randint(50, 5000)])
    kind = rng.choice(["quote", "list", "list indented", "ordered", "div", "div+allow_html", "emphasis",
                       "brackets", "quote+list", "span", "table in quote", "link in link"])
    if kind == "quote":
        block = "> " * n + "deep"
    elif kind == "list":
        block = "- " * n + "deep"
    elif kind == "list indented":
        n = min(n, 2000)
        block = "\n".join("  " * i + "- item" for i in range(n))
    elif kind == "ordered":
        block = "1. " * n + "deep"
    elif kind.startswith("div"):
        block = "<div>" * n + "deep" + "</div>" * rng.choice([n, 0])
        if kind.endswith("allow_html"):
            s = ctx.root / "site.toml"
            if s.is_file() and not s.is_symlink():
                wr(s, re.sub(r"^allow_html\s*=.*$", "allow_html = true", rd(s), flags=re.M))
    elif kind == "emphasis":
        block = "*" * n + "deep" + "*" * n
    elif kind == "brackets":
        block = "[" * n + "deep" + "]" * n + "(@/news/x.md)"
    elif kind == "quote+list":
        block = "> - " * n + "deep"
    elif kind == "span":
        block = "<span>" * n + "deep" + "</span>" * n
    elif kind == "table in quote":
        block = "> " * n + "| a | b |\n" + "> " * n + "|---|---|\n" + "> " * n + "| 1 | 2 |"
    else:
        block = "[a " * n + "](@/news/x.md)" * n
    wr(p, md_insert_body(rd(p), rng, block))
    return f"{ctx.r(p)} {kind} nested {n} deep"


@mutation(2)
def md_links(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    names = news_links(ctx)
    k = rng.choice([1000, 10_000, 40_000, rng.randint(1000, 40_000)])
    how = rng.choice(["existing", "existing", "missing", "fragments", "traversal", "self"])
    parts = []
    for i in range(k):
        n = rng.choice(names)
        if how == "missing":
            target = f"@/news/missing-{i % 50}.md"
        elif how == "fragments":
            target = f"@/news/{n}#{'x' * (i % 7)}"
        elif how == "traversal":
            target = rng.choice(["@/../site.toml", "@/news/../../data/units.csv", "@//etc/passwd", "@/", "@/news/"])
        elif how == "self":
            target = f"@/{ctx.r(p)[len('content/'):]}"
        else:
            target = f"@/news/{n}"
        parts.append(f"[l{i}]({target})")
    block = "\n".join(" ".join(parts[i:i + 10]) for i in range(0, len(parts), 10))
    wr(p, md_insert_body(rd(p), rng, block))
    return f"{ctx.r(p)} {k} links ({how})"


@mutation()
def md_tags(ctx, rng):
    p = pick_md(ctx, rng, "news")
    if not p:
        return None
    k = rng.choice([21, 100, 1000, 5000, rng.randint(100, 5000)])
    how = rng.choice(["distinct", "same", "long", "unicode", "empty"])
    if how == "distinct":
        tags = [f"tag {i}" for i in range(k)]
    elif how == "same":
        tags = ["Bình dân học vụ số"] * k
    elif how == "long":
        tags = ["t" * rng.choice([61, 1000, 10_000])] * min(k, 200)
    elif how == "unicode":
        tags = [uni(rng, rng.randint(1, 60)) for _ in range(k)]
    else:
        tags = [""] * k
    v = json.dumps(tags, ensure_ascii=False).replace("\\u0000", "\\u0001")
    wr(p, md_fm_set(rd(p), "tags", v))
    return f"{ctx.r(p)} {len(tags)} tags ({how})"


@mutation()
def md_long_line(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    n = rng.choice([5 * 1024 * 1024, 1024 * 1024, 12 * 1024 * 1024])
    unit = rng.choice(["a", "word ", "*", "_", "`", "[", "<", "|", "\\", "&amp;", "Đà Nẵng ", "@/news/"])
    line = (unit * (n // len(unit) + 1))[:n]
    wr(p, md_insert_body(rd(p), rng, line))
    return f"{ctx.r(p)} one line of {n // 1024} KiB of {unit!r}"


@mutation()
def md_random_bytes(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    b = p.read_bytes()
    if rng.random() < 0.15:
        nb = bytes(rng.randrange(256) for _ in range(rng.choice([0, 10, 4096, 100_000])))
        wrb(p, nb)
        return f"{ctx.r(p)} replaced by {len(nb)} random bytes"
    k = rng.choice([1, 16, 4096])
    at = rng.randrange(len(b) + 1)
    wrb(p, b[:at] + bytes(rng.randrange(256) for _ in range(k)) + b[at:])
    return f"{ctx.r(p)} {k} random bytes at byte {at}"


@mutation()
def md_invalid_utf8(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    b = p.read_bytes()
    seq = rng.choice([b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xe2\x82", b"\xf0\x28\x8c\xbc", b"\xed\xa0\x80",
                      b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\x80", b"\xf4\x90\x80\x80"])
    where = rng.choice(["front matter", "body", "start", "end", "utf-16"])
    if where == "utf-16":
        nb = b"\xff\xfe" + b.decode("utf-8", "replace").encode("utf-16-le")
        wrb(p, nb)
        return f"{ctx.r(p)} re-encoded as UTF-16LE"
    if where == "start":
        at = 0
    elif where == "end":
        at = len(b)
    elif where == "front matter":
        at = b.find(b"title") + 9 if b.find(b"title") >= 0 else 0
    else:
        at = rng.randrange(len(b) + 1)
    wrb(p, b[:at] + seq + b[at:])
    return f"{ctx.r(p)} invalid UTF-8 {seq!r} at byte {at} ({where})"


@mutation()
def md_date(ctx, rng):
    p = pick_md(ctx, rng, "news")
    if not p:
        return None
    v = rng.choice(["2025-06-12T10:30:00", "2025-06-12T10:30:00+07:00", "2025-06-12T10:30:00Z", "2025-06-12 10:30:00",
                    "10:30:00", '"2025-06-12"', "2025-02-30", "2025-13-01", "0000-01-01", "9999-12-31", "1900-01-01",
                    "2025", '""', "[2025-06-12]", "2025-06-12T23:59:60Z", "1970-01-01T00:00:00-12:00", "+2025-06-12"])
    key = "decision_date" if "/models/" in str(p) and rng.random() < 0.7 else "date"
    wr(p, md_fm_set(rd(p), key, v))
    return f"{ctx.r(p)} {key} = {v}"


@mutation()
def md_unknown_field(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    ins = rng.choice(["unknown_field = 1", "Title = \"x\"", "draft = \"yes\"", "title = \"duplicate\"", "[extra]\na = 1",
                      "taxonomies = { tags = [\"a\"] }", "weight = 4294967296", "template = \"../../../etc/passwd\"",
                      "aliases = [\"/\", \"/index.html\"]", "slug = \"../..\"", "lang = \"fr\"", "draft = true"])
    t = rd(p)
    sp = fm_split(t)
    if not sp:
        return None
    t = t[:sp[0]] + ins + "\n" + t[sp[0]:]
    wr(p, t)
    return f"{ctx.r(p)} front matter += {short(ins)}"


@mutation()
def md_fence(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    t = rd(p)
    sp = fm_split(t)
    how = rng.choice(["no opening", "no closing", "no fences", "--- opening", "++++", "BOM before", "space before",
                      "CRLF", "only fences", "empty file", "opening only"])
    if not sp and how not in ("empty file", "only fences"):
        return None
    if how == "no opening":
        t = t[t.find("\n") + 1:]
    elif how == "no closing":
        t = t[:sp[0]] + t[sp[1]:]
    elif how == "no fences":
        t = t[t.find("\n") + 1:sp[0]] + t[sp[1]:]
    elif how == "--- opening":
        t = "---" + t[3:]
    elif how == "++++":
        t = "++++" + t[3:]
    elif how == "BOM before":
        t = "\ufeff" + t
    elif how == "space before":
        t = " " + t
    elif how == "CRLF":
        t = t.replace("\n", "\r\n")
    elif how == "only fences":
        t = "+++\n+++\n"
    elif how == "empty file":
        t = ""
    else:
        t = "+++\n"
    wr(p, t)
    return f"{ctx.r(p)} front matter fence: {how}"


@mutation()
def md_yaml(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    t = rd(p)
    sp = fm_split(t)
    body = t[sp[1]:] if sp else t
    title = re.search(r'^title\s*=\s*(".*")\s*$', t, re.M)
    title = title.group(1) if title else '"t"'
    how = rng.choice(["plain", "billion laughs", "deep sequences", "deep maps", "binary tag", "duplicate key",
                      "anchors", "multi-document", "tabs", "date with time"])
    date = "date: 2025-06-12\n" if "/news/" in str(p) else ""
    if how == "plain":
        y = f"title: {title}\n{date}"
    elif how == "billion laughs":
        levels = rng.choice([5, 9, 12])
        y = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        for i in range(1, levels):
            y += f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n"
        y += f"title: {title}\n{date}tags: *a{levels - 1}\n"
    elif how == "deep sequences":
        n = rng.choice([100, 10_000, 100_000])
        y = f"title: {title}\n{date}tags: " + "[" * n + "]" * n + "\n"
    elif how == "deep maps":
        n = rng.choice([100, 10_000])
        y = f"title: {title}\n{date}tags: " + "{a: " * n + "1" + "}" * n + "\n"
    elif how == "binary tag":
        y = f"title: !!binary aGVsbG8=\n{date}"
    elif how == "duplicate key":
        y = f"title: {title}\ntitle: {title}\n{date}"
    elif how == "anchors":
        y = f"title: &t {title}\ndescription: *t\n{date}tags: [*t, *t]\nunits: *undefined\n"
    elif how == "multi-document":
        y = f"title: {title}\n---\ntitle: {title}\n{date}"
    elif how == "tabs":
        y = f"title:\t{title}\n\t{date}"
    else:
        y = f"title: {title}\ndate: 2025-06-12T10:30:00+07:00\n"
    wr(p, "---\n" + y + "---\n" + body)
    return f"{ctx.r(p)} YAML front matter: {how}"


@mutation()
def md_shortcode(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    sc = rng.choice([
        '{{ ranking(index="dti-tinh", edition="2024", top=4294967295) }}',
        '{{ ranking(index="dti-tinh", edition="2024", top=18446744073709551616) }}',
        '{{ ranking(index="dti-tinh", edition="2024", top=-1) }}',
        '{{ ranking(index="dti-tinh", edition="2024", top=0) }}',
        '{{ ranking(index="dti-tinh", edition="2024", top=1e308) }}',
        '{{ ranking(index="../../etc", edition="2024") }}',
        '{{ ranking(index="dti-tinh", edition="9999") }}',
        '{{ ranking(index="dti-tinh", edition="2024"',
        '{{ ranking(index="dti-tinh", index="dti-bo", edition="2024") }}',
        '{{ nope() }}', '{{ ranking() }}', '{{ ranking(index=) }}', '{{ ranking(index="dti-tinh", edition="2024", top=5) }}}}',
        '{{ ranking(index="' + "x" * 100_000 + '") }}',
        '{{ ranking(index="dti-tinh", edition="2024", units=[' + ",".join(f'"u{i}"' for i in range(5000)) + ']) }}',
        '{{ ranking(index="dti-tinh", edition="2024", units=["ha-noi", "ha-noi", "bo-tai-chinh"]) }}',
        "{{ " * 5000,
        "\n".join(['{{ ranking(index="dti-tinh", edition="2024", top=5) }}'] * rng.choice([100, 5000])),
        '```\n{{ ranking(index="dti-tinh", edition="2024", top=5) }}\n```',
        '> {{ ranking(index="dti-tinh", edition="2024", top=5) }}',
    ])
    wr(p, md_insert_body(rd(p), rng, sc))
    return f"{ctx.r(p)} shortcode {short(sc, 70)}"


@mutation(2)
def md_pathological(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    n = rng.choice([1000, 10_000, 50_000])
    name, unit = rng.choice([
        ("emphasis", "*a **a "), ("underscores", "a_ _a "), ("strong", "a **"), ("unclosed links", "[a]("),
        ("link openers", "[a "), ("image openers", "![a "), ("angle brackets", "<"), ("backticks", "`a``"),
        ("html comment", "<!--"), ("entities", "&#"), ("backslashes", "\\"), ("autolinks", "<http://a"),
        ("link refs", "[a]: /u\n"), ("ref uses", "[a] "), ("list items", "- a\n"), ("block quotes", ">\n"),
        ("headings", "# a\n"), ("fenced", "```\n"), ("tables", "|a|\n|-|\n"), ("setext", "a\n=\n"),
        ("footnotes", "[^a] "), ("nested code spans", "``a`"), ("tabs", "\t- a\n"),
    ])
    block = unit * n
    if name == "ref uses":
        block = "[a]: /x\n\n" + block
    wr(p, md_insert_body(rd(p), rng, block))
    return f"{ctx.r(p)} {name} x{n} ({unit!r})"


@mutation()
def md_table(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    c = rng.choice([2, 100, 5000])
    r = rng.choice([10, 1000, 20_000])
    while c * r > 3_000_000:
        r //= 2
    rows = ["|" + "|".join(f"h{i}" for i in range(c)) + "|", "|" + "|".join("-" for _ in range(c)) + "|"]
    rows += ["|" + "|".join("x" for _ in range(c)) + "|"] * r
    wr(p, md_insert_body(rd(p), rng, "\n".join(rows)))
    return f"{ctx.r(p)} table {c} columns x {r} rows"


@mutation()
def md_fields(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    key, v = rng.choice([
        ("units", '["nope"]'), ("units", '["ha-noi", "ha-noi"]'), ("units", '["bo-tai-chinh"]'),
        ("units", json.dumps([f"u{i}" for i in range(5000)])), ("units", '"ha-noi"'),
        ("sources", '["javascript:alert(1)"]'), ("sources", '["not a url"]'), ("sources", '["http://"]'),
        ("sources", json.dumps(["https://example.org/" + "a" * 100_000])), ("sources", json.dumps(["https://e.org/"] * 5000)),
        ("description", '"' + "d" * 1_000_000 + '"'), ("title", '""'), ("title", '" "'), ("title", '"<script>x</script>"'),
        ("draft", "true"), ("draft", "1"),
        ("unit", '"nope"'), ("unit", '"bo-tai-chinh"'), ("unit", '""'), ("kind", '"team"'), ("content", '"nope"'),
        ("award", '"nobel"'), ("phase", "0"), ("phase", "3"), ("phase", "-1"), ("phase", "4294967296"),
        ("year", "-1"), ("year", "99999"), ("year", "0"), ("year", "9223372036854775807"), ("decision_date", "9999-12-31"),
        ("person", '"' + uni(rng, 50).replace('"', "").replace("\\", "") + '"'), ("organisation", '""'),
    ])
    wr(p, md_fm_set(rd(p), key, v))
    return f"{ctx.r(p)} {key} = {short(v)}"


@mutation()
def md_dangerous_links(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    s = rng.choice([
        "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](jav&#x09;ascript:alert(1))", "<javascript:alert(1)>",
        "![x](data:text/html,<script>alert(1)</script>)", "[x](vbscript:msgbox)", "[x]\n\n[x]: javascript:alert(1)",
        "[x]( javascript:alert(1) )", "[x](java\\\nscript:)", "[x](%6Aavascript:alert(1))", "[x](\u0000javascript:x)",
        '<a href="javascript:alert(1)">x</a>', "[x](@/news/../../../../etc/passwd)", "[x](file:///etc/passwd)",
        "[x](//evil.example/)", "[x](https://example.org/\u202e)", "![x](../../../../etc/passwd)",
    ])
    wr(p, md_insert_body(rd(p), rng, s))
    return f"{ctx.r(p)} link {short(s)}"


@mutation(0.5)
def md_summary_marker(ctx, rng):
    p = pick_md(ctx, rng)
    if not p:
        return None
    how = rng.choice(["many", "first", "in code", "unclosed comment"])
    t = rd(p)
    if how == "many":
        t = md_insert_body(t, rng, "\n\n".join(["<!-- more -->"] * rng.choice([2, 1000])))
    elif how == "first":
        sp = fm_split(t)
        at = sp[1] if sp else 0
        t = t[:at] + "<!-- more -->\n" + t[at:]
    elif how == "in code":
        t = md_insert_body(t, rng, "```\n<!-- more -->\n```")
    else:
        t = md_insert_body(t, rng, "<!-- more")
    wr(p, t)
    return f"{ctx.r(p)} <!-- more -->: {how}"


# --- file names -------------------------------------------------------------------------

WEIRD_NAMES = ["a b.md", "UPPER.md", "Đà Nẵng.md", unicodedata.normalize("NFD", "Đà Nẵng.md"), "..md", "...md",
               "x..md", " leading.md", "trailing .md", "tab\t.md", "new\nline.md", "ｆｕｌｌ.md", "x.EN.md",
               "x.en.en.md", "x.vi.md", "x.fr.md", "index.md", "_index.md", "_index.en.md", "x.MD", "x.markdown",
               "noext", "-.md", "a" * 250 + ".md", "%2e%2e.md", "a?b#c.md", "<script>.md", "x.md~", "#x.md#",
               "tim-kiem.md", "en.md", "404.md", "assets.md", "'quote'.md", "back\\slash.md", "colon:x.md"]


@mutation(2)
def fn_rename(ctx, rng):
    p = ctx.pick(rng, ctx.mds())
    if p is None:
        return None
    name = rng.choice(WEIRD_NAMES)
    if rng.random() < 0.3 and not name.endswith(".en.md") and p.name.endswith(".en.md"):
        name = name[:-3] + ".en.md" if name.endswith(".md") else name
    q = p.parent / name
    if q.exists() or q.is_symlink():
        return None
    guard(p)
    guard(q)
    p.rename(q)
    return f"{ctx.r(p)} renamed to {short(name)}"


@mutation()
def fn_case_collision(ctx, rng):
    p = ctx.pick(rng, ctx.mds())
    if p is None:
        return None
    stem = p.name
    variant = rng.choice([stem.upper(), stem[0].upper() + stem[1:], unicodedata.normalize("NFD", "Đ" + stem),
                          unicodedata.normalize("NFC", "Đ" + stem), stem.replace("-", "_"), stem.replace("-", " ")])
    q = p.parent / variant
    if q.exists():
        return None
    guard(q)
    shutil.copyfile(p, q)
    return f"{ctx.r(p)} copied to {short(variant)}"


@mutation()
def fn_empty_md(ctx, rng):
    where = rng.choice(["content/news", "content", "content/pages", "content/models", "content/movement",
                        "content/unknown-folder", "content/news/sub", "content/news"])
    name = rng.choice(["empty.md", "empty.en.md", "x.md", "_index.md", "awareness.md", "nope.md", ".hidden.md"])
    body = rng.choice(["", "", "+++\n+++\n", "+++\ntitle = \"\"\n+++\n", "\n", "\ufeff"])
    q = ctx.root / where / name
    if q.exists() or q.is_symlink():
        return None
    if not (ctx.root / where).exists():
        mkd(ctx.root / where)
    if not (ctx.root / where).is_dir():
        return None
    wr(q, body)
    return f"{ctx.r(q)} created ({body!r})"


@mutation()
def fn_dir_named_like_file(ctx, rng):
    cands = ctx.mds() + ctx.csvs() + walk_files(ctx.root, "themes", ".html")[:5]
    s = ctx.root / "site.toml"
    if s.is_file():
        cands.append(s)
    extra = ctx.root / "content/news/folder.md"
    how = rng.choice(["replace", "replace", "new"])
    if how == "new" or not cands:
        mkd(extra)
        if rng.random() < 0.5:
            wr(extra / "inner.md", '+++\ntitle = "inner"\ndate = 2025-01-01\n+++\nx\n')
        return f"{ctx.r(extra)} is a folder"
    p = rng.choice(cands)
    unlink(p)
    mkd(p)
    if rng.random() < 0.3:
        wr(p / "inner.md", "x")
    return f"{ctx.r(p)} replaced by a folder"


@mutation()
def fn_file_named_like_folder(ctx, rng):
    target = rng.choice(["content/news", "content/models", "content/movement", "content/pages", "data/rankings",
                         "data/rankings/dti-bo", "data/rankings/new-index", "data/tiles", "static", "themes/default/static",
                         "themes/default/templates", "data", "content", "themes/default", "themes"])
    p = ctx.root / target
    if p.exists() or p.is_symlink():
        rm(p)
    wr(p, rng.choice(["", "not a folder\n", "+++\ntitle = \"x\"\n+++\n"]))
    return f"{target} is a file"


@mutation(0.3)
def fn_special_file(ctx, rng):
    target = rng.choice(["content/news/fifo.md", "static/fifo.css", "data/rankings/dti-tinh/2024.csv", "data/units.csv",
                         "site.toml", "content/news/2025-06-12-nghi-quyet-202-sap-xep-tinh.md",
                         "themes/default/static/style.css", "data/tiles/provinces-34.csv"])
    p = ctx.root / target
    if p.exists() or p.is_symlink():
        if p.is_dir() and not p.is_symlink():
            return None
        unlink(p)
    mkd(p.parent)
    guard(p)
    os.mkfifo(p)
    return f"{target} is a named pipe (FIFO)"


@mutation()
def fn_stray_files(ctx, rng):
    where, name, data = rng.choice([
        ("content/news", "notes.txt", b"notes"), ("content/news", "image.png", os.urandom(2048)),
        ("data/rankings", "README.md", b"# x"), ("data/rankings/empty-index", "2024.csv", b"unit,rank\n"),
        ("data/rankings/dti-tinh", "unlisted.csv", b"unit,rank\nha-noi,1\n"), ("data", "notes.csv", b"a,b\n"),
        ("data/tiles", "provinces-99.csv", b"unit,col,row\nha-noi,1,1\n"), ("data/tiles", "provinces-34.csv.bak", b"x"),
        ("content", "stray.en.md", b'+++\ntitle = "x"\n+++\n'), ("themes/default/templates", "extra.html", b"{{ nope( }}"),
        ("themes/default/templates", "base.html", b"{% extends \"base.html\" %}"),
        ("themes/default/templates", "macros.html", b"{% macro x() %}{{ self::x() }}{% endmacro %}{{ self::x() }}"),
        ("static", "index.html", b"<p>static</p>"), ("static", "assets/style.css", b"x"), ("static", "sitemap.xml", b"<x/>"),
        ("static", "big.bin", b"\0" * (15 * 1024 * 1024)), ("static", "too-big.bin", b"\0" * (17 * 1024 * 1024)),
        ("static", ".minhbach-output", b""),
    ])
    p = ctx.root / where / name
    if p.parent.exists() and not p.parent.is_dir():
        return None
    if p.is_dir():
        return None
    mkd(p.parent)
    wrb(p, data)
    return f"{ctx.r(p)} added ({len(data)} bytes)"


@mutation()
def fn_translation(ctx, rng):
    files = ctx.mds()
    vi = [p for p in files if not p.name.endswith(".en.md") and (p.parent / (p.name[:-3] + ".en.md")).exists()]
    if not vi:
        return None
    p = rng.choice(vi)
    how = rng.choice(["delete Vietnamese", "delete English", "English to x.en.en.md"])
    if how == "delete Vietnamese":
        unlink(p)
    elif how == "delete English":
        unlink(p.parent / (p.name[:-3] + ".en.md"))
    else:
        guard(p)
        (p.parent / (p.name[:-3] + ".en.md")).rename(p.parent / (p.name[:-3] + ".en.en.md"))
    return f"{ctx.r(p)}: {how}"


# --- symlinks ---------------------------------------------------------------------------

LINK_DIRS = ["static", "static", "content", "content/news", "content/models", "data/rankings/dti-tinh", "data/rankings",
             "data/tiles", "themes/default/static", "themes/default/templates"]


def link_place(ctx, rng, name: str | None = None) -> Path | None:
    d = ctx.root / rng.choice(LINK_DIRS)
    if d.exists() and (d.is_symlink() or not d.is_dir()):
        return None
    mkd(d)
    if name is None:
        ext = ".md" if "content" in str(d) else ".csv" if "data" in str(d) else ".html" if "templates" in str(d) else ".css"
        name = rng.choice(["link" + ext, "link", "dir-link"])
    q = d / name
    if q.exists() or q.is_symlink():
        return None
    return q


@mutation(2)
def ln_dir(ctx, rng):
    target = rng.choice([".", "..", "../..", "/etc", "/", "root", "/proc/self", "/dev", "/tmp"])
    q = link_place(ctx, rng)
    if not q:
        return None
    t = os.path.relpath(ctx.root, q.parent) if target == "root" else target
    symlink(t, q)
    if target == "/etc":
        ctx.leak_marks.add(ETC_PASSWD_MARK)
    return f"{ctx.r(q)} -> {t}"


@mutation(2)
def ln_file(ctx, rng):
    q = link_place(ctx, rng)
    if not q:
        return None
    how = rng.choice(["outside file", "outside file", "/etc/passwd", "/dev/zero", "/dev/urandom", "dangling", "self",
                      "inside file", "inside csv", "two-link chain out"])
    if how == "outside file":
        t = rel_link(q, ctx.outside)
        ctx.leak_marks.add(ctx.outside.read_text())
    elif how == "/etc/passwd":
        t = "/etc/passwd"
        ctx.leak_marks.add(ETC_PASSWD_MARK)
    elif how in ("/dev/zero", "/dev/urandom"):
        t = how
    elif how == "dangling":
        t = "nowhere.md"
    elif how == "self":
        t = q.name
    elif how == "inside file":
        mds = ctx.mds()
        if not mds:
            return None
        t = rel_link(q, rng.choice(mds))
    elif how == "inside csv":
        cs = ctx.csvs()
        if not cs:
            return None
        t = rel_link(q, rng.choice(cs))
    else:
        mid = q.parent / (q.name + ".mid")
        if mid.exists() or mid.is_symlink():
            return None
        symlink(rel_link(mid, ctx.outside), mid)
        ctx.leak_marks.add(ctx.outside.read_text())
        t = mid.name
    symlink(t, q)
    return f"{ctx.r(q)} -> {t} ({how})"


@mutation()
def ln_pair(ctx, rng):
    a = link_place(ctx, rng)
    if not a:
        return None
    b = a.parent / (a.name + "-b")
    if b.exists() or b.is_symlink():
        return None
    symlink(b.name, a)
    symlink(a.name, b)
    return f"{ctx.r(a)} <-> {b.name} (two links to each other)"


@mutation()
def ln_replace(ctx, rng):
    target, dest = rng.choice([
        ("content/news", "../content/models"), ("content/news", "."), ("content/movement", ".."), ("data", "/etc"),
        ("static", "/"), ("static", "../content"), ("static", "."), ("themes", "/usr/share"), ("themes/default", "/etc"),
        ("data/units.csv", "/etc/passwd"), ("data/units.csv", "rankings/dti-tinh/2024.csv"), ("site.toml", "/dev/zero"),
        ("site.toml", "data/units.csv"), ("data/rankings/dti-bo", "dti-tinh"), ("content", "OUTSIDE"),
        ("data/rankings/dti-tinh/2024.csv", "OUTSIDE"), ("data/tiles", "../content"),
    ])
    p = ctx.root / target
    if p.exists() or p.is_symlink():
        rm(p)
    mkd(p.parent)
    if dest == "OUTSIDE":
        dest = rel_link(p, ctx.outside)
        ctx.leak_marks.add(ctx.outside.read_text())
    if "/etc" in dest:
        ctx.leak_marks.add(ETC_PASSWD_MARK)
    symlink(dest, p)
    return f"{target} replaced by a link -> {dest}"


# --- units.csv --------------------------------------------------------------------------

U_ID, U_KIND, U_CODE, U_FORMER, U_PARENT, U_FROM, U_TO, U_SUCC, U_SLUG, U_ALIASES = 0, 1, 2, 3, 6, 9, 10, 11, 12, 13


def units(ctx):
    p = ctx.root / "data/units.csv"
    if p.is_symlink() or not p.is_file():
        return None, None
    rows = csv_load(p)
    if len(rows) < 3 or rows[0][:1] != ["id"] or any(len(r) < 13 for r in rows[1:]):
        return None, None
    for r in rows[1:]:
        while len(r) < 14:
            r.append("")
    return p, rows


def referenced_ids(ctx) -> list[str]:
    ids: set[str] = set()
    for c in ctx.ranking_csvs() + walk_files(ctx.root, "data/tiles", ".csv"):
        for r in csv_load(c)[1:]:
            if r:
                ids.add(r[0])
    for m in ctx.mds():
        t = rd(m)
        for grp in re.findall(r'^units?\s*=\s*(.*)$', t, re.M):
            ids.update(re.findall(r'"([a-z0-9-]+)"', grp))
    return sorted(ids)


@mutation()
def units_delete_referenced(ctx, rng):
    p, rows = units(ctx)
    if not p:
        return None
    refs = set(referenced_ids(ctx)) | {r[U_SUCC] for r in rows[1:]} | {r[U_PARENT] for r in rows[1:]}
    cands = [i for i in range(1, len(rows)) if rows[i][U_ID] in refs]
    if not cands:
        return None
    i = rng.choice(cands)
    uid = rows[i][U_ID]
    del rows[i]
    csv_save(p, rows)
    return f"data/units.csv unit {uid} (referenced) deleted"


@mutation()
def units_successor(ctx, rng):
    p, rows = units(ctx)
    if not p:
        return None
    body = rows[1:]
    ministries = [r[U_ID] for r in body if r[U_KIND] == "ministry"] or ["nope"]
    communes = [r[U_ID] for r in body if r[U_KIND] == "commune"] or ["nope"]
    r = rng.choice(body)
    how = rng.choice(["itself", "a ministry", "a commune", "unknown", "cycle", "cycle of 3", "open unit", "ended before",
                      "successor without end"])
    if how not in ("successor without end",) and not r[U_TO]:
        r[U_TO] = "2025-06-30"
    if how == "itself":
        r[U_SUCC] = r[U_ID]
    elif how == "a ministry":
        r[U_SUCC] = rng.choice(ministries)
    elif how == "a commune":
        r[U_SUCC] = rng.choice(communes)
    elif how == "unknown":
        r[U_SUCC] = "nowhere"
    elif how in ("cycle", "cycle of 3"):
        k = 2 if how == "cycle" else 3
        same = [x for x in body if x[U_KIND] == r[U_KIND]]
        if len(same) < k:
            return None
        grp = rng.sample(same, k)
        for a, b in zip(grp, grp[1:] + grp[:1]):
            a[U_TO] = a[U_TO] or "2025-06-30"
            a[U_SUCC] = b[U_ID]
        csv_save(p, rows)
        return f"data/units.csv successors form a cycle: {' -> '.join(x[U_ID] for x in grp)}"
    elif how == "open unit":
        r[U_SUCC] = rng.choice([x[U_ID] for x in body if x[U_TO]] or ["nope"])
    elif how == "ended before":
        r[U_SUCC] = rng.choice([x[U_ID] for x in body if x[U_ID] != r[U_ID]])
        r[U_TO] = "2025-06-30"
        for x in body:
            if x[U_ID] == r[U_SUCC]:
                x[U_TO] = "2000-01-01"
    else:
        r[U_TO] = ""
        r[U_SUCC] = rng.choice([x[U_ID] for x in body])
    csv_save(p, rows)
    return f"data/units.csv {r[U_ID]} successor = {r[U_SUCC]} ({how})"


@mutation()
def units_successor_chain(ctx, rng):
    p, rows = units(ctx)
    if not p:
        return None
    n = rng.choice([10, 100, 1000, 3000])   # 2000 independent units build in ~2 s
    kind = rng.choice(["province", "commune"])
    for i in range(n):
        last = i == n - 1
        rows.append([f"chain-{i}", kind, f"9{i:06d}", "", f"Chuỗi {i}", f"Chain {i}", "ha-noi" if kind == "commune" else "",
                     "", "", "", "" if last else "2000-01-01",
                     "" if last else f"chain-{i + 1}", f"chain-{i}", ""])
    csv_save(p, rows)
    return f"data/units.csv successor chain of {n} {kind}s"


@mutation()
def units_dates(ctx, rng):
    p, rows = units(ctx)
    if not p:
        return None
    r = rng.choice(rows[1:])
    how = rng.choice(["to before from", "to before from", "same day", "invalid from", "invalid to", "far future",
                      "far past", "from after build date"])
    if how == "to before from":
        r[U_FROM], r[U_TO] = "2025-07-01", "2020-01-01"
    elif how == "same day":
        r[U_FROM], r[U_TO] = "2025-07-01", "2025-07-01"
    elif how == "invalid from":
        r[U_FROM] = rng.choice(["2025-02-30", "2025-6-1", "31/12/2025", "-0001-01-01", "2025-06-30T00:00", "yesterday"])
    elif how == "invalid to":
        r[U_TO] = rng.choice(["2025-02-29", "20250630", "0000-00-00", "2025-06-30 ", " 2025-06-30"])
    elif how == "far future":
        r[U_FROM] = "9999-12-31"
    elif how == "far past":
        r[U_FROM], r[U_TO] = "0001-01-01", "0001-01-02"
    else:
        r[U_FROM] = "2030-01-01"
    csv_save(p, rows)
    return f"data/units.csv {r[U_ID]} valid_from={r[U_FROM]!r} valid_to={r[U_TO]!r} ({how})"


@mutation()
def units_parent(ctx, rng):
    p, rows = units(ctx)
    if not p:
        return None
    body = rows[1:]
    r = rng.choice(body)
    how = rng.choice(["itself", "a ministry", "a commune", "unknown", "cycle", "province with parent"])
    if how == "cycle":
        a, b = rng.sample(body, 2)
        a[U_KIND] = b[U_KIND] = "commune"
        a[U_PARENT], b[U_PARENT] = b[U_ID], a[U_ID]
        csv_save(p, rows)
        return f"data/units.csv parents form a cycle: {a[U_ID]} <-> {b[U_ID]}"
    if how == "itself":
        r[U_PARENT] = r[U_ID]
    elif how == "a ministry":
        r[U_PARENT] = rng.choice([x[U_ID] for x in body if x[U_KIND] == "ministry"] or ["nope"])
    elif how == "a commune":
        r[U_PARENT] = rng.choice([x[U_ID] for x in body if x[U_KIND] == "commune"] or ["nope"])
    elif how == "unknown":
        r[U_PARENT] = "nowhere"
    else:
        r = rng.choice([x for x in body if x[U_KIND] == "province"] or body)
        r[U_PARENT] = "ha-noi"
    csv_save(p, rows)
    return f"data/units.csv {r[U_ID]} parent = {r[U_PARENT]} ({how})"


@mutation()
def units_identity(ctx, rng):
    p, rows = units(ctx)
    if not p:
        return None
    body = rows[1:]
    r = rng.choice(body)
    o = rng.choice([x for x in body if x is not r])
    how = rng.choice(["duplicate id", "duplicate slug", "duplicate code", "reserved slug", "empty slug", "bad id",
                      "alias = own slug", "alias = other slug", "many aliases", "kind", "former code = other code"])
    if how == "duplicate id":
        rows.append(list(r))
        rows[-1][U_SLUG] = r[U_SLUG] + "-2"
    elif how == "duplicate slug":
        r[U_SLUG] = o[U_SLUG] or o[U_ID]
    elif how == "duplicate code":
        r[U_CODE] = o[U_CODE] or "01"
    elif how == "reserved slug":
        r[U_SLUG] = rng.choice(["tim-kiem", "en", "assets", "index.html", "..", ".", "UPPER", "a/b", "404", "xep-hang",
                                "sitemap.xml", "a b", "x" * 300])
    elif how == "empty slug":
        r[U_SLUG] = ""
        r[4] = rng.choice(["!!!", "", "   ", "Đà Nẵng", uni(rng, 10), "ha noi"])
    elif how == "bad id":
        r[U_ID] = rng.choice(["", "HA-NOI", "01", "ha noi", "hà-nội", "a" * 1000, "-", "ha_noi"])
    elif how == "alias = own slug":
        r[U_ALIASES] = r[U_SLUG] or r[U_ID]
    elif how == "alias = other slug":
        r[U_ALIASES] = o[U_SLUG] or o[U_ID]
    elif how == "many aliases":
        r[U_ALIASES] = ";".join(f"alias-{i}" for i in range(rng.choice([100, 5000])))
    elif how == "kind":
        r[U_KIND] = rng.choice(["Province", "", "district", "ministry", "commune", "province "])
    else:
        r[U_FORMER] = o[U_CODE] or "01"
    csv_save(p, rows)
    return f"data/units.csv {how} ({r[U_ID]!r}, other {o[U_ID]!r})"


@mutation(0.5)
def units_many(ctx, rng):
    p, rows = units(ctx)
    if not p:
        return None
    n = rng.choice([1000, 3000])
    kind = rng.choice(["province", "commune", "ministry"])
    for i in range(n):
        rows.append([f"many-{i}", kind, f"8{i:05d}" if kind != "ministry" else "", "", f"Đơn vị {i}", f"Unit {i}",
                     "ha-noi" if kind == "commune" else "", "Vùng" if kind == "province" else "",
                     "Region" if kind == "province" else "", "", "", "", "", ""])
    csv_save(p, rows)
    return f"data/units.csv {n} more {kind} units"


# ---------------------------------------------------------------- running a case

@dataclass
class RunResult:
    cmd: str
    rc: int | None            # exit code (>= 0), or -signal
    seconds: float
    maxrss: int               # bytes, the child's peak RSS
    timed_out: bool
    mem_killed: bool
    stderr: str
    stderr_path: Path


def run_binary(binary: str, verb: str, site: Path, work: Path, mem_mode: str) -> RunResult:
    args = [binary, verb, "--root", str(site)]
    if verb == "build":
        args += ["--output-dir", str(site / "public")]
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    outp, errp = work / f"{verb}.stdout", work / f"{verb}.stderr"

    def pre():
        if mem_mode == "as":
            resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    t0 = time.monotonic()
    with open(outp, "wb") as out, open(errp, "wb") as err:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=str(work),
                                preexec_fn=pre, start_new_session=True)
        timed_out = mem_killed = False
        delay = 0.002
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > TIMEOUT_S:
                timed_out = True
                kill_group(proc.pid)
                pid, status, ru = os.wait4(proc.pid, 0)
                break
            if mem_mode == "rss" and vm_rss(proc.pid) > CAP_BYTES:
                mem_killed = True
                kill_group(proc.pid)
                pid, status, ru = os.wait4(proc.pid, 0)
                break
            time.sleep(delay)
            delay = min(delay * 1.5, 0.05)
    secs = time.monotonic() - t0
    rc = os.waitstatus_to_exitcode(status)
    proc.returncode = rc
    with open(errp, "rb") as f:
        data = f.read(64 * 1024 * 1024)
    return RunResult(verb, rc, secs, ru.ru_maxrss * 1024, timed_out, mem_killed,
                     data.decode("utf-8", "replace"), errp)


def kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def vm_rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def signame(n: int) -> str:
    try:
        return signal.Signals(n).name
    except ValueError:
        return f"signal {n}"


def judge(r: RunResult) -> list[tuple[str, str]]:
    """The failures of one run, each (kind, detail); empty when it passed."""
    f: list[tuple[str, str]] = []
    err = r.stderr
    panic = re.search(r"panicked at ([^\n]*)\n?([^\n]*)", err)
    detail_panic = f"{panic.group(1).strip()} {panic.group(2).strip()}".strip() if panic else ""
    if r.timed_out:
        f.append(("timeout", f"{r.cmd} still running after {TIMEOUT_S:.0f} s"))
    elif r.mem_killed or r.maxrss > CAP_BYTES:
        f.append(("memory", f"{r.cmd} peak RSS {r.maxrss / 2**20:.0f} MiB > {CAP_BYTES / 2**20:.0f} MiB"))
    elif r.rc is not None and r.rc < 0:
        why = signame(-r.rc)
        if "has overflowed its stack" in err:
            f.append(("stack overflow", f"{r.cmd} {why}: {first_line(err, 'overflowed its stack')}"))
        elif "memory allocation of" in err or "mimalloc: error" in err:
            f.append(("memory", f"{r.cmd} {why}: allocation failed under the 2 GiB cap: {first_line(err, 'memory allocation of') or first_line(err, 'mimalloc')}"))
        elif panic:
            f.append(("panic", f"{r.cmd} {why} after panic at {detail_panic}"))
        else:
            f.append(("signal", f"{r.cmd} killed by {why}"))
    elif r.rc not in (0, 1):
        f.append(("exit code", f"{r.cmd} exited {r.rc}"))
    if panic and not any(k == "panic" for k, _ in f):
        f.append(("panic", f"{r.cmd} panicked at {detail_panic}"))
    if "overflowed" in err and not any(k == "stack overflow" for k, _ in f):
        f.append(("overflow", f"{r.cmd}: {first_line(err, 'overflowed')}"))
    if r.rc == 1 and not r.timed_out and not any(LOCATED.match(l) for l in err.splitlines()):
        f.append(("unlocated refusal", f"{r.cmd} exit 1 without a `file:line: error:` line; first line: {short(err.splitlines()[0] if err.strip() else '(stderr empty)', 120)}"))
    return f


def first_line(text: str, needle: str) -> str:
    for l in text.splitlines():
        if needle in l:
            return short(l.strip(), 200)
    return ""


def leaks(public: Path, marks: set[str]) -> list[str]:
    found = []
    if not marks or not public.is_dir():
        return found
    bmarks = [m.encode() for m in marks]
    for dp, _, fns in os.walk(public):
        for fn in fns:
            p = Path(dp) / fn
            if p.is_symlink() or not p.is_file():
                continue
            try:
                b = p.read_bytes()
            except OSError:
                continue
            for m in bmarks:
                if m in b:
                    found.append(f"{os.path.relpath(p, public)} holds {m.decode()[:24]!r}")
    return found


# ---------------------------------------------------------------- cases

@dataclass
class Case:
    number: int
    mutations: list[tuple[str, int]]          # (name, seed) drawn for the case
    run_check: bool
    applied: list[tuple[int, str, str]] = field(default_factory=list)   # (index, name, description)


MUT_BY_NAME = {name: fn for name, _, fn in MUTATIONS}


def draw_case(seed: int, number: int) -> Case:
    rng = random.Random(seed + number)
    names = [n for n, _, _ in MUTATIONS]
    weights = [w for _, w, _ in MUTATIONS]
    k = rng.choices([1, 2, 3, 4, 5], [40, 25, 15, 10, 10])[0]   # few at once: more cases get past the checks
    muts = [(rng.choices(names, weights)[0], rng.getrandbits(64)) for _ in range(k)]
    return Case(number, muts, rng.random() < 0.33)


def copy_any(s, d) -> None:
    """copytree's copy function: a named pipe is made anew, never opened."""
    if stat.S_ISFIFO(os.lstat(s).st_mode):
        os.mkfifo(d)
    else:
        shutil.copy2(s, d, follow_symlinks=False)


def copy_site(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True)
    for part in SITE_PARTS:
        s = src / part
        if s.is_dir():
            shutil.copytree(s, dst / part, symlinks=True)
        elif s.exists():
            shutil.copy2(s, dst / part, follow_symlinks=False)


MUTATION_ERRORS: set[str] = set()


def prepare(src: Path, work: Path, case: Case, only: set[int] | None) -> Ctx:
    site = work / "site"
    copy_site(src, site)
    GUARD[:] = [os.path.realpath(work)]
    outside = work / OUTSIDE_NAME
    outside.write_text(f"FUZZ-OUTSIDE-MARKER-{case.number}-{os.getpid()}")
    ctx = Ctx(site, outside)
    names = [n for n, _, _ in MUTATIONS]
    weights = [w for _, w, _ in MUTATIONS]
    for j, (name, mseed) in enumerate(case.mutations):
        if only is not None and j not in only:
            continue
        mrng = random.Random(mseed)
        desc, tried = None, name
        for attempt in range(8):       # a mutation that does not apply is replaced by another
            try:
                desc = MUT_BY_NAME[tried](ctx, mrng)
            except OSError as e:        # Unsafe, or a path an earlier mutation made unusable
                desc = None
                if attempt == 7:
                    desc = f"(failed to apply: {short(str(e), 100)})"
            except Exception as e:      # a bug of this script: say so once, go on
                desc = None
                if tried not in MUTATION_ERRORS:
                    MUTATION_ERRORS.add(tried)
                    print(f"fuzz-site: warning: mutation {tried} raised {type(e).__name__}: {e} (case {case.number})",
                          file=sys.stderr)
            if desc:
                break
            tried = mrng.choices(names, weights)[0]
        case.applied.append((j, tried, desc or "(did not apply)"))
    return ctx


def minimal(args, src: Path, case: Case, kind: str, cmd: str, mem_mode: str, deadline: float) -> tuple[str, list[str]]:
    """Replays each mutation of a failing case alone; names those that fail the same way alone."""
    if len(case.applied) == 1:
        return f"its only mutation, #0 {case.applied[0][1]}", [case.applied[0][1]]
    hits, names = [], []
    for j in range(len(case.mutations)):
        if time.monotonic() > deadline:
            return "not minimised (out of time)", []
        work = Path(tempfile.mkdtemp(prefix="minhbach-fuzz-min-"))
        try:
            c = Case(case.number, case.mutations, case.run_check)
            prepare(src, work, c, {j})
            r = run_binary(args.binary, cmd, work / "site", work, mem_mode)
            if any(k == kind for k, _ in judge(r)):
                hits.append(f"#{j} {c.applied[0][1]} (replay: --case {case.number} --only {j})")
                names.append(c.applied[0][1])
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if hits:
        return "fails alone: " + "; ".join(hits), sorted(set(names))
    return "no single mutation fails alone: the combination is needed", []


def tail(text: str, n: int = 20) -> list[str]:
    return [short(l, 300) for l in text.rstrip("\n").splitlines()[-n:]]


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True, help="the minhbach binary (e.g. target/release/minhbach)")
    ap.add_argument("--seconds", type=float, default=600, help="time budget (default 600)")
    ap.add_argument("--seed", type=int, default=None, help="base seed (default: from the clock, printed)")
    ap.add_argument("--site", default=None, help="the site to mutate (default: the repository root)")
    ap.add_argument("--keep", default=None, help="where failing cases are kept (default target/fuzz-site)")
    ap.add_argument("--case", type=int, default=None, help="replay only this case number")
    ap.add_argument("--only", default=None, help="with --case: apply only these mutations (0-based, comma-separated)")
    ap.add_argument("--no-minimize", action="store_true", help="do not replay a failing case's mutations one by one")
    ap.add_argument("--tmp", default=None,
                    help="where case folders go (default: /dev/shm when it has 2 GiB free, else the system's)")
    ap.add_argument("--mem-mode", choices=["auto", "as", "rss"], default="auto",
                    help="memory cap: RLIMIT_AS, polled RSS, or auto (RLIMIT_AS unless the plain site breaks under it)")
    args = ap.parse_args()

    repo = Path(__file__).resolve().parent.parent
    src = Path(args.site).resolve() if args.site else repo
    if not (src / "site.toml").exists():
        print(f"fuzz-site: {src} holds no site.toml", file=sys.stderr)
        return 2
    binary = shutil.which(args.binary) if os.sep not in args.binary else args.binary
    if not binary or not os.access(binary, os.X_OK):
        print(f"fuzz-site: {args.binary} is not an executable (build it: cargo build --release --bin minhbach)",
              file=sys.stderr)
        return 2
    args.binary = str(Path(binary).resolve())
    keep = Path(args.keep).resolve() if args.keep else repo / "target/fuzz-site"
    seed = args.seed if args.seed is not None else int(time.time()) % 1_000_000_007
    only = {int(x) for x in args.only.split(",")} if args.only else None

    if args.tmp:
        tempfile.tempdir = args.tmp
    elif os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        st = os.statvfs("/dev/shm")
        if st.f_bavail * st.f_frsize > 2 * 1024 ** 3:
            tempfile.tempdir = "/dev/shm"
    # every case starts from one snapshot, taken now: edits to the site during the run change nothing
    snap = Path(tempfile.mkdtemp(prefix="minhbach-fuzz-snapshot-"))
    try:
        copy_site(src, snap / "site")
        return fuzz(args, src, snap / "site", binary_ok=True, keep=keep, seed=seed, only=only)
    finally:
        shutil.rmtree(snap, ignore_errors=True)


def fuzz(args, site_arg: Path, src: Path, binary_ok: bool, keep: Path, seed: int, only: set[int] | None) -> int:
    # calibration: the unmutated site must build; under RLIMIT_AS unless that alone breaks it
    work = Path(tempfile.mkdtemp(prefix="minhbach-fuzz-base-"))
    try:
        copy_site(src, work / "site")
        mem_mode = args.mem_mode
        base = run_binary(args.binary, "build", work / "site", work, "as" if mem_mode in ("auto", "as") else "rss")
        if base.rc != 0 and mem_mode == "auto":
            shutil.rmtree(work / "site" / "public", ignore_errors=True)
            base2 = run_binary(args.binary, "build", work / "site", work, "rss")
            if base2.rc == 0:
                mem_mode = "rss"
                print("fuzz-site: the plain site fails under RLIMIT_AS=2 GiB; capping resident memory instead")
                base = base2
        if base.rc != 0:
            print(f"fuzz-site: the unmutated site does not build (exit {base.rc}):", file=sys.stderr)
            for l in tail(base.stderr):
                print(f"  {l}", file=sys.stderr)
            return 2
        if mem_mode == "auto":
            mem_mode = "as"
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cap_desc = "RLIMIT_AS 2 GiB" if mem_mode == "as" else "VmRSS polled, 2 GiB"
    print(f"fuzz-site: seed {seed}, {args.seconds:.0f} s, site {site_arg}, binary {args.binary}, memory cap {cap_desc}, "
          f"plain build {base.seconds:.2f} s / {base.maxrss / 2**20:.0f} MiB, {len(MUTATIONS)} mutations")
    sys.stdout.flush()

    t_start = time.monotonic()
    deadline = t_start + args.seconds
    stats = dict(cases=0, built=0, refused=0, failed=0, checks=0)
    slowest = (0.0, -1, "")
    peak = (0, -1, "")
    classes: dict[str, dict] = {}
    key_class: dict = {}
    last_progress = t_start
    numbers = [args.case] if args.case is not None else None
    n = 0
    while True:
        if numbers is not None:
            if n >= len(numbers):
                break
            number = numbers[n]
        else:
            if time.monotonic() >= deadline:
                break
            number = n
        n += 1
        case = draw_case(seed, number)
        work = Path(tempfile.mkdtemp(prefix=f"minhbach-fuzz-{number}-"))
        failures: list[tuple[str, str, RunResult]] = []
        results: list[RunResult] = []
        try:
            ctx = prepare(src, work, case, only)
            site = work / "site"
            r = run_binary(args.binary, "build", site, work, mem_mode)
            results.append(r)
            failures += [(k, d, r) for k, d in judge(r)]
            if r.rc == 0 and ctx.leak_marks:
                for l in leaks(site / "public", ctx.leak_marks):
                    failures.append(("leak", f"build copied a file from outside the site: {l}", r))
            if case.run_check and not r.timed_out:
                c = run_binary(args.binary, "check", site, work, mem_mode)
                results.append(c)
                stats["checks"] += 1
                failures += [(k, d, c) for k, d in judge(c)]
            stats["cases"] += 1
            if r.rc == 0:
                stats["built"] += 1
            elif r.rc == 1:
                stats["refused"] += 1
            for x in results:
                if x.cmd == "build" and x.seconds > slowest[0]:
                    slowest = (x.seconds, number, x.cmd)
                if x.maxrss > peak[0]:
                    peak = (x.maxrss, number, x.cmd)
            replay = f"python3 qa/fuzz-site.py --binary {args.binary} --seed {seed} --case {number}"
            if args.site:
                replay += f" --site {args.site}"
            if args.only:
                replay += f" --only {args.only}"
            if failures or args.case is not None:
                dest = keep / (f"fail-{number}" if failures else f"case-{number}")
                if dest.exists():
                    shutil.rmtree(dest)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.rmtree(site / "public", ignore_errors=True)
                shutil.copytree(site, dest, symlinks=True, copy_function=copy_any)
                shutil.copy2(ctx.outside, dest.parent / OUTSIDE_NAME)  # so relative links outside resolve alike
            if failures:
                stats["failed"] += 1
                lines = [f"FAIL case {number} (seed {seed}): " + "; ".join(sorted({k for k, _, _ in failures}))]
                lines += ["  mutations:"] + [f"    #{j} {nm}: {d}" for j, nm, d in case.applied]
                for k, d, x in failures:
                    lines.append(f"  {k}: {d}")
                for x in results:
                    status = ("timed out (killed)" if x.timed_out else f"killed by {signame(-x.rc)}" if x.rc < 0
                              else f"exit {x.rc}")
                    lines.append(f"  {x.cmd}: {status}, {x.seconds:.2f} s, peak RSS {x.maxrss / 2**20:.0f} MiB; "
                                 f"last 20 lines of stderr:")
                    lines += [f"    | {l}" for l in tail(x.stderr)] or ["    | (empty)"]
                # a class is the kind of failure and, for a panic, its place; else the mutations
                # that fail alone (found by replaying each once per kind and set of mutations)
                for k, d, x in failures:
                    names = tuple(sorted({nm for _, nm, _ in case.applied}))
                    key = (k, names)
                    m = None
                    if key in key_class:
                        ckey = key_class[key]
                    else:
                        hit: list[str] = []
                        if not args.no_minimize and only is None:
                            m, hit = minimal(args, src, case, k, x.cmd, mem_mode,
                                             time.monotonic() + 300 if args.case is not None else deadline)
                            lines.append(f"  minimal ({k}): {m}")
                        if k == "panic":
                            where = re.search(r"at (\S+?):\d+:\d+", d)
                            ckey = f"{k} | {where.group(1) if where else d}"
                        elif k in ("signal", "exit code", "stack overflow"):
                            ckey = f"{k} | {re.sub(r'[0-9]+', 'N', d.split(' ', 1)[-1])} | {'+'.join(hit or names)}"
                        else:
                            ckey = f"{k} | {'+'.join(hit or names)}"
                        key_class[key] = ckey
                    cl = classes.setdefault(ckey, dict(count=0, cases=[], first=None, minimal=None, detail=d, cmds=set()))
                    cl["cmds"].add(x.cmd)
                    if number in cl["cases"]:
                        continue
                    cl["count"] += 1
                    cl["cases"].append(number)
                    if cl["first"] is None:
                        cl["first"] = (number, [f"#{j} {nm}: {dd}" for j, nm, dd in case.applied])
                    if m and not cl["minimal"]:
                        cl["minimal"] = m
                lines.append(f"  kept: {dest}")
                lines.append(f"  replay: {replay}")
                text = "\n".join(lines)
                print(text)
                (keep / f"fail-{number}.txt").write_text(text + "\n")
                for x in results:
                    shutil.copy2(x.stderr_path, keep / f"fail-{number}.{x.cmd}.stderr.txt")
            elif args.case is not None:
                print(f"case {number} (seed {seed}): passed")
                for j, nm, d in case.applied:
                    print(f"  #{j} {nm}: {d}")
                for x in results:
                    print(f"  {x.cmd}: exit {x.rc}, {x.seconds:.2f} s, peak RSS {x.maxrss / 2**20:.0f} MiB")
                    for l in tail(x.stderr, 10):
                        print(f"    | {l}")
                print(f"  kept: {keep / f'case-{number}'}")
            sys.stdout.flush()
        finally:
            shutil.rmtree(work, ignore_errors=True)
        now = time.monotonic()
        if numbers is None and now - last_progress >= 60:
            last_progress = now
            print(f"  … {stats['cases']} cases in {now - t_start:.0f} s, {stats['failed']} failing")
            sys.stdout.flush()

    elapsed = time.monotonic() - t_start
    if classes:
        print(f"failure classes ({len(classes)}):")
        for ckey, cl in classes.items():
            num, muts = cl["first"]
            more = f", also cases {', '.join(map(str, cl['cases'][1:6]))}{'…' if len(cl['cases']) > 6 else ''}" if len(cl["cases"]) > 1 else ""
            print(f"  [{cl['count']} case{'s' if cl['count'] > 1 else ''}] {cl['detail']} (in {' and '.join(sorted(cl['cmds']))})")
            print(f"      first: case {num}{more}; minimal: {cl['minimal'] or 'see the first case'}")
            for m in muts:
                print(f"        {m}")
    verdict = "FAIL" if stats["failed"] else "ok"
    print(f"fuzz-site: {verdict} {stats['cases']} cases in {elapsed:.0f} s (seed {seed}): {stats['built']} built (exit 0), "
          f"{stats['refused']} refused (exit 1), {stats['failed']} failed; {stats['checks']} checks; "
          f"slowest build {slowest[0]:.2f} s (case {slowest[1]}), peak memory {peak[0] / 2**20:.0f} MiB "
          f"(case {peak[1]}, {peak[2]}); cap {cap_desc}, timeout {TIMEOUT_S:.0f} s")
    return 1 if stats["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
