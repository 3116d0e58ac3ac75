#!/usr/bin/env python3
"""Builds the MIME fixtures of the Forms corpus (.eml with HTML bodies, charsets, .docx and
forwarded attachments) and the .docx files. Expected values live in the hand-written .json
files next to them. Run from anywhere: python3 Tests/FormsTests/make_corpus.py"""
import base64, io, os, quopri, zipfile, zlib
from email.utils import formatdate

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus")
DATE = "Mon, 04 Sep 2023 09:12:00 +0500"

def docx(paragraphs=(), rows=(), extra_xml=""):
    """A minimal WordprocessingML package: paragraphs, then one table of rows (lists of cells)."""
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    def para(text):
        runs = []
        for i, chunk in enumerate(text.split("\t")):
            if i: runs.append("<w:r><w:tab/></w:r>")
            if chunk: runs.append('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>' % esc(chunk))
        return "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>%s</w:p>" % "".join(runs)
    body = "".join(para(p) for p in paragraphs)
    if rows:
        body += "<w:tbl><w:tblPr/>"
        for row in rows:
            body += "<w:tr>"
            for cell in row:
                body += "<w:tc><w:tcPr/>" + "".join(para(x) if not x.startswith("<") else x for x in cell.split("\n")) + "</w:tc>"
            body += "</w:tr>"
        body += "</w:tbl>"
    body += extra_xml
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:body>%s<w:sectPr/></w:body></w:document>' % body)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        # Fixed timestamps keep the generated files byte-identical between runs.
        def info(name):
            return zipfile.ZipInfo(name, date_time=(2023, 9, 1, 12, 0, 0))
        z.writestr(info("[Content_Types].xml"),
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr(info("_rels/.rels"),
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr(info("word/document.xml"), document, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()

def b64(data):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))

def headers(frm, subject, extra=""):
    from email.header import Header
    subj = Header(subject, "utf-8").encode()
    return ("From: %s\r\nTo: Программа стажировок <staj@example.org>\r\nSubject: %s\r\nDate: %s\r\n"
            "Message-ID: <%s@client.example>\r\nMIME-Version: 1.0\r\n%s" % (frm, subj, DATE, zlib.crc32(subject.encode()), extra))

def text_part(text, charset="utf-8", cte="base64", ctype="text/plain", name=None):
    data = text.replace("\n", "\r\n").encode(charset)
    disp = ""
    params = '; charset="%s"' % charset if charset else ""
    if name:
        params += '; name="%s"' % name
        disp = 'Content-Disposition: attachment; filename="%s"\r\n' % name
    if cte == "base64":
        body = b64(data)
    else:
        body = quopri.encodestring(data).decode("ascii")
    return "Content-Type: %s%s\r\nContent-Transfer-Encoding: %s\r\n%s\r\n%s\r\n" % (ctype, params, cte, disp, body)

def binary_part(data, ctype, name):
    return ('Content-Type: %s; name="%s"\r\nContent-Transfer-Encoding: base64\r\n'
            'Content-Disposition: attachment; filename="%s"\r\n\r\n%s\r\n' % (ctype, name, name, b64(data)))

def multipart(kind, parts, boundary):
    out = 'Content-Type: multipart/%s; boundary="%s"\r\n\r\nThis is a multi-part message in MIME format.\r\n' % (kind, boundary)
    for p in parts:
        out += "--%s\r\n%s" % (boundary, p)
    return out + "--%s--\r\n" % boundary

def write(name, content):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(content.encode("utf-8") if isinstance(content, str) else content)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

PROGRAM_CP1251 = """ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ
Организация: МАУ «Дом народного творчества», Ильинский
ИНН: 5937 001234
Населённый пункт: п. Ильинский
Название программы: «Народный календарь: праздники для всех»
Описание программы:
Как вовлечь жителей в подготовку праздников.
Мастер-классы и репетиции.
Продолжительность (дней: 1 или 2): 1
Даты проведения: 21.10.2023
Количество мест: 9
Адрес площадки: п. Ильинский, ул. Ленина, 4
Контактное лицо: Патракова Ольга
Телефон: 8 (34276) 9-15-15
Email: DNT-ilinsky@yandex.ru
Согласие на обработку персональных данных: [x]
"""

SCORE_NOCHARSET = """ЭКСПЕРТНАЯ ОЦЕНКА
Эксперт: Сафронова Елена
Номер заявки: 12
Актуальность (0–10): 9
Практическая польза (0–10): 8
Реалистичность (0–10): 8
Качество программы (0–10): 9
Комментарий: Рекомендую.
Конфликт интересов (да/нет): нет
"""

def main():
    # 1. HTML-only (Mail.ru style), our blank form quoted in a blockquote below.
    html = """<html><head><meta charset="utf-8"><style>p{margin:0}</style></head><body>
<div>Добрый день! Моя заявка:</div><div><br></div>
<div><b>ЗАЯВКА УЧАСТНИКА</b></div>
<div>ФИО: Ершова Дарья Олеговна</div>
<div>Организация: АНО&nbsp;«Зелёный Кизел»</div>
<div>Должность (сотрудник/волонтёр): сотрудник</div>
<div>Муниципальный округ: Кизеловский</div>
<div>Населённый пункт: Кизел</div>
<div>Расстояние до Перми (км): 180</div>
<div>Телефон: <a href="tel:+79029998877">+7 902 999-88-77</a></div>
<div>Email: <a href="mailto:ershova@zelkizel.ru">ershova@zelkizel.ru</a></div>
<div>Выбранные программы (не более 3, в порядке приоритета): №9 &laquo;Экотропа своими руками&raquo;</div>
<div>Согласие на обработку персональных данных: &#9746;</div>
<div><br></div>
<div>--<br>Дарья, тел. 8 (34255) 5-55-55</div>
<div><br></div>
<div>Понедельник, 3 июля 2023, 10:15 +05:00 от Программа стажировок &lt;staj@example.org&gt;:<br>
<blockquote style="border-left:1px solid #0857A6;margin:10px;padding:0 0 0 10px;">
<div>ЗАЯВКА УЧАСТНИКА</div><div>ФИО:</div><div>Организация:</div><div>Телефон:</div><div>Email:</div>
<div>Согласие на обработку персональных данных: [ ]</div>
</blockquote></div>
</body></html>"""
    write("eml-01-html-only-mailru.eml", headers("Дарья <ershova@zelkizel.ru>", "Re: Заявка участника") +
          text_part(html, ctype="text/html"))

    # 2. .txt attachment in windows-1251, declared.
    write("eml-02-txt-attachment-cp1251.eml", headers("ДНТ <dnt-ilinsky@yandex.ru>", "Заявка на программу") +
          multipart("mixed", [text_part("Добрый день! Заявка во вложении.\n\nПатракова О. В.\n"),
                              text_part(PROGRAM_CP1251, charset="windows-1251", name="zayavka.txt")], "b1"))

    # 3. .txt attachment in windows-1251 with no charset label.
    data = SCORE_NOCHARSET.replace("\n", "\r\n").encode("windows-1251")
    write("eml-03-txt-attachment-unlabelled-cp1251.eml", headers("Сафронова <safronova@example.net>", "Оценка 12") +
          multipart("mixed", [text_part("Оценка во вложении.\n"),
                              'Content-Type: text/plain; name="ocenka12.txt"\r\nContent-Transfer-Encoding: base64\r\n'
                              'Content-Disposition: attachment; filename="ocenka12.txt"\r\n\r\n' + b64(data) + "\r\n"], "b2"))

    # 4. .docx with paragraphs (participant).
    d = docx(paragraphs=["ЗАЯВКА УЧАСТНИКА", "ФИО:\tЗахарова Юлия Александровна", "Организация: АНО «Берег» & партнёры",
                         "Должность (сотрудник/волонтёр): волонтёр", "Муниципальный округ: Березниковский",
                         "Населённый пункт: Березники", "Расстояние до Перми (км): 180 км", "Телефон: 8-912-111-22-33",
                         "Email: zaharova.yu@mail.ru", "Выбранные программы (не более 3, в порядке приоритета):",
                         "1. №5 «Школа волонтёра»", "2. №2 «Инклюзивный туризм»", "Мотивация:", "Хочу учиться.",
                         "Согласие на обработку персональных данных: согласна"])
    write("docx-participant-paragraphs.docx", d)
    write("eml-04-docx-paragraphs.eml", headers("Юлия <zaharova.yu@mail.ru>", "заявка") +
          multipart("mixed", [text_part("Здравствуйте, заявка в файле.\n"), binary_part(d, DOCX, "Заявка Захарова.docx")], "b3"))

    # 5. .docx with a table (program), Wingdings checkbox symbol, entities.
    checked = '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>'
    d = docx(paragraphs=["ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ", "Версия формы: program-2023.1"],
             rows=[["Организация", "АНО «Кама & Ко»"], ["ИНН", "5948 012345"], ["Населённый пункт", "с. Фролы"],
                   ["Название программы", "«Сельский коворкинг»"],
                   ["Описание программы", "Как открыть коворкинг в селе.\nОпыт трёх лет работы."],
                   ["Продолжительность (дней: 1 или 2)", "2"], ["Даты проведения", "19–20 октября 2023 г."],
                   ["Количество мест", "8"], ["Адрес площадки:", "с. Фролы, ул. Весенняя, 2"],
                   ["Контактное лицо", "Лунегова Анна"], ["Телефон", "+7 (342) 299-00-11"], ["Email", "kama.co@mail.ru"],
                   ["Согласие на обработку персональных данных", "<w:p>" + checked + "<w:r><w:t xml:space=\"preserve\"> да</w:t></w:r></w:p>"]])
    write("docx-program-table.docx", d)
    # The same file next to a cover note with a contact line (text corpus companion).
    write("program-14-cover-note-and-docx.docx", d)
    write("eml-05-docx-table.eml", headers("Анна Лунегова <kama.co@mail.ru>", "Заявка на программу") +
          multipart("mixed", [text_part("Добрый день. Направляем заявку (файл Word).\n\n-- \nАнна, 8 912 000 00 00\n"),
                              binary_part(d, DOCX, "zayavka_programma.docx")], "b4"))

    # 6. Forwarded message/rfc822 with a feedback form.
    inner = (headers("Павел <pavel.k@mail.ru>", "Отзыв") +
             text_part("ОТЗЫВ О СТАЖИРОВКЕ\nНомер заявки: 33\nОценка программы (1–5): 4\n"
                       "Самооценка компетенций до стажировки (1–10): 6\nСамооценка компетенций после стажировки (1–10): 8\n"
                       "Что было полезным: экскурсия по площадке\nЧто вы примените в своей организации: систему учёта волонтёров\n"
                       "Предложения: больше практики\n"))
    write("eml-06-forwarded-rfc822.eml", headers("Координатор НКО <nko@example.net>", "Fwd: Отзыв") +
          multipart("mixed", [text_part("Пересылаю отзыв нашего сотрудника.\n"),
                              'Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="otzyv.eml"\r\n\r\n' + inner], "b5"))

    # 7. RSVP reply with In-Reply-To/References and a token in the subject.
    write("eml-07-rsvp-references.eml",
          headers("Мария <maria.ivanova@mail.ru>", "Re: Приглашение на стажировку [INV-7KQ2M]",
                  "In-Reply-To: <inv-7kq2m.1@example.org>\r\nReferences: <help.1@example.org> <inv-7kq2m.1@example.org>\r\n") +
          text_part("ДА\n\nпт, 8 сент. 2023 г. в 12:00, Программа стажировок <staj@example.org>:\n> Приглашаем вас.\n> Даты проведения: 29-30 сентября 2023\n> Адрес площадки: г. Кудымкар\n", cte="quoted-printable"))

    # 8. Outlook quoted-printable windows-1251, "From:/Sent:" without a separator, idea form.
    write("eml-08-outlook-qp-cp1251.eml", headers("Ирина <tochka.osa@mail.ru>", "RE: Идеи проектов") +
          text_part("ИДЕЯ СОВМЕСТНОГО ПРОЕКТА\nНазвание идеи: Школа сельских медиа\nОрганизации-партнёры: АНО «Точка роста»; "
                    "Фонд «Живая вода»\nКраткое описание: Серия выездных школ для авторов сельских пабликов.\n"
                    "Что необходимо: ноутбук, проектор, транспорт\nКонтакт: Лебедева Ирина, tochka.osa@mail.ru\n\n"
                    "From: Программа стажировок <staj@example.org>\nSent: Tuesday, October 10, 2023 9:00 AM\n"
                    "To: tochka.osa@mail.ru\nSubject: Идеи проектов\n\nИДЕЯ СОВМЕСТНОГО ПРОЕКТА\nНазвание идеи:\n"
                    "Контакт: staj@example.org\n", charset="windows-1251", cte="quoted-printable"))

    # 9. multipart/alternative: text and HTML of the same score sheet.
    plain = "Эксперт: Ожгибесов Р.\nНомер заявки: 7\nАктуальность: 5\nПрактическая польза: 6\nРеалистичность: 7\nКачество программы: 5\nКонфликт интересов: нет\n"
    htmlv = "<html><body>" + "".join("<p>%s</p>" % l for l in plain.strip().split("\n")) + "</body></html>"
    write("eml-09-alternative.eml", headers("Роман <ozh@example.net>", "оценка 7") +
          multipart("alternative", [text_part(plain, cte="quoted-printable"), text_part(htmlv, ctype="text/html")], "b6"))

    # 10. HTML table form (Outlook HTML paste), nested layout tables.
    rows = [("ФИО", "Хохлова Антонина"), ("Организация", "Совет ветеранов, Карагай"), ("Должность", "волонтёр"),
            ("Муниципальный округ", "Карагайский"), ("Населённый пункт", "с. Карагай"), ("Расстояние до Перми (км)", "около 120 км"),
            ("Телефон", "8 (34297) 3-12-12"), ("E-mail", "HOHLOVA.A@MAIL.RU"), ("Выбранные программы", "2; 7"),
            ("Согласие на обработку персональных данных", "[x]")]
    table = "<table><tr><td><table border=1>" + "".join("<tr><td><p><b>%s</b></p></td><td><p>%s</p></td></tr>" % r for r in rows) + "</table></td></tr></table>"
    write("eml-10-html-table.eml", headers("Антонина <hohlova.a@mail.ru>", "Заявка участника") +
          text_part("<html><body><p>ЗАЯВКА УЧАСТНИКА</p>" + table + "</body></html>", ctype="text/html", cte="quoted-printable"))

    # 11. Forwarded message whose only form is a .docx attachment.
    d = docx(paragraphs=["ИДЕЯ СОВМЕСТНОГО ПРОЕКТА", "Название идеи: Фестиваль «Вместе»",
                         "Организации-партнёры: АНО «Берег»; МОО «Молодёжь Гайн»", "Краткое описание: Межрайонный фестиваль",
                         "Что необходимо: сцена", "Контакт: bereg@bereg-berezniki.ru"])
    write("docx-idea.docx", d)
    inner = headers("Нина <bereg@bereg-berezniki.ru>", "идея") + multipart("mixed", [text_part("См. файл\n"), binary_part(d, DOCX, "idea.docx")], "in1")
    write("eml-11-forward-with-docx.eml", headers("Нина <bereg@bereg-berezniki.ru>", "Fwd: идея") +
          multipart("mixed", [text_part("Пересылаю, не дошло.\n"), 'Content-Type: message/rfc822\r\n\r\n' + inner], "b7"))

    # 12. Gmail HTML reply typed into the quote (blockquote after the attribution).
    html = """<div dir="ltr">Заполнила в письме ниже</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">пн, 3 июл. 2023 г. в 10:15, Программа стажировок &lt;<a href="mailto:staj@example.org">staj@example.org</a>&gt;:<br></div>
<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">
<div>ЭКСПЕРТНАЯ ОЦЕНКА</div><div>Эксперт: Субботина Вера</div><div>Номер заявки: №3</div><div>Актуальность (0–10): 7</div>
<div>Практическая польза (0–10): 7</div><div>Реалистичность (0–10): 8</div><div>Качество программы (0–10): 6</div>
<div>Комментарий:</div><div>Конфликт интересов (да/нет): нет</div></blockquote></div>"""
    write("eml-12-gmail-html-typed-into-quote.eml", headers("Вера <subbotina@gmail.com>", "Re: оценочный лист") +
          multipart("alternative", [text_part("Заполнила в письме ниже\n\nпн, 3 июл. 2023 г. в 10:15, Программа стажировок <staj@example.org>:\n\n> ЭКСПЕРТНАЯ ОЦЕНКА\n> Эксперт: Субботина Вера\n> Номер заявки: №3\n> Актуальность (0–10): 7\n> Практическая польза (0–10): 7\n> Реалистичность (0–10): 8\n> Качество программы (0–10): 6\n> Комментарий:\n> Конфликт интересов (да/нет): нет\n"),
                                    text_part(html, ctype="text/html")], "b8"))

    # 13. Deeply nested HTML with a form at the bottom.
    nested = "<div>" * 5000 + "ЗАЯВКА УЧАСТНИКА<br>ФИО: Глушкова Ия<br>" + "</div>" * 5000
    write("eml-13-deeply-nested-html.eml", headers("Ия <iya@example.net>", "заявка") + text_part(nested, ctype="text/html"))

main()
