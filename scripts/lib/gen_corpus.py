#!/usr/bin/env python3
"""Deterministic corpus of realistic Russian NGO mail for benchmarks and fuzz seeds.

Usage: gen_corpus.py N OUTDIR [--seed S] [--no-big] [--big-count K] [--max-size BYTES]

Writes OUTDIR/000001.eml ... and OUTDIR/manifest.tsv (file, kind, bytes, features).
The same N, seed and flags give byte-identical files on any machine (each message has its
own random.Random seeded from "seed:index", so message i does not depend on N).

What is in it, by the share of messages (see KINDS):
* Outlook: multipart/alternative, windows-1251, quoted-printable, RFC 2047 Q/B subjects.
* Mail.ru / Yandex: HTML-only (utf-8, base64 or QP), divs, tables, &nbsp; entities.
* Gmail: multipart/alternative, UTF-8 base64 both parts, quoted reply history.
* Thunderbird: text/plain; format=flowed; 8bit UTF-8 (RFC 3676).
* koi8-r: 8bit plain text from old clients.
* Forwards: message/rfc822 holding one of the above.
* Auto-replies (RFC 3834) and bounces (RFC 3464 multipart/report).
Any of these may carry attachments (multipart/mixed): a real .docx (zip) holding a form,
a .txt form (utf-8 or windows-1251), a .pdf-like binary; filenames in RFC 2231 or RFC 2047.
About half of the bodies hold one of the programme's forms (ЗАЯВКА УЧАСТНИКА, ЗАЯВКА НА
ПРОГРАММУ СТАЖИРОВКИ, ЭКСПЕРТНАЯ ОЦЕНКА) with label variants from docs/product.md.
Sizes are log-uniform between 2 KB and 200 KB; a few "big" messages carry a 4 MB attachment
(--no-big leaves them out). Line ends are CRLF, except ~3% LF-only (mbox exports).
"""

import argparse
import base64
import io
import math
import os
import quopri
import random
import re
import sys
import zipfile

# --------------------------------------------------------------------------- word stock

FIRST_M = ["Иван", "Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Николай", "Павел",
           "Владимир", "Артём", "Юрий", "Григорий", "Фёдор", "Олег", "Виктор"]
FIRST_F = ["Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Анна", "Светлана", "Ирина",
           "Юлия", "Екатерина", "Людмила", "Дарья", "Алёна", "Галина", "Ксения"]
LAST = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Лебедев", "Козлов", "Новиков",
        "Морозов", "Волков", "Соловьёв", "Зайцев", "Пахомов", "Мальцев", "Чазов", "Ёлкин"]
PATRON_M = ["Иванович", "Петрович", "Сергеевич", "Алексеевич", "Николаевич", "Юрьевич"]
PATRON_F = ["Ивановна", "Петровна", "Сергеевна", "Алексеевна", "Николаевна", "Юрьевна"]
TRANSLIT = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
            "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
            "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts",
            "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
            "я": "ya"}
DOMAINS = ["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru", "ya.ru",
           "rambler.ru", "outlook.com", "permngo.ru"]
ORGS = ["АНО «Ресурсный центр НКО Кудымкара»", "Благотворительный фонд «Дом надежды»",
        "МБУК «Центральная библиотека» г. Оса", "РОО «Ветераны Прикамья»",
        "АНО «Территория добра»", "Местная общественная организация «Лысьвенские соседи»",
        "Фонд развития Чайковского района", "АНО «Инклюзивный туризм Прикамья»",
        "НКО «Молодёжный центр „Парма“»", "Союз женщин Чернушинского округа"]
LOCALITIES = [("Кудымкар", "Кудымкарский муниципальный округ", "145"),
              ("Оса", "Осинский городской округ", "около 100 км"),
              ("Чайковский", "Чайковский городской округ", "183"),
              ("Кунгур", "Кунгурский муниципальный округ", "80,5"),
              ("Лысьва", "Лысьвенский городской округ", "около 120 км"),
              ("Чернушка", "Чернушинский городской округ", "190 км"),
              ("Барда", "Бардымский муниципальный округ", "126,7"),
              ("Соликамск", "Соликамский городской округ", "около 190 км"),
              ("Добрянка", "Добрянский городской округ", "60"),
              ("Ильинский", "Ильинский городской округ", "85")]
