#!/usr/bin/env python3
"""Summarises scripts/bench results: prints the table and ratios, updates BENCHMARKS.md.

Usage: bench_report.py RESULTS.tsv META.tsv BENCHMARKS.md MODE

RESULTS.tsv: test tool run wall_s cpu_s maxrss_kb count (one line per measured run).
META.tsv: key value (machine, date, commit, sizes, tool versions).
MODE (quick|full) names the BENCHMARKS.md section that is replaced (between
`<!-- scripts/bench MODE: begin -->` and `... end -->`); other sections are kept.
"""
import statistics
import sys
from collections import defaultdict

GOALS = {
    "P1": "internships wall time ≤ 1.0× mbsync",
    "P2": "idle run on the big mailbox ≤ 1.2× the empty one and < 0.5 s",
    "P4": "deliver rate ≥ 1.0× smtplib on one connection",
    "P5": "peak RSS ≤ 64 MB",
}


def command(mode):
    """`quick P2` -> `scripts/bench --quick --only P2`."""
    words = mode.split()
    return " ".join(["scripts/bench"] + (["--quick"] if words[0] == "quick" else [])
                    + ([f"--only {words[1]}"] if len(words) > 1 else []))


def load(path):
    runs = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            test, tool, _run, wall, cpu, rss, count = line.rstrip("\n").split("\t")
            runs[(test, tool)].append({"wall": float(wall), "cpu": float(cpu), "rss": int(rss), "count": int(count)})
    return runs


def spread(values, fmt="{:.2f}"):
    med = statistics.median(values)
    return med, f"{fmt.format(med)} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def quartiles(values, fmt="{:.3f}"):
    """The middle half of the runs, `p25–p75` (one run: that run)."""
    if len(values) < 2:
        return f"{fmt.format(values[0])}–{fmt.format(values[0])}"
    q = statistics.quantiles(values, n=4, method="inclusive")
    return f"{fmt.format(q[0])}–{fmt.format(q[2])}"


