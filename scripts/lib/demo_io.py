#!/usr/bin/env python3
"""The demo's mail traffic with the local servers (scripts/mail-servers), standard library only.

  demo_io.py deliver MAILDIR --to INTAKE            send every .eml through Postfix (SMTP 2525)
  demo_io.py wait --user ADDR --count N             wait until ADDR's INBOX holds N messages
  demo_io.py readback MAILDIR --intake INTAKE       print what each sender received from INTAKE

Reads the server settings from $INTERNSHIPS_MAIL_ENV (default /tmp/internships-mail/env).
"""
import email
import glob
import imaplib
import os
import smtplib
import ssl
import sys
import time
from email.header import decode_header, make_header
from email.policy import default
from email.utils import parseaddr
from urllib.parse import urlparse


def env():
    path = os.environ.get("INTERNSHIPS_MAIL_ENV", "/tmp/internships-mail/env")
    values = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                values[k] = v.strip("\"'")
    return values


def imap_login(e, user):
    url = urlparse(e["IMAPS_URL"])
    context = ssl.create_default_context(cafile=e["MAIL_CA_FILE"])
    box = imaplib.IMAP4_SSL(url.hostname, url.port, ssl_context=context)
    box.login(user, e["MAIL_PASSWORD"])
    return box


def arg(name, default_value=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default_value


def messages(maildir):
    for path in sorted(glob.glob(os.path.join(maildir, "*.eml"))):
        with open(path, "rb") as f:
            raw = f.read()
        yield path, raw, email.message_from_bytes(raw, policy=default)


def deliver(maildir, to):
    e = env()
    url = urlparse(e["SMTP_URL"])
    count = 0
    with smtplib.SMTP(url.hostname, url.port, timeout=30) as smtp:
        for path, raw, msg in messages(maildir):
            sender = parseaddr(str(msg["From"] or ""))[1]
            # Bounces and auto-replies travel with the null reverse-path (RFC 5321 §4.5.5).
            envelope_from = "" if msg["Auto-Submitted"] or sender.lower().startswith("mailer-daemon") else sender
            smtp.sendmail(envelope_from, [to], raw)
            count += 1
    print(f"delivered {count} messages to {to} through Postfix ({e['SMTP_URL']})")


def wait(user, count, timeout=90):
    e = env()
    deadline = time.time() + timeout
    n = 0
    while time.time() < deadline:
        box = imap_login(e, user)
        typ, data = box.status("INBOX", "(MESSAGES)")
        box.logout()
        n = int(data[0].decode().split("MESSAGES")[1].strip(" )"))
        if n >= count:
            print(f"{user}: {n} messages in INBOX")
            return
        time.sleep(0.5)
    sys.exit(f"timed out: {user} has {n} of {count} messages — see the Postfix log ({e.get('POSTFIX_LOG')})")


def decoded_header(raw, name):
    """RFC 2047-decoded header (make_header joins adjacent encoded-words as §6.2 says)."""
    value = email.message_from_bytes(raw).get(name)
    return str(make_header(decode_header(value))) if value else ""


def text_of(msg):
    part = msg.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part else ""


def readback(maildir, intake):
    """For every sender of the demo mail: the replies from INTAKE in their INBOX."""
    e = env()
    senders = []
    for _, raw, msg in messages(maildir):
        name, address = parseaddr(str(msg["From"] or ""))
        if address and address.lower() not in [s[1] for s in senders]:
            senders.append((decoded_header(raw, "From"), address.lower(), str(msg["Subject"] or "")))
    answered = silent = 0
    for display, address, first_subject in senders:
        print(f"── {display}")
        try:
            box = imap_login(e, address)
        except Exception as error:  # a non-local robot address (bounce from mx.example.test)
            print(f"   (no local mailbox: {type(error).__name__}) — robots get no reply\n")
            silent += 1
            continue
        box.select("INBOX", readonly=True)
        _, data = box.search(None, "ALL")
        replies = []
        for num in data[0].split():
            _, parts = box.fetch(num, "(BODY.PEEK[])")
            reply = email.message_from_bytes(parts[0][1], policy=default)
            if parseaddr(str(reply["From"] or ""))[1].lower() == intake.lower():
                replies.append((reply, parts[0][1]))
        box.logout()
        if not replies:
            print("   nothing received (robot, list mail, or a sender we do not answer)\n")
            silent += 1
            continue
        answered += 1
        for reply, raw in replies:
            print(f"   From:    {decoded_header(raw, 'From')}")
            print(f"   Subject: {decoded_header(raw, 'Subject')}")
            lines = [l.rstrip() for l in text_of(reply).splitlines() if l.strip()]
            for line in lines[:6]:
                print(f"   | {line[:100]}")
            if len(lines) > 6:
                print(f"   | … ({len(lines) - 6} more lines)")
            print()
    print(f"{len(senders)} senders: {answered} received a reply, {silent} received nothing")


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "deliver":
        deliver(sys.argv[2], arg("--to"))
    elif command == "wait":
        wait(arg("--user"), int(arg("--count")))
    elif command == "readback":
        readback(sys.argv[2], arg("--intake"))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