PROGRAMS = ["Инклюзивный туризм", "Школа волонтёра", "Серебряный возраст",
            "Семейный клуб выходного дня", "Экологический патруль", "Медиашкола НКО",
            "Фандрайзинг для начинающих", "Сельская библиотека как центр притяжения"]
WORDS = ("стажировка программа организация волонтёр проект участник территория опыт "
         "практика сообщество встреча семинар методика грант поддержка развитие "
         "партнёрство муниципальный округ библиотека молодёжь ветеран инклюзия семья "
         "обучение площадка результат мероприятие команда ресурсный центр заявка "
         "добровольчество социальный услуга село город район отчёт благодарность").split()
SENTENCES = [
    "Добрый день!", "Здравствуйте, коллеги.", "Направляю заявку на участие в стажировке.",
    "Просим рассмотреть нашу программу.", "Во вложении заполненная форма.",
    "Спасибо за приглашение, обязательно будем.", "Подскажите, пожалуйста, сроки подачи.",
    "Наша организация работает с 2015 года с пожилыми людьми и семьями.",
    "Хотели бы перенять опыт работы с волонтёрами и местным сообществом.",
    "Расстояние до Перми около 150 км, дорога занимает три часа.",
    "Ёлки-палки, опять не прикрепился файл — отправляю повторно.",
    "Программа рассчитана на два дня: знакомство с практикой и совместное планирование.",
]
SIGNATURES = ["С уважением,\n{name}\n{org}\nтел. {phone}",
              "--\n{name}\nОтправлено из мобильной Почты Mail.ru",
              "С уважением, {name}.\n\nОтправлено с iPhone",
              "-- \n{name}, {org}"]


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def paragraph(rng):
    parts = [rng.choice(SENTENCES)]
    for _ in range(rng.randint(1, 4)):
        w = words(rng, rng.randint(6, 18))
        parts.append(w[0].upper() + w[1:] + rng.choice([".", ".", "!", "?", "…"]))
    return " ".join(parts)


class Person:
    def __init__(self, rng):
        self.female = rng.random() < 0.6
        self.first = rng.choice(FIRST_F if self.female else FIRST_M)
        last = rng.choice(LAST)
        self.last = last + "а" if self.female else last
        self.patron = rng.choice(PATRON_F if self.female else PATRON_M)
        login = "".join(TRANSLIT.get(c, c) for c in (self.first[0] + "." + self.last).lower())
        self.email = f"{login}{rng.randint(1, 999)}@{rng.choice(DOMAINS)}"
        self.org = rng.choice(ORGS)
        self.phone = rng.choice(["+7 912 {:03d}-{:02d}-{:02d}", "8 (34260) {:01d}-{:02d}-{:02d}",
                                 "89{:02d}{:03d}{:04d}"]).format(
            rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99))

    @property
    def name(self):
        return f"{self.first} {self.last}"

    @property
    def fio(self):
        return f"{self.last} {self.first} {self.patron}"


# --------------------------------------------------------------------------- forms

def label(rng, text, number=None):
    """A form label with the variants real mail has: case, numbering, ё→е, spacing."""
    if rng.random() < 0.15:
        text = text.replace("ё", "е").replace("Ё", "Е")
    if rng.random() < 0.1:
        text = text.upper()
    sep = rng.choice([": ", ": ", ":  ", " : ", ":\t"])
    prefix = f"{number}. " if number is not None and rng.random() < 0.3 else ""
    return prefix + text + sep


