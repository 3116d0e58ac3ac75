#!/usr/bin/env python3
"""Writes N deterministic notification messages (what deliver sends) for scripts/bench P4.

Usage: bench_notifications.py N OUTDIR FROM TO

Each is a ~2 KB Russian text/plain UTF-8 quoted-printable reply with an RFC 2047 subject,
Auto-Submitted: auto-replied and a fixed Message-ID, CRLF line ends: the same bytes go to
internships' deliver stage, Python smtplib and msmtp.
"""
import os
import sys
from email.charset import Charset, QP
from email.header import Header
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from datetime import datetime, timezone, timedelta

BODY = """Здравствуйте, {name}!

Ваша заявка № {n} на программу стажировки «{program}» получена и зарегистрирована
{day} ноября 2026 г. Мы проверили форму: все обязательные поля заполнены.

Что дальше:
  • до 15 декабря эксперты оценят заявки (каждую — не менее двух экспертов);
  • 20 декабря мы разошлём приглашения и список резерва;
  • ответить на приглашение нужно в течение 5 дней — просто ответьте на письмо.

Если нужно исправить заявку, пришлите форму ещё раз в ответ на это письмо: мы сохраним
новую версию, номер заявки останется прежним.

С уважением,
координатор программы «Стажировки НКО Прикамья»
Ресурсный центр НКО, г. Пермь
"""
NAMES = ["Анна Сергеевна", "Иван Петрович", "Ольга Николаевна", "Дмитрий Юрьевич", "Ксения"]
PROGRAMS = ["Инклюзивный туризм", "Школа волонтёра", "Экологический патруль", "Медиашкола НКО"]


def main(argv):
    n, outdir, sender, rcpt = int(argv[0]), argv[1], argv[2], argv[3]
    os.makedirs(outdir, exist_ok=True)
    cs = Charset("utf-8")
    cs.body_encoding = QP
    base = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=5)))
    for i in range(n):
        text = BODY.format(name=NAMES[i % len(NAMES)], n=1000 + i, program=PROGRAMS[i % len(PROGRAMS)],
                           day=1 + i % 28)
        msg = MIMEText(text, "plain", cs)
        msg["From"] = formataddr(("Стажировки НКО", sender), charset="utf-8")
        msg["To"] = rcpt
        msg["Reply-To"] = sender
        msg["Subject"] = Header(f"Заявка № {1000 + i} получена", "utf-8")
        msg["Date"] = format_datetime(base + timedelta(seconds=i))
        msg["Message-ID"] = f"<bench-{i:06d}@bench.example.test>"
        msg["Auto-Submitted"] = "auto-replied"
        msg["X-Internships-Loop"] = sender
        data = msg.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        with open(os.path.join(outdir, f"{i + 1:06d}.eml"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv[1:])