def main(argv):
    results, meta_path, bench_md, mode = argv
    runs = load(results)
    meta = {}
    with open(meta_path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            meta[key] = value
    out = []
    verdicts = []

    def tools(test):
        return [tool for (t, tool) in runs if t == test]

    def med(test, tool, key):
        return statistics.median(r[key] for r in runs[(test, tool)])

    # P1
    if tools("P1"):
        n = meta.get("p1_messages", "?")
        out.append(f"### P1 — fetch {n} messages over IMAPS ({meta.get('p1_megabytes', '?')} MB), "
                   f"internships also parses and records")
        out.append("")
        out.append("| tool | what it does | wall s, median (min–max) | CPU s (client) | msg/s | × mbsync (wall) | × mbsync (CPU) |")
        out.append("|---|---|---|---|---|---|---|")
        what = {"internships": "pickup + parse + apply into SQLite", "mbsync": "fetch to Maildir",
                "fetchmail": "fetch to BSMTP file", "getmail": "fetch to Maildir"}
        base_wall = med("P1", "mbsync", "wall") if ("P1", "mbsync") in runs else None
        base_cpu = med("P1", "mbsync", "cpu") if ("P1", "mbsync") in runs else None
        for tool in tools("P1"):
            w, ws = spread([r["wall"] for r in runs[("P1", tool)]])
            c, cs = spread([r["cpu"] for r in runs[("P1", tool)]])
            count = runs[("P1", tool)][0]["count"]
            rw = f"{w / base_wall:.2f}×" if base_wall else "–"
            rc = f"{c / base_cpu:.2f}×" if base_cpu else "–"
            out.append(f"| {tool} | {what.get(tool, '')} | {ws} | {cs} | {count / w:.0f} | {rw} | {rc} |")
        if base_wall and ("P1", "internships") in runs:
            ratio = med("P1", "internships", "wall") / base_wall
            verdicts.append(("P1", GOALS["P1"], f"{ratio:.2f}×", ratio <= 1.0))
        out.append("")
    # P2
    if tools("P2"):
        out.append(f"### P2 — a run with nothing new (all six stages, new process each time)")
        out.append("")
        out.append("| mailbox | runs | wall s, median (min–max) | wall s, middle half (p25–p75) | CPU s, median (min–max) |")
        out.append("|---|---|---|---|---|")
        for tool in tools("P2"):
            walls = [r["wall"] for r in runs[("P2", tool)]]
            _, ws = spread(walls, "{:.3f}")
            _, cs = spread([r["cpu"] for r in runs[("P2", tool)]], "{:.3f}")
            out.append(f"| {tool} | {len(walls)} | {ws} | {quartiles(walls)} | {cs} |")
        big = [t for t in tools("P2") if t != "empty"]
        if big and ("P2", "empty") in runs:
            wb, we = med("P2", big[0], "wall"), med("P2", "empty", "wall")
            ratio = wb / we
            out.append("")
            out.append(f"Big / empty: {ratio:.2f}× wall, "
                       f"{med('P2', big[0], 'cpu') / max(med('P2', 'empty', 'cpu'), 1e-6):.2f}× CPU.")
            verdicts.append(("P2", GOALS["P2"], f"{ratio:.2f}×, {wb:.3f} s", ratio <= 1.2 and wb < 0.5))
        out.append("")
    # P4
    if tools("P4"):
        n = meta.get("p4_messages", "?")
        out.append(f"### P4 — {n} notifications over SMTPS to the same Postfix")
        out.append("")
        out.append("| sender | how | wall s, median (min–max) | CPU s (client) | msg/s | × smtplib rate |")
        out.append("|---|---|---|---|---|---|")
        how = {"internships": "deliver stage: SQLite state machine, each verdict committed on the relay's reply, one reused connection",
               "smtplib": "Python, one connection", "msmtp": "one process per message"}
        base = None
        if ("P4", "smtplib") in runs:
            base = runs[("P4", "smtplib")][0]["count"] / med("P4", "smtplib", "wall")
        for tool in tools("P4"):
            w, ws = spread([r["wall"] for r in runs[("P4", tool)]])
            _, cs = spread([r["cpu"] for r in runs[("P4", tool)]])
            rate = runs[("P4", tool)][0]["count"] / w
            out.append(f"| {tool} | {how.get(tool, '')} | {ws} | {cs} | {rate:.0f} | "
                       f"{(rate / base) if base else 0:.2f}× |")
        if base and ("P4", "internships") in runs:
            ratio = runs[("P4", "internships")][0]["count"] / med("P4", "internships", "wall") / base
            verdicts.append(("P4", GOALS["P4"], f"{ratio:.2f}×", ratio >= 1.0))
        out.append("")
    # P5
    if ("P1", "internships") in runs:
        rss = [r["rss"] / 1024 for r in runs[("P1", "internships")]]
        peak = max(rss)
        out.append(f"### P5 — peak RSS of the P1 internships run ({meta.get('p1_big', '?')} messages of 4 MB)")
        out.append("")
        out.append("| tool | peak RSS MB, median (min–max) |")
        out.append("|---|---|")
        for tool in tools("P1"):
            _, s = spread([r["rss"] / 1024 for r in runs[("P1", tool)]], "{:.1f}")
            out.append(f"| {tool} | {s} |")
        verdicts.append(("P5", GOALS["P5"], f"{peak:.1f} MB", peak <= 64))
        out.append("")

    summary = ["| goal | target | measured | met |", "|---|---|---|---|"]
    for name, goal, value, ok in verdicts:
        summary.append(f"| {name} | {goal} | {value} | {'yes' if ok else '**no**'} |")

    machine = [
        f"* Date: {meta.get('date', '?')}; commit `{meta.get('commit', '?')}`; mode `{mode}`, "
        f"{meta.get('runs', '?')} runs per measurement.",
        f"* Machine: {meta.get('cpu', '?')}, {meta.get('cores', '?')} cores, {meta.get('memory', '?')} RAM, "
        f"{meta.get('os', '?')}; load average {meta.get('load_start', '?')} at start, "
        f"{meta.get('load_end', '?')} at the end (other builds share the machine: wall times are noisy, "
        f"CPU times less so).",
        f"* Servers: Dovecot {meta.get('dovecot', '?')} (Maildir), Postfix {meta.get('postfix', '?')}, "
        f"on loopback with TLS (local CA). Clients: {meta.get('tools', '?')}.",
    ]
    loads = [f"{k.split('_', 1)[1]}: " + ("reused from an earlier run" if v == "reused" else f"bulk-loaded in {v} s")
             for k, v in meta.items() if k.startswith("mailbox_")]
    if loads:
        machine.append("* Mailboxes (copy into Maildir, `doveadm force-resync`, `doveadm index`): " + "; ".join(loads) + ".")
    if "p1_reading" in meta:
        machine.append(f"* Reading alone (`pipeline-bench read`, one thread, CPU µs per message of the P1 corpus): {meta['p1_reading']}.")
    section = [f"<!-- scripts/bench {mode}: begin -->",
               f"## Mail pipeline benchmarks ({mode}: `{command(mode)}`)", ""]
    section += machine + [""] + summary + [""] + out + [f"<!-- scripts/bench {mode}: end -->"]
    text = "\n".join(section) + "\n"
    print("\n".join(summary + [""] + out))

    try:
        with open(bench_md, encoding="utf-8") as f:
            doc = f.read()
    except FileNotFoundError:
        doc = "# Benchmarks\n\n"
    begin, end = f"<!-- scripts/bench {mode}: begin -->", f"<!-- scripts/bench {mode}: end -->"
    if begin in doc and end in doc:
        head, rest = doc.split(begin, 1)
        _, tail = rest.split(end, 1)
        doc = head + text.rstrip("\n") + tail
    else:
        doc = doc.rstrip("\n") + "\n\n" + text
    with open(bench_md, "w", encoding="utf-8") as f:
        f.write(doc)


if __name__ == "__main__":
    main(sys.argv[1:])