def form_participant(rng, p):
    loc, district, dist = rng.choice(LOCALITIES)
    n = rng.randint(1, 3)
    chosen = rng.sample(range(len(PROGRAMS)), n)
    progs = "\n".join(f"{i + 1}. №{c + 1} «{PROGRAMS[c]}»" for i, c in enumerate(chosen))
    fields = [("ФИО", p.fio), ("Организация", p.org),
              ("Должность (сотрудник/волонтёр)", rng.choice(["сотрудник (методист)", "волонтёр",
                                                            "сотрудник"])),
              ("Муниципальный округ", district), ("Населённый пункт", loc),
              ("Расстояние до Перми (км)", dist), ("Телефон", p.phone), ("Email", p.email),
              ("Выбранные программы (не более 3, в порядке приоритета)", "\n" + progs),
              ("Мотивация", paragraph(rng)),
              ("Согласие на обработку персональных данных", rng.choice(["[x]", "☒", "да",
                                                                        "согласна"]))]
    return "ЗАЯВКА УЧАСТНИКА", fields


def form_program(rng, p):
    loc, _, _ = rng.choice(LOCALITIES)
    days = rng.choice([1, 2])
    dates = "15.09.2023" if days == 1 else rng.choice(["29-30 сентября 2023",
                                                       "22 и 23 сентября 2023 г."])
    fields = [("Организация", p.org), ("ИНН", rng.choice(["5902{:06d}", "5981 {:06d}"]).format(
        rng.randint(0, 999999))), ("Населённый пункт", loc),
        ("Название программы", f"«{rng.choice(PROGRAMS)}»"),
        ("Описание программы", paragraph(rng) + "\n" + paragraph(rng)),
        ("Продолжительность (дней: 1 или 2)", rng.choice([str(days), f"{days} (два)"
                                                          if days == 2 else "1 день"])),
        ("Даты проведения", dates), ("Количество мест", f"{rng.randint(3, 15)} человек"),
        ("Адрес площадки", f"г. {loc}, ул. Ленина, д. {rng.randint(1, 99)}"),
        ("Контактное лицо", p.name), ("Телефон", p.phone),
        ("Email", f"{p.name} <{p.email}>"),
        ("Согласие на обработку персональных данных", rng.choice(["[x]", "согласен", "да"]))]
    return "ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ", fields


def form_score(rng, p):
    def score():
        return rng.choice(["{}", "{}/10", "{} баллов", "{} из 10"]).format(rng.randint(0, 10))
    fields = [("Эксперт", p.fio), ("Номер заявки", rng.choice(["№ {:03d}", "заявка № {}"]).format(
        rng.randint(1, 40))), ("Актуальность (0–10)", score()),
        ("Практическая польза (0–10)", score()), ("Реалистичность (0–10)", score()),
        ("Качество программы (0–10)", score()), ("Комментарий", paragraph(rng)),
        ("Конфликт интересов (да/нет)", rng.choice(["нет", "нет, не имею", "☐ да ☒ нет"]))]
    return "ЭКСПЕРТНАЯ ОЦЕНКА", fields


def form_text(rng, p):
    title, fields = rng.choice([form_participant, form_participant, form_program,
                                form_score])(rng, p)
    lines = [title, ""]
    for i, (k, v) in enumerate(fields):
        if v.startswith("\n") or rng.random() < 0.1:
            lines.append(label(rng, k, i + 1).rstrip() + "\n" + v.lstrip("\n"))
        else:
            lines.append(label(rng, k, i + 1) + v)
    return "\n".join(lines)


# --------------------------------------------------------------------------- encodings

def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def b64_lines(data):
    return base64.encodebytes(data).decode("ascii")  # 76-char lines, LF


def qp(data):
    return quopri.encodestring(data).decode("ascii")


def rfc2047(text, charset="utf-8", enc="B"):
    """Encode a header phrase as RFC 2047 encoded-words (§2: ≤ 75 chars each), folded."""
    if all(ord(c) < 128 for c in text):
        return text
    words_out, chunk = [], ""
    limit = 20 if enc == "Q" else 30  # characters per encoded-word keeps each under 75
    for ch in text:
        if len(chunk) >= limit:
            words_out.append(chunk)
            chunk = ""
        chunk += ch
    if chunk:
        words_out.append(chunk)
    out = []
    for w in words_out:
        raw = w.encode(charset, errors="replace")
        if enc == "B":
            payload = base64.b64encode(raw).decode("ascii")
        else:  # RFC 2047 §4.2: Q encoding, "_" for space
            payload = "".join(
                "_" if b == 0x20 else chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122)
                else f"={b:02X}" for b in raw)
        out.append(f"=?{charset}?{enc}?{payload}?=")
    return "\n ".join(out)


