#!/usr/bin/env python3
"""Writes the demo's sample mail: about 30 realistic messages to the programme mailbox.

Usage: demo_mail.py OUTDIR [--to intake@example.test] [--sender-domain example.test]

--sender-domain D rewrites every From address on a subdomain of example.test
(o.maltseva@zelenyi-dom.example.test) to the same local part on D (o.maltseva@D), so each
sender is a mailbox the local servers deliver to and the demo can read the replies back.
A rewritten address that would be a real address of D (the spoofed expert's
expert1@example-test.example.test) becomes local-<first label>@D instead: still a look-alike.

Senders are fictional people at fictional NGOs on example.test; the ways they write are
real: Outlook in windows-1251 with quoted-printable, Mail.ru and Yandex HTML-only, phones
with format=flowed, .docx and .txt attachments, a forward, an auto-reply, a bounce, a
question with no form, forms with mistakes. Deterministic: same output every run.
"""
import io
import os
import re
import sys
import zipfile
import zlib
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta

TZ = timezone(timedelta(hours=5))  # Perm
BASE = datetime(2026, 7, 14, 9, 0, tzinfo=TZ)


def program_form(org, inn, locality, title, desc, days, dates, seats, addr, contact, phone, email, consent="[x]"):
    return f"""ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ

Организация: {org}
ИНН: {inn}
Населённый пункт: {locality}
Название программы: {title}
Описание программы: {desc}
Продолжительность (дней: 1 или 2): {days}
Даты проведения: {dates}
Количество мест: {seats}
Адрес площадки: {addr}
Контактное лицо: {contact}
Телефон: {phone}
Email: {email}
Согласие на обработку персональных данных: {consent}
"""


def participant_form(name, org, position, district, locality, km, phone, email, programs, motivation, consent="да"):
    return f"""ЗАЯВКА УЧАСТНИКА

ФИО: {name}
Организация: {org}
Должность (сотрудник/волонтёр): {position}
Муниципальный округ: {district}
Населённый пункт: {locality}
Расстояние до Перми (км): {km}
Телефон: {phone}
Email: {email}
Выбранные программы (не более 3, в порядке приоритета):
{programs}
Мотивация: {motivation}
Согласие на обработку персональных данных: {consent}
"""


