#!/usr/bin/env python3
"""Time a Python mail parser on every *.eml in DIR: bench_python.py IMPL DIR [--runs N]

IMPL is `cpython` (email.message_from_bytes, policy.default, then get_body(('plain',
'html')).get_content() and every iter_attachments() part's get_content()) or `fast`
(fast_mail_parser.parse_email, then its text and every attachment's content). All files are
read into memory first; only parsing and those accessors are timed, as parse-bench does for
our parser. Prints one JSON line like parse-bench's.
"""

import argparse
import email
import json
import os
import sys
import time
from email import policy


def load(directory):
    names = sorted(n for n in os.listdir(directory) if n.endswith(".eml"))
    out = []
    for n in names:
        with open(os.path.join(directory, n), "rb") as f:
            out.append(f.read())
    return out


def run_cpython(messages):
    checksum = attachments = errors = 0
    for raw in messages:
        try:
            m = email.message_from_bytes(raw, policy=policy.default)
            body = m.get_body(preferencelist=("plain", "html"))
            if body is not None:
                checksum += len(body.get_content())
            for part in m.iter_attachments():
                content = part.get_content()
                checksum += len(content) if isinstance(content, (bytes, str)) else 1
                attachments += 1
        except Exception:  # a parser that raises on a message counts it, as data
            errors += 1
    return checksum, attachments, errors


def run_fast(messages):
    import fast_mail_parser
    checksum = attachments = errors = 0
    for raw in messages:
        try:
            m = fast_mail_parser.parse_email(raw)
            text = m.text_plain or m.text_html
            checksum += sum(len(t) for t in text)
            for a in m.attachments:
                checksum += len(a.content)
                attachments += 1
        except Exception:
            errors += 1
    return checksum, attachments, errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("impl", choices=["cpython", "fast"])
    ap.add_argument("directory")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    messages = load(args.directory)
    fn = run_cpython if args.impl == "cpython" else run_fast
    times, wall = [], []
    result = (0, 0, 0)
    for _ in range(args.runs):
        # CPU time, as parse-bench: on a shared machine wall time measures the neighbours.
        start, start_wall = time.process_time(), time.perf_counter()
        result = fn(messages)
        times.append(time.process_time() - start)
        wall.append(time.perf_counter() - start_wall)
    print(json.dumps({"impl": args.impl, "files": len(messages),
                      "bytes": sum(len(m) for m in messages), "runs": times, "wall": wall,
                      "errors": result[2], "attachments": result[1], "checksum": result[0],
                      "python": sys.version.split()[0]}))


if __name__ == "__main__":
    main()
