#!/usr/bin/env python3
"""Sends every DIR/*.eml over ONE SMTPS connection with smtplib (scripts/bench P4 baseline).

Usage: bench_smtplib.py HOST PORT USER PASSWORD CAFILE FROM TO DIR
Prints `sent=N`; exits 1 when any message is refused.
"""
import os
import smtplib
import ssl
import sys


def main(argv):
    host, port, user, password, cafile, sender, rcpt, folder = argv
    names = sorted(n for n in os.listdir(folder) if n.endswith(".eml"))
    context = ssl.create_default_context(cafile=cafile)
    sent = 0
    with smtplib.SMTP_SSL(host, int(port), context=context) as smtp:
        smtp.login(user, password)
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            refused = smtp.sendmail(sender, [rcpt], data)
            if refused:
                sys.exit(f"refused: {refused}")
            sent += 1
    print(f"sent={sent}")


if __name__ == "__main__":
    main(sys.argv[1:])