def addr(rng, person, charset="utf-8", enc="B"):
    if rng.random() < 0.1:
        return person.email
    return f"{rfc2047(person.name, charset, enc)} <{person.email}>"


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def date_header(rng):
    zone = rng.choice(["+0500", "+0300", "+0000", "+0500 (YEKT)", "-0000"])
    return (f"{rng.choice(DAYS)}, {rng.randint(1, 28)} {MONTHS[rng.randint(6, 11)]} 2023 "
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} {zone}")


def boundary(rng, style):
    h = "".join(rng.choice("0123456789abcdef") for _ in range(24))
    return {"outlook": f"----=_NextPart_000_0{h[:3]}_01D9{h[3:7].upper()}.{h[7:15].upper()}",
            "gmail": f"000000000000{h}",
            "mailru": f"--ALT--{h.upper()}",
            "thunderbird": f"------------{h[:24]}"}.get(style, f"=_{h}")


# --------------------------------------------------------------------------- parts
# A part is (headers: list[(name, value)], body: str) with LF line ends; crlf() at the end.

def text_part(text, charset, cte, subtype="plain", extra=""):
    raw = text.encode(charset, errors="replace")
    if cte == "base64":
        body = b64_lines(raw)
    elif cte == "quoted-printable":
        body = qp(raw)
    else:
        body = raw.decode(charset) if charset != "utf-8" else text
    ct = f"text/{subtype}; charset=\"{charset}\"{extra}"
    return [("Content-Type", ct), ("Content-Transfer-Encoding", cte)], body, raw if cte == "8bit" else None


def render_part(headers, body):
    return "".join(f"{k}: {v}\n" for k, v in headers) + "\n" + body


def multipart(subtype, bnd, parts, preamble=""):
    out = [preamble] if preamble else []
    for headers, body in parts:
        out.append(f"--{bnd}\n{render_part(headers, body)}")
        if not out[-1].endswith("\n"):
            out[-1] += "\n"
    out.append(f"--{bnd}--\n")
    return [("Content-Type", f"multipart/{subtype};\n\tboundary=\"{bnd}\"")], "".join(out)


def html_of(rng, text, style):
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    paras = esc.split("\n")
    if style == "mailru":
        inner = "".join(f"<div>{p or '&nbsp;'}</div>" for p in paras)
        return ("<HTML><BODY><div>" + inner + "</div><div>&nbsp;</div><div data-signature-widget"
                "=\"container\"><div data-signature-widget=\"content\"><div>--<br>Отправлено "
                "из Почты Mail.ru</div></div></div></BODY></HTML>")
    if style == "yandex":
        return "<div>" + "</div><div>".join(p or "&nbsp;" for p in paras) + "</div>"
    if style == "outlook":
        head = ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-"
                "microsoft-com:office:office\"><head><meta http-equiv=Content-Type content="
                "\"text/html; charset=windows-1251\"><style><!--\n/* Font Definitions */\n"
                "@font-face {font-family:Calibri;}\np.MsoNormal {margin:0cm;font-size:11.0pt;"
                "font-family:\"Calibri\",sans-serif;}\n--></style></head><body lang=RU>"
                "<div class=WordSection1>")
        body = "".join(f"<p class=MsoNormal>{p or '<o:p>&nbsp;</o:p>'}<o:p></o:p></p>\n"
                       for p in paras)
        return head + body + "</div></body></html>"
    rows = ""
    if rng.random() < 0.2:
        rows = "<table border=\"1\">" + "".join(
            f"<tr><td>{words(rng, 2)}</td><td>{words(rng, 4)}</td></tr>" for _ in range(5)) + \
            "</table>"
    return ("<div dir=\"ltr\">" + "<br>".join(paras) + rows + "</div>")