def docx_bytes(paragraphs):
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{p.replace("&", "&amp;").replace("<", "&lt;")}</w:t></w:r></w:p>'
        for p in paragraphs)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f'<w:body>{body}</w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        def info(name):
            zi = zipfile.ZipInfo(name, date_time=(2026, 7, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            return zi
        z.writestr(info("[Content_Types].xml"),
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr(info("word/document.xml"), doc)
    return buf.getvalue()


# The registered experts: their addresses are already on example.test and stay as they are.
REAL_ADDRESSES = {"expert1@example.test", "expert2@example.test"}
ADDRESS = re.compile(r"([A-Za-z0-9._+-]+)@([A-Za-z0-9.-]+\.example\.test)")


def rewrite_sender(sender, domain):
    """`Name <local@sub.example.test>` -> `Name <local@domain>` (see --sender-domain)."""
    if not domain:
        return sender

    def one(match):
        local, host = match.group(1), match.group(2)
        candidate = f"{local}@{domain}"
        if candidate.lower() in REAL_ADDRESSES:
            candidate = f"{local}-{host.split('.')[0]}@{domain}"
        return candidate
    return ADDRESS.sub(one, sender)


class Writer:
    def __init__(self, outdir, to, sender_domain=None):
        self.outdir, self.to, self.n = outdir, to, 0
        self.sender_domain = sender_domain

    def base(self, sender, subject, mailer=None):
        self.n += 1
        sender = rewrite_sender(sender, self.sender_domain)
        m = EmailMessage()
        m["From"] = sender
        m["To"] = self.to
        m["Subject"] = subject
        m["Date"] = format_datetime(BASE + timedelta(minutes=17 * self.n))
        m["Message-ID"] = f"<demo-{self.n:03d}.{zlib.crc32(sender.encode()) % 99991}@{sender.split('@')[-1].rstrip('>')}>"
        if mailer:
            m["X-Mailer"] = mailer
        return m

    def save(self, m, name):
        # Fixed boundaries so the demo mail is the same bytes every run.
        for depth, part in enumerate(m.walk()):
            if part.is_multipart():
                part.set_boundary(f"=_demo_{self.n:02d}_{depth}_part")
        path = os.path.join(self.outdir, f"{self.n:02d}-{name}.eml")
        with open(path, "wb") as f:
            f.write(m.as_bytes(policy=SMTP))


def main():
    outdir = sys.argv[1]
    to = "intake@example.test"
    if "--to" in sys.argv:
        to = sys.argv[sys.argv.index("--to") + 1]
    sender_domain = None
    if "--sender-domain" in sys.argv:
        sender_domain = sys.argv[sys.argv.index("--sender-domain") + 1]
    os.makedirs(outdir, exist_ok=True)
    w = Writer(outdir, to, sender_domain)

    # 1. Programme application, plain text, Thunderbird.
    m = w.base('"Ольга Сергеевна Мальцева" <o.maltseva@zelenyi-dom.example.test>',
               "Заявка на программу стажировки", "Mozilla Thunderbird 115")
    m.set_content(program_form('АНО "Зелёный дом"', "5902123456", "Пермь",
                               "«Инклюзивный туризм: от идеи до маршрута»",
                               "Два дня практики: разработка доступного маршрута,\nвыезд на маршрут, разбор ошибок.",
                               "2 (два)", "29-30 сентября 2026", "10 человек",
                               "г. Пермь, ул. Ленина, 50, офис 12", "Мальцева Ольга Сергеевна",
                               "8 (342) 212-34-56", "o.maltseva@zelenyi-dom.example.test"))
    w.save(m, "program-thunderbird")

    # 2. Programme application from Outlook, windows-1251 quoted-printable.
    m = w.base("Фонд «Добрые руки» <info@dobrye-ruki.example.test>",
               "Заявка: волонтёрский центр", "Microsoft Outlook 16.0")
    m.set_content(program_form("БФ «Добрые руки»", "ИНН/КПП: 5904123450 / 590401001", "Пермь",
                               "Как устроен волонтёрский центр",
                               "Знакомство с работой центра: набор, обучение и удержание волонтёров.",
                               "1 день", "15.10.2026", "8", "г. Пермь, ул. Сибирская, 27",
                               "Иванова Анна", "+7 342 233-44-55", "mailto:info@dobrye-ruki.example.test"),
                  charset="windows-1251", cte="quoted-printable")
    w.save(m, "program-outlook-cp1251")

    # 3. Programme application, HTML only (Mail.ru).
    m = w.base("Светлана Кудрина <kudrina.sveta@mail.example.test>", "заявка", None)
    rows = program_form("Молодёжный центр «Пульс»", "5911012345", "Березники",
                        "Школа молодёжного лидера", "Тренинги и практика для лидеров молодёжных НКО.",
                        "2", "22 и 23 октября 2026 г.", "12", "г. Березники, ул. Мира, 5",
                        "Кудрина Светлана", "8-902-630-11-22", "kudrina.sveta@mail.example.test").splitlines()
    html = "<html><body>" + "".join(f"<div>{r}</div>" if r else "<div><br></div>" for r in rows) + \
        "<div><br></div><div>-- <br>Светлана, отправлено из Почты Mail.ru</div></body></html>"
    m.set_content(html, subtype="html")
    w.save(m, "program-mailru-html")

    # 4. Programme application with a mistake: dates do not match the duration, no consent.
    m = w.base("Клуб «Ветеран» <veteran.club@yandex.example.test>", "Программа стажировки", "Yandex.Mail")
    m.set_content(program_form("Клуб «Ветеран»", "59041234", "Пермь", "Серебряные волонтёры",
                               "Как вовлекать людей старшего возраста.", "1",
                               "12.11.2026 – 13.11.2026", "6", "Пермь, Комсомольский пр., 10",
                               "Петров П. П.", "2-12-12", "veteran.club@yandex.example.test", "[ ]"))
    w.save(m, "program-with-errors")

    # 5-16. Participant applications from remote territories.
    people = [
        ("Кривощёкова Мария Ивановна", "АНО «Развитие Кудымкара»", "сотрудник (методист)", "Кудымкарский муниципальный округ", "Кудымкар", "около 150 км", "8 (34260) 4-12-34", "krivoschekova@kudymkar.example.test", "1. №1 «Инклюзивный туризм»\n2. №3", "Хочу научиться делать доступные маршруты для нашего округа."),
        ("Соколов Андрей Петрович", "Общество инвалидов Чайковского", "волонтёр", "Чайковский городской округ", "Чайковский", "220", "+7 912 345-67-89", "sokolov.a@chaik.example.test", "2, 1", "Развиваем волонтёрство в городе."),
        ("Ишмухаметова Гульнара Рафаэлевна", "Бардымский центр культуры", "сотрудник", "Бардымский муниципальный округ", "Барда", "125", "89123456789", "gulnara.barda@mail.example.test", "1", "Делаем этнотуры и хотим сделать их доступными."),
        ("Лебедева Ирина", "ТОС «Северный»", "волонтёр", "Чердынский городской округ", "Чердынь", "300 км", "8-34240-2-11-33", "lebedeva.tos@cherdyn.example.test", "3", "Хотим открыть у себя волонтёрский центр."),
        ("Пономарёва Наталья Викторовна", "Совет ветеранов Осы", "сотрудник", "Осинский городской округ", "Оса", "около 130 км", "8 902 000 12 34", "ponomareva.osa@yandex.example.test", "2", "Ищем новые формы работы со старшим поколением."),
        ("Васильев Игорь", "Кунгурский молодёжный центр", "волонтёр", "Кунгурский муниципальный округ", "Кунгур", "80", "+79501112233", "vasiliev.kungur@gmail.example.test", "3, 1", "Школа лидера для наших волонтёров."),
    ]
    mailers = ["iPhone Mail (20G75)", "Android Gmail", "Microsoft Outlook 16.0", "Yandex.Mail", "Mail.ru Mobile", "Thunderbird"]
    for i, p in enumerate(people):
        name, org, pos, dist, loc, km, phone, email, progs, motiv = p
        m = w.base(f"{name.split()[1]} {name.split()[0]} <{email}>", "Заявка участника", mailers[i % len(mailers)])
        body = participant_form(name, org, pos, dist, loc, km, phone, email, progs, motiv)
        if i == 0:
            # Phone client: format=flowed with a signature that has a phone number.
            m.set_content(body + "\n-- \nМария, +7 999 111-22-33\nОтправлено с iPhone\n")
            m.replace_header("Content-Type", 'text/plain; charset="utf-8"; format=flowed')
        elif i == 1:
            # Typed above the quoted blank form.
            m.set_content(body + "\n\n-----Original Message-----\nFrom: intake@example.test\n\n> ЗАЯВКА УЧАСТНИКА\n> ФИО:\n> Организация:\n")
        elif i == 2:
            # .docx attachment with a short cover note.
            m.set_content("Добрый день! Заявка во вложении.\nС уважением, Гульнара")
            m.add_attachment(docx_bytes(body.splitlines()), maintype="application",
                             subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                             filename="Заявка участника.docx")
        elif i == 3:
            # .txt attachment in windows-1251.
            m.set_content("Здравствуйте, отправляю заявку.")
            m.add_attachment(body.encode("cp1251"), maintype="text", subtype="plain",
                             filename="zayavka.txt", params={"charset": "windows-1251"})
        else:
            m.set_content(body)
        w.save(m, f"participant-{i + 1}")

    # A participant form with problems: too many programmes, missing phone, unreadable distance.
    m = w.base("Гусев Олег <gusev@ocher.example.test>", "Re: заявка", "Android Gmail")
    m.set_content(participant_form("Гусев Олег Николаевич", "Очёрский краеведческий клуб", "волонтёр",
                                   "Очёрский городской округ", "Очёр", "далеко", "", "gusev@ocher.example.test",
                                   "1, 2, 3, 4", "Интересно всё."))
    w.save(m, "participant-errors")

    # A resubmission (same sender) that replaces the earlier one.
    m = w.base("Андрей Соколов <sokolov.a@chaik.example.test>", "Заявка участника (исправленная)", "Android Gmail")
    m.set_content(participant_form("Соколов Андрей Петрович", "Общество инвалидов Чайковского", "сотрудник",
                                   "Чайковский городской округ", "Чайковский", "220", "+7 912 345-67-89",
                                   "sokolov.a@chaik.example.test", "1", "Исправил должность и оставил одну программу."))
    w.save(m, "participant-resubmission")

    # A forwarded application (message/rfc822).
    inner = EmailMessage()
    inner["From"] = "Зуева Елена <zueva@kuyeda.example.test>"
    inner["To"] = "secretary@ngo-kuyeda.example.test"
    inner["Subject"] = "Заявка"
    inner["Date"] = format_datetime(BASE)
    inner.set_content(participant_form("Зуева Елена Аркадьевна", "Куединское общество многодетных", "сотрудник",
                                       "Куединский муниципальный округ", "Куеда", "180", "8 (34262) 3-12-45",
                                       "zueva@kuyeda.example.test", "№ 2 Как устроен волонтёрский центр", "Мы начинаем."))
    m = w.base("Секретарь НКО Куеды <secretary@ngo-kuyeda.example.test>", "Fwd: Заявка", "Microsoft Outlook 16.0")
    m.set_content("Пересылаю заявку нашей сотрудницы.\n")
    m.add_attachment(inner)
    w.save(m, "participant-forwarded")

    # More programme applications (Gmail multipart/alternative; Apple Mail).
    for sender, org, inn, loc, title, days, dates, seats, mailer in [
        ("Павел Юдин <yudin@ecoperm.example.test>", "Экологический союз «ЭкоПермь»", "5902 654 321", "Пермь",
         "Раздельный сбор в малом городе", "1", "2026-11-20", "15", "Apple Mail (2.3774)"),
        ("Елена Ситникова <sitnikova@krasnokamsk.example.test>", "АНО «Семья Прикамья»", "590801234567", "Краснокамск",
         "Клуб приёмных семей", "2", "15 сентября 2026, 16 сентября 2026", "десять", "Gmail"),
    ]:
        m = w.base(sender, "Заявка на стажировку", mailer)
        text = program_form(org, inn, loc, title, "Практика и разбор кейсов.", days, dates, seats,
                            f"{loc}, ул. Советская, 1", sender.split("<")[0].strip(), "+7 (342) 200-00-01",
                            sender.split("<")[1].rstrip(">"))
        m.set_content(text)
        m.add_alternative("<div dir=\"ltr\">" + "<br>".join(text.splitlines()) + "</div>", subtype="html")
        w.save(m, "program-alternative")

    # A participant from Полазна (Добрянский округ, 33 km): the 50 km rule fails there.
    m = w.base("Ткачук Вера <tkachuk.polazna@mail.example.test>", "Заявка", "Mail.ru Mobile")
    m.set_content(participant_form("Ткачук Вера Павловна", "Полазненский женсовет", "волонтёр",
                                   "Добрянский городской округ", "Полазна", "55", "+7 951 900-11-22",
                                   "tkachuk.polazna@mail.example.test", "1", "Хотим обмениваться опытом."))
    w.save(m, "participant-polazna")

    # A participant from a place the tables do not know.
    m = w.base("Мартынов Степан <martynov@derevnya.example.test>", "Заявка участника", "Yandex.Mail")
    m.set_content(participant_form("Мартынов Степан Ильич", "Сельский клуб «Родник»", "сотрудник",
                                   "Юсьвинский муниципальный округ", "д. Пожва-Заречная", "170", "8 912 111 2233",
                                   "martynov@derevnya.example.test", "2", "Мы маленький клуб, хотим расти."))
    w.save(m, "participant-unknown-place")

    # Expert score sheets.
    for i, (expert, email, num, scores) in enumerate([
        ("Белова Татьяна", "expert1@example.test", "№ 1", ("8/10", "9 из 10", "7 баллов", "8")),
        ("Кузнецов Роман", "expert2@example.test", "заявка № 2", ("7", "7", "6", "7")),
    ]):
        m = w.base(f"{expert} <{email}>", f"Оценка {num}", "Microsoft Outlook 16.0")
        m.set_content(f"""ЭКСПЕРТНАЯ ОЦЕНКА

Эксперт: {expert}
Номер заявки: {num}
Актуальность (0–10): {scores[0]}
Практическая польза (0–10): {scores[1]}
Реалистичность (0–10): {scores[2]}
Качество программы (0–10): {scores[3]}
Комментарий: Хорошая программа, но стоит уточнить логистику.
Конфликт интересов (да/нет): нет, не имею
""")
        w.save(m, f"score-{i + 1}")

    # Questions with no form: they get the help reply (once a day) and reach the digest.
    for sender, subject, text in [
        ("Николай <nik.lysva@mail.example.test>", "Вопрос", "Здравствуйте! Можно ли участвовать, если мы из Лысьвы? Как подать заявку?"),
        ("Николай <nik.lysva@mail.example.test>", "Вопрос ещё", "И ещё: сколько программ можно выбрать?"),
        ("Анна Гордеева <gordeeva@perm-ngo.example.test>", "Стажировки", "<p>Добрый день! Пришлите, пожалуйста, форму заявки.</p>"),
    ]:
        m = w.base(sender, subject, "Mail.ru Mobile")
        if text.startswith("<"):
            m.set_content(text, subtype="html")
        else:
            m.set_content(text)
        w.save(m, "question")

    # Robots: an out-of-office reply, a bounce, a list mailing, our own mail coming back.
    m = w.base("Ирина Лебедева <lebedeva.tos@cherdyn.example.test>", "Автоответ: Заявка участника", "Microsoft Outlook 16.0")
    m["Auto-Submitted"] = "auto-replied"
    m.set_content("Я в отпуске до 1 августа. По срочным вопросам звоните в офис.")
    w.save(m, "auto-reply")

    # A real RFC 3464 bounce for an earlier reply of ours.
    w.n += 1
    bounce = f"""From: Mail Delivery System <MAILER-DAEMON@mx.example.test>
To: {w.to}
Subject: Undelivered Mail Returned to Sender
Date: {format_datetime(BASE + timedelta(minutes=17 * w.n))}
Message-ID: <bounce-{w.n:03d}@mx.example.test>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="B0UNCE-7731"

--B0UNCE-7731
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.test.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<nobody@cherdyn.example.test>: host mx said: 550 5.1.1 User unknown

--B0UNCE-7731
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.test

Final-Recipient: rfc822; nobody@cherdyn.example.test
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--B0UNCE-7731
Content-Type: text/rfc822-headers

From: intake@example.test
To: nobody@cherdyn.example.test
Subject: =?UTF-8?B?0JfQsNGP0LLQutCw?=
Message-ID: <reply-7.intake@example.test>

--B0UNCE-7731--
"""
    with open(os.path.join(outdir, f"{w.n:02d}-bounce.eml"), "wb") as f:
        f.write(bounce.replace("\n", "\r\n").encode())

    m = w.base("Новости НКО Прикамья <news@lists.example.test>", "Дайджест новостей НКО", None)
    m["List-Id"] = "<ngo-news.lists.example.test>"
    m["Precedence"] = "bulk"
    m.set_content("Новости недели: конкурсы, гранты, обучение.")
    w.save(m, "list-mail")

    # An expert's sheet from a look-alike address (held for a coordinator, never counted).
    m = w.base("Белова Татьяна <expert1@example-test.example.test>", "Оценка № 2", None)
    m.set_content("ЭКСПЕРТНАЯ ОЦЕНКА\n\nЭксперт: Белова Татьяна\nНомер заявки: 2\nАктуальность (0–10): 10\nПрактическая польза (0–10): 10\nРеалистичность (0–10): 10\nКачество программы (0–10): 10\nКонфликт интересов (да/нет): нет\n")
    w.save(m, "score-spoofed")

    print(w.n)


if __name__ == "__main__":
    main()