def docx_bytes(rng, text, filler):
    """A real .docx (zip) with the text as paragraphs and `filler` bytes of media."""
    buf = io.BytesIO()
    paras = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{line}</w:t></w:r></w:p>"
                    for line in text.replace("&", "&amp;").replace("<", "&lt;").split("\n"))
    doc = ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document "
           "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
           + paras + "</w:body></w:document>")
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        def put(name, data):
            info = zipfile.ZipInfo(name, date_time=(2023, 9, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        put("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas."
            "openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/"
            "document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
            "wordprocessingml.document.main+xml\"/></Types>")
        put("word/document.xml", doc)
        if filler > 0:
            put("word/media/image1.png", b"\x89PNG\r\n\x1a\n" + rng.randbytes(filler))
    return buf.getvalue()


def pdf_bytes(rng, size):
    head = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    stream = rng.randbytes(max(0, size - 200))
    return (head + b"4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def filename_params(rng, name, style):
    """Content-Type name= and Content-Disposition filename= the way each client writes them."""
    if all(ord(c) < 128 for c in name):
        return f"; name=\"{name}\"", f"; filename=\"{name}\""
    if style == "outlook" or rng.random() < 0.4:  # RFC 2047 in a parameter (not legal, common)
        enc = rfc2047(name, "windows-1251" if style == "outlook" else "utf-8", "B")
        return f";\n\tname=\"{enc}\"", f";\n\tfilename=\"{enc}\""
    # RFC 2231 §4: charset'lang'percent-encoded, split into continuations when long
    pct = "".join(c if c.isascii() and (c.isalnum() or c in ".-_") else
                  "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in name)
    if len(pct) > 60:
        pieces, cur = [], ""
        for tok in re.findall(r"%[0-9A-F]{2}|.", pct):  # never split a %XX triplet
            if len(cur) + len(tok) > 60:
                pieces.append(cur)
                cur = ""
            cur += tok
        pieces.append(cur)
        cont = "".join(f";\n\tfilename*{i}*={'UTF-8' + chr(39) * 2 if i == 0 else ''}{p}"
                       for i, p in enumerate(pieces))
        return f"; name=\"{rfc2047(name)}\"", cont
    return f"; name=\"{rfc2047(name)}\"", f";\n\tfilename*=UTF-8''{pct}"


def attachment(rng, kind, sender, size, style, form):
    if kind == "docx":
        name = rng.choice(["Заявка участника.docx", "zayavka.docx",
                           f"Заявка {sender.last} на стажировку 2023 года (итоговая).docx"])
        data = docx_bytes(rng, form or paragraph(rng), max(0, size - 1500))
        ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif kind == "txt":
        name = rng.choice(["заявка.txt", "form.txt", "Анкета.txt"])
        text = form or paragraph(rng)
        while len(text.encode("utf-8")) < size:
            text += "\n" + paragraph(rng)
        cs = rng.choice(["utf-8", "windows-1251"])
        data = text.replace("\n", "\r\n").encode(cs, errors="replace")
        ct = f"text/plain; charset=\"{cs}\"" if rng.random() < 0.7 else "text/plain"
    else:
        name = rng.choice(["Устав.pdf", "scan_001.pdf", "Программа стажировки.pdf"])
        data = pdf_bytes(rng, size)
        ct = "application/pdf" if rng.random() < 0.8 else "application/octet-stream"
    ctn, cdn = filename_params(rng, name, style)
    headers = [("Content-Type", ct + ctn), ("Content-Disposition", "attachment" + cdn),
               ("Content-Transfer-Encoding", "base64")]
    return headers, b64_lines(data)


# --------------------------------------------------------------------------- messages

def compose_text(rng, sender, target, form, quoted):
    chunks = [paragraph(rng)]
    if form:
        chunks.append(form)
    while sum(len(c) for c in chunks) * 1.6 < target and len(chunks) < 60:
        chunks.append(paragraph(rng))
    chunks.append(rng.choice(SIGNATURES).format(name=sender.name, org=sender.org,
                                                phone=sender.phone))
    text = "\n\n".join(chunks)
    if quoted:
        other = Person(rng)
        q = "\n".join("> " + line for line in (paragraph(rng) + "\n\n" + paragraph(rng)).split("\n"))
        text += f"\n\n{date_header(rng)}, {other.name} <{other.email}>:\n{q}\n"
    return text


def flowed(text, width=72):
    """RFC 3676 §4.2: soft line breaks end with a space; quoted lines keep their '>'."""
    out = []
    for line in text.split("\n"):
        quote = ""
        while line.startswith(">"):
            quote += ">"
            line = line[1:].lstrip(" ")
        prefix = quote + (" " if quote else "")
        if line.startswith(("From ", " ")):  # §4.4 space-stuffing
            line = " " + line
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                break
            out.append(prefix + line[:cut + 1])
            line = line[cut + 1:]
        out.append(prefix + line)
    return "\n".join(out)


def build(rng, kind, target):
    sender, rcpt = Person(rng), Person(rng)
    form = form_text(rng, sender) if rng.random() < 0.5 else None
    form_in_attachment = form is not None and rng.random() < 0.3
    body_form = None if form_in_attachment else form
    quoted = rng.random() < 0.3
    text = compose_text(rng, sender, min(target, 40_000), body_form, quoted)
    subject = rng.choice(["Заявка на стажировку", "Re: Приглашение на стажировку",
                          "Fwd: Заявка участника", "Оценка заявки № 12", "Вопрос по программе",
                          f"Re: [{rng.randint(100, 999)}] Ответ на письмо",
                          "Заявка участника от " + sender.fio])
    headers = []
    features = []
    if kind == "outlook":
        cs, enc, style = "windows-1251", "Q" if rng.random() < 0.5 else "B", "outlook"
        plain = text_part(text, cs, "quoted-printable")
        html = text_part(html_of(rng, text, "outlook"), cs, "quoted-printable", "html")
        body = multipart("alternative", boundary(rng, style), [plain[:2], html[:2]])
        headers += [("X-Mailer", "Microsoft Outlook 16.0"), ("Thread-Index", "AQHZ" + "x" * 20),
                    ("Content-Language", "ru")]
    elif kind in ("mailru", "yandex"):
        cs, enc, style = "utf-8", "B", kind
        cte = rng.choice(["base64", "quoted-printable", "8bit"])
        body = text_part(html_of(rng, text, kind), cs, cte, "html")[:2]
        headers += [("X-Mailer", "Mail.ru Mailer 1.0" if kind == "mailru" else "Yamail")]
    elif kind == "gmail":
        cs, enc, style = "UTF-8", "B", "gmail"
        plain = text_part(text, "utf-8", "base64")
        html = text_part(html_of(rng, text, "gmail"), "utf-8", "base64", "html")
        plain[0][0] = ("Content-Type", "text/plain; charset=\"UTF-8\"")
        html[0][0] = ("Content-Type", "text/html; charset=\"UTF-8\"")
        body = multipart("alternative", boundary(rng, style), [plain[:2], html[:2]])
    elif kind == "thunderbird":
        cs, enc, style = "utf-8", "B", "thunderbird"
        body = [("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
                ("Content-Transfer-Encoding", "8bit")], flowed(text)
        headers += [("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:102.0) "
                     "Gecko/20100101 Thunderbird/102.15.0"), ("Content-Language", "ru")]
    else:  # koi8r
        cs, enc, style = "koi8-r", "B", "plain"
        body = [("Content-Type", "text/plain; charset=koi8-r"),
                ("Content-Transfer-Encoding", "8bit")], text.encode("koi8-r", "replace").decode(
                    "koi8-r")
        headers += [("X-Mailer", "The Bat! (v9.1.18) Professional")]
    features.append(kind)
    if form:
        features.append("form:attachment" if form_in_attachment else "form:body")
    size_now = len(render_part(*body))
    want_attach = form_in_attachment or target >= 1_000_000 or \
        (target > size_now * 1.5 and rng.random() < 0.85) or rng.random() < 0.15
    if want_attach:
        parts = [body]
        remaining = max(500, target - size_now)
        kinds = ["docx"] if form_in_attachment else []
        while len(kinds) < rng.randint(1, 3):
            kinds.append(rng.choice(["docx", "txt", "pdf", "pdf"]))
        share = remaining * 3 // 4 // len(kinds)
        for k in kinds:
            f = form if (form_in_attachment and k in ("docx", "txt")) else None
            parts.append(attachment(rng, k, sender, max(300, share), style, f))
            features.append("att:" + k)
        body = multipart("mixed", boundary(rng, style), parts,
                         "This is a multi-part message in MIME format.\n" if style == "outlook"
                         else "")
    headers = [("Return-Path", f"<{sender.email}>"),
               ("Received", f"from mx{rng.randint(1, 9)}.{sender.email.split('@')[1]} "
                f"(mx.example.test [127.0.0.{rng.randint(2, 250)}])\n\tby mx.example.test "
                f"with ESMTPS id {rng.randint(10**9, 10**10)}\n\tfor <intake@example.test>; "
                f"{date_header(rng)}"),
               ("From", addr(rng, sender, cs.lower(), enc)),
               ("To", rfc2047("Стажировки НКО", cs.lower(), enc) + " <intake@example.test>"),
               ("Subject", rfc2047(subject, cs.lower(), enc)),
               ("Date", date_header(rng)),
               ("Message-ID", f"<{rng.randint(10**11, 10**12)}.{rng.randint(1, 99999)}@"
                f"{sender.email.split('@')[1]}>"),
               ("MIME-Version", "1.0")] + headers
    if quoted:
        ref = f"<{rng.randint(10**8, 10**9)}@example.test>"
        headers += [("In-Reply-To", ref), ("References", ref)]
    return headers, body, features


def build_forward(rng, target):
    inner_kind = rng.choice(["outlook", "mailru", "gmail", "thunderbird"])
    ih, ib, feats = build(rng, inner_kind, int(target * 0.8))
    inner = render_part(ih + ib[0], ib[1])
    fwd = Person(rng)
    intro = text_part(f"Пересылаю заявку коллеги.\n\n{paragraph(rng)}\n\n-- \n{fwd.name}",
                      "utf-8", "8bit")[:2]
    rfc = [("Content-Type", "message/rfc822"), ("Content-Disposition", "inline")], inner
    body = multipart("mixed", boundary(rng, "thunderbird"), [intro, rfc])
    headers = [("From", addr(rng, fwd)), ("To", "intake@example.test"),
               ("Subject", rfc2047("Fwd: Заявка участника")), ("Date", date_header(rng)),
               ("Message-ID", f"<fwd.{rng.randint(10**9, 10**10)}@example.test>"),
               ("MIME-Version", "1.0")]
    return headers, body, ["forward"] + ["inner:" + f for f in feats]


def build_autoreply(rng):
    p = Person(rng)
    text = (f"Здравствуйте!\n\nЯ в отпуске до {rng.randint(1, 28)}.10.2023, доступ к почте "
            f"ограничен.\nПо срочным вопросам: {p.phone}.\n\n{p.name}")
    body = text_part(text, "utf-8", "quoted-printable")[:2]
    headers = [("From", addr(rng, p)), ("To", "intake@example.test"),
               ("Subject", rfc2047("Автоответ: Приглашение на стажировку")),
               ("Date", date_header(rng)), ("Auto-Submitted", "auto-replied"),
               ("X-Autoreply", "yes"), ("Precedence", "auto_reply"),
               ("Message-ID", f"<auto.{rng.randint(10**9, 10**10)}@{p.email.split('@')[1]}>"),
               ("MIME-Version", "1.0")]
    return headers, body, ["autoreply"]


def build_bounce(rng):
    p = Person(rng)
    human = text_part("This is the mail system at host mx.example.test.\n\nI'm sorry to have "
                      "to inform you that your message could not\nbe delivered to one or more "
                      f"recipients.\n\n<{p.email}>: host mx.{p.email.split('@')[1]} said: 550 "
                      "5.1.1 User unknown\n", "us-ascii", "7bit")[:2]
    status = [("Content-Type", "message/delivery-status")], (
        "Reporting-MTA: dns; mx.example.test\n\nFinal-Recipient: rfc822; " + p.email +
        "\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n")
    orig = [("Content-Type", "text/rfc822-headers")], (
        f"From: intake@example.test\nTo: {p.email}\nSubject: "
        f"{rfc2047('Приглашение на стажировку')}\nMessage-ID: <out.{rng.randint(1, 10**6)}"
        "@example.test>\n")
    bnd = boundary(rng, "bounce")
    h, b = multipart("report", bnd, [human, status, orig])
    h = [("Content-Type", f"multipart/report; report-type=delivery-status;\n\tboundary=\"{bnd}\"")]
    headers = [("From", "MAILER-DAEMON@example.test (Mail Delivery System)"),
               ("To", "intake@example.test"), ("Subject", "Undelivered Mail Returned to Sender"),
               ("Date", date_header(rng)), ("Auto-Submitted", "auto-replied"),
               ("Message-ID", f"<bounce.{rng.randint(10**9, 10**10)}@example.test>"),
               ("MIME-Version", "1.0")]
    return headers, (h, b), ["bounce"]


KINDS = [("outlook", 22), ("mailru", 13), ("yandex", 8), ("gmail", 22), ("thunderbird", 10),
         ("koi8r", 6), ("forward", 9), ("autoreply", 5), ("bounce", 5)]


def message(seed, index, big, max_size=200_000):
    rng = random.Random(f"{seed}:{index}")
    kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    target = int(math.exp(rng.uniform(math.log(2_000), math.log(max(max_size, 2_001)))))
    if big:
        target = 4 * 1024 * 1024
        kind = rng.choice(["outlook", "gmail", "mailru"])
    if kind == "forward":
        headers, body, feats = build_forward(rng, target)
    elif kind == "autoreply":
        headers, body, feats = build_autoreply(rng)
    elif kind == "bounce":
        headers, body, feats = build_bounce(rng)
    else:
        headers, body, feats = build(rng, kind, target)
    text = render_part(headers + body[0], body[1])
    if big:
        feats.append("big")
    # 8bit parts must be written in their own charset; everything else is ASCII already.
    charset = "koi8-r" if kind == "koi8r" else "utf-8"
    data = text.encode(charset, errors="replace")
    lf_only = rng.random() < 0.03
    if not lf_only:
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    else:
        feats.append("lf")
    return kind, data, feats


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--no-big", action="store_true", help="leave out the 4 MB messages")
    ap.add_argument("--max-size", type=int, default=200_000,
                    help="upper bound of the size distribution in bytes (fuzz seeds: small)")
    ap.add_argument("--big-count", type=int, default=None,
                    help="number of 4 MB messages (default: 1 per 1,000, at least 1)")
    args = ap.parse_args(argv)
    big_count = 0 if args.no_big else (args.big_count if args.big_count is not None
                                       else max(1, args.n // 1000))
    # Big ones at fixed, spread positions so they do not depend on randomness.
    big_at = {int((k + 0.5) * args.n / big_count) for k in range(big_count)} if big_count else set()
    os.makedirs(args.outdir, exist_ok=True)
    total = 0
    with open(os.path.join(args.outdir, "manifest.tsv"), "w", encoding="utf-8") as man:
        man.write("file\tkind\tbytes\tfeatures\n")
        for i in range(args.n):
            kind, data, feats = message(args.seed, i, i in big_at, args.max_size)
            name = f"{i + 1:06d}.eml"
            with open(os.path.join(args.outdir, name), "wb") as f:
                f.write(data)
            total += len(data)
            man.write(f"{name}\t{kind}\t{len(data)}\t{','.join(feats)}\n")
    print(f"gen_corpus: {args.n} messages, {total / 1e6:.1f} MB, {big_count} big, "
          f"seed {args.seed} -> {args.outdir}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
