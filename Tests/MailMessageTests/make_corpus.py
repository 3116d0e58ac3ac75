#!/usr/bin/env python3
"""Writes the MailMessage corpus: real-world-shaped .eml files and, next to each, the
expected result written by hand (NAME.expected.json). The .eml files are committed; run
this again only to add or change a case. Expectations state what each message means
(sender, subject, class, text, attachments, defects) and are not copied from parser output.
"""
import base64, json, os, quopri, sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus")
CASES = []


def case(name, eml, **expected):
    if isinstance(eml, str):
        eml = eml.encode("utf-8")
    CASES.append((name, eml, expected))


def crlf(s):
    """Text with LF line ends -> CRLF bytes (encoded later by the caller)."""
    return s.replace("\r\n", "\n").replace("\n", "\r\n")


def b64(data, width=76):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + width] for i in range(0, len(s), width))


def qp(data):
    return quopri.encodestring(data).decode("ascii").replace("\r\n", "\n").replace("\n", "\r\n")


def ew(text, charset="UTF-8", enc="B"):
    data = text.encode(charset)
    if enc.upper() == "B":
        return "=?%s?%s?%s?=" % (charset, enc, base64.b64encode(data).decode())
    q = "".join(chr(c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122) else "=%02X" % c for c in data)
    return "=?%s?%s?%s?=" % (charset, enc, q.replace("=20", "_"))


def raw(s, charset):
    return s.encode(charset)

# ---------------------------------------------------------------------------------------
# Outlook: windows-1251, quoted-printable, multipart/alternative, X-Auto-Response-Suppress
# on a human message (it must NOT make it an auto-reply).
plain = "Добрый день!\n\nНаправляем заявку на программу стажировки.\nОрганизация: АНО «Ресурсный центр»\n\nС уважением,\nМарина Сергеевна\n"
html = "<html><head><style>p{margin:0}</style></head><body><p>Добрый день!</p><p>Направляем заявку на программу стажировки.<br>Организация: АНО &laquo;Ресурсный центр&raquo;</p><p>С уважением,<br>Марина Сергеевна</p></body></html>"
case("outlook-cp1251-qp", crlf(f"""Received: from mx.example.test by intake.example.test; Mon, 11 Sep 2023 09:15:02 +0500
From: {ew("Марина Сергеевна", "windows-1251")} <marina@rc-kudymkar.test>
To: "intake@example.test" <intake@example.test>
Subject: {ew("Заявка на программу стажировки", "windows-1251")}
Date: Mon, 11 Sep 2023 10:14:55 +0300
Message-ID: <000001d9e46b$1c2a3b40$547eb1c0$@rc-kudymkar.test>
MIME-Version: 1.0
Content-Type: multipart/alternative;
\tboundary="----=_NextPart_000_0001_01D9E48D.8A4F0B60"
X-Mailer: Microsoft Outlook 16.0
Thread-Index: AdnkaxcqDXjfc3ZnRgqpoF0nM1v7Aw==
Content-Language: ru
X-Auto-Response-Suppress: All

This is a multipart message in MIME format.

------=_NextPart_000_0001_01D9E48D.8A4F0B60
Content-Type: text/plain;
\tcharset="windows-1251"
Content-Transfer-Encoding: quoted-printable

""").encode() + qp(crlf(plain).encode("cp1251")).encode() + crlf(f"""
------=_NextPart_000_0001_01D9E48D.8A4F0B60
Content-Type: text/html;
\tcharset="windows-1251"
Content-Transfer-Encoding: quoted-printable

""").encode() + qp(html.encode("cp1251")).encode() + crlf("""
------=_NextPart_000_0001_01D9E48D.8A4F0B60--
""").encode(),
    from_="marina@rc-kudymkar.test", from_name="Марина Сергеевна",
    subject="Заявка на программу стажировки",
    message_id="000001d9e46b$1c2a3b40$547eb1c0$@rc-kudymkar.test",
    date="2023-09-11T07:14:55Z", **{"class": "human"},
    text=plain, html_text_contains=["Организация: АНО «Ресурсный центр»", "Марина Сергеевна"],
    attachments=[], defects=[])

# Exchange out-of-office in Russian.
case("outlook-autoreply-ru", crlf(f"""From: {ew("Петрова Анна", "UTF-8")} <petrova@ngo-perm.test>
To: intake@example.test
Subject: {ew("Автоматический ответ: Заявка на стажировку", "UTF-8")}
Date: Tue, 12 Sep 2023 08:00:01 +0000
Message-ID: <a1b2c3@EXCH01.ngo-perm.test>
Auto-Submitted: auto-generated
X-MS-Exchange-Inbox-Rules-Loop: petrova@ngo-perm.test
X-Auto-Response-Suppress: All
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

""") + b64(crlf("Я в отпуске до 25 сентября. По срочным вопросам пишите coord@ngo-perm.test.\n").encode()) + "\r\n",
    from_="petrova@ngo-perm.test", subject="Автоматический ответ: Заявка на стажировку",
    message_id="a1b2c3@EXCH01.ngo-perm.test", date="2023-09-12T08:00:01Z", **{"class": "auto_reply"},
    text="Я в отпуске до 25 сентября. По срочным вопросам пишите coord@ngo-perm.test.\n",
    attachments=[], defects=[])

# Mail.ru web: HTML only, base64 UTF-8, a form pasted as a table, style/script to drop.
html = ("<HTML><BODY><style>.b{color:red}</style><script>alert('x')</script>"
        "<div>Здравствуйте!</div><div>&nbsp;</div><div>Высылаю заполненную форму:</div>"
        "<table><tr><td>ФИО:</td><td>Иванова Ольга Петровна</td></tr>"
        "<tr><td>Организация</td><td>&quot;Добрые дела&quot;</td></tr></table>"
        "<div>Выбранные программы:</div><ul><li>№2 «Инклюзивный туризм»</li><li>№5 Волонтёры &amp; НКО</li></ul>"
        "<div>--<br>Ольга<br>Отправлено из Почты Mail.ru</div></BODY></HTML>")
case("mailru-html-only", crlf(f"""From: =?UTF-8?B?0J7Qu9GM0LPQsCDQmNCy0LDQvdC+0LLQsA==?= <olga.ivanova@mail.ru>
To: intake@example.test
Subject: =?UTF-8?B?0JfQsNGP0LLQutCwINGD0YfQsNGB0YLQvdC40LrQsA==?=
MIME-Version: 1.0
X-Mailer: Mail.Ru Mailer 1.0
X-Originating-IP: [10.161.57.40]
Date: Wed, 13 Sep 2023 14:02:11 +0300
Reply-To: =?UTF-8?B?0J7Qu9GM0LPQsCDQmNCy0LDQvdC+0LLQsA==?= <olga.ivanova@mail.ru>
Message-ID: <1694602931.123456789@f501.i.mail.ru>
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

""") + b64(html.encode()) + "\r\n",
    from_="olga.ivanova@mail.ru", from_name="Ольга Иванова", reply_to="olga.ivanova@mail.ru",
    subject="Заявка участника", message_id="1694602931.123456789@f501.i.mail.ru",
    date="2023-09-13T11:02:11Z", **{"class": "human"},
    text=("Здравствуйте!\n\nВысылаю заполненную форму:\n\nФИО: Иванова Ольга Петровна\n"
          "Организация: \"Добрые дела\"\n\nВыбранные программы:\n\n- №2 «Инклюзивный туризм»\n"
          "- №5 Волонтёры & НКО\n\n--\nОльга\nОтправлено из Почты Mail.ru"),
    text_excludes=["alert", "color:red"], attachments=[], defects=[])

# Yandex: multipart/alternative, text/plain 8bit UTF-8 first, HTML second.
case("yandex-alternative-8bit", crlf("""Received: from mail-nwsmtp-smtp-production-main-17.vla.yp-c.yandex.net
From: =?utf-8?B?0KHQtdGA0LPQtdC5INCa0YPQt9GM0LzQuNC9?= <kuzmin.s@yandex.ru>
To: intake@example.test
Subject: =?utf-8?B?UmU6INCf0YDQvtCz0YDQsNC80LzQsCDihJYxNw==?=
MIME-Version: 1.0
X-Mailer: Yamail [ http://yandex.ru ] 5.0
Date: Thu, 14 Sep 2023 16:40:00 +0500
Message-Id: <2381694691600@mail.yandex.ru>
In-Reply-To: <prog-17.ack@example.test>
References: <prog-17@example.test> <prog-17.ack@example.test>
Content-Type: multipart/alternative; boundary="----==--bound.238.web21o.yandex.ru"

------==--bound.238.web21o.yandex.ru
Content-Transfer-Encoding: 8bit
Content-Type: text/plain; charset=utf-8

Спасибо, получили. Даты подтверждаем: 29-30 сентября 2023.
------==--bound.238.web21o.yandex.ru
Content-Transfer-Encoding: 8bit
Content-Type: text/html; charset=utf-8

<div>Спасибо, получили. Даты подтверждаем: 29-30 сентября 2023.</div>
------==--bound.238.web21o.yandex.ru--
"""),
    from_="kuzmin.s@yandex.ru", from_name="Сергей Кузьмин", subject="Re: Программа №17",
    message_id="2381694691600@mail.yandex.ru", date="2023-09-14T11:40:00Z", **{"class": "human"},
    in_reply_to=["prog-17.ack@example.test"], references=["prog-17@example.test", "prog-17.ack@example.test"],
    text="Спасибо, получили. Даты подтверждаем: 29-30 сентября 2023.",
    html_text_contains=["Даты подтверждаем"], attachments=[], defects=[])

# Gmail: alternative, QP both, Authentication-Results from our receiving server.
plain = "Добрый вечер!\n\nОценка по заявке № 017 во вложении не нужна, пишу здесь:\nАктуальность: 8/10\n\n-- \nЭксперт\n"
case("gmail-alternative-qp", crlf("""Authentication-Results: mx.example.test;
\tdkim=pass header.d=gmail.com header.s=20230601 header.b=AbCdEf12;
\tspf=pass (mx.example.test: domain of expert.one@gmail.com designates 209.85.1.2 as permitted sender) smtp.mailfrom=expert.one@gmail.com;
\tdmarc=pass (p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com
MIME-Version: 1.0
From: Expert One <expert.one@gmail.com>
Date: Fri, 15 Sep 2023 19:05:33 +0500
Message-ID: <CAF=x8bQ+abc_DEF-123@mail.gmail.com>
Subject: =?UTF-8?Q?=D0=9E=D1=86=D0=B5=D0=BD=D0=BA=D0=B0_=E2=84=96017?=
To: intake@example.test
Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f60708"

--000000000000a1b2c3d4e5f60708
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

""").encode() + qp(crlf(plain).encode()).encode() + crlf("""
--000000000000a1b2c3d4e5f60708
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<div dir=3D"ltr">Добрый вечер!<div><br></div><div>Актуальность: 8/10</div></div>
--000000000000a1b2c3d4e5f60708--
""").encode("utf-8"),
    from_="expert.one@gmail.com", from_name="Expert One", subject="Оценка №017",
    message_id="CAF=x8bQ+abc_DEF-123@mail.gmail.com", date="2023-09-15T14:05:33Z", **{"class": "human"},
    auth={"authserv_id": "mx.example.test", "dkim": "pass", "spf": "pass", "dmarc": "pass"},
    text=plain, attachments=[], defects=[])

# Thunderbird: format=flowed, quotes, signature separator.
case("thunderbird-flowed", crlf("""Message-ID: <7c1f2a3b-1111-2222-3333-444455556666@chaik-ngo.test>
Date: Sat, 16 Sep 2023 11:20:00 +0500
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: ru
To: intake@example.test
From: Pavel Lebedev <pavel@chaik-ngo.test>
Subject: Re: Invitation
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

ДА, приеду. Это довольно длинная строка, которую Thunderbird перенёс по 
правилам format=flowed, чтобы уложиться в 72 символа.

On 15.09.2023 10:00, intake@example.test wrote:
> Приглашаем вас на стажировку. Пожалуйста, ответьте ДА или НЕТ до 20 
> сентября.

-- 
Павел
"""),
    from_="pavel@chaik-ngo.test", subject="Re: Invitation", date="2023-09-16T06:20:00Z",
    message_id="7c1f2a3b-1111-2222-3333-444455556666@chaik-ngo.test", **{"class": "human"},
    text=("ДА, приеду. Это довольно длинная строка, которую Thunderbird перенёс по правилам format=flowed, "
          "чтобы уложиться в 72 символа.\n\nOn 15.09.2023 10:00, intake@example.test wrote:\n"
          "> Приглашаем вас на стажировку. Пожалуйста, ответьте ДА или НЕТ до 20 сентября.\n\n-- \nПавел\n"),
    attachments=[], defects=[])

# K-9 Mail on Android: format=flowed; delsp=yes, quoted-printable.
body = "Здравствуйте! Форму заполнила в приложен=\r\nии, отправляю текстом ни=\r\nже.\r\nФИО: Смирнова Е. А.\r\n"
case("android-k9-flowed-delsp", crlf("""From: =?UTF-8?Q?=D0=95=D0=BB=D0=B5=D0=BD=D0=B0?= <smirnova.ea@yandex.ru>
To: intake@example.test
Subject: =?utf-8?q?=D0=97=D0=B0=D1=8F=D0=B2=D0=BA=D0=B0?=
Date: Sun, 17 Sep 2023 07:01:02 +0500
Message-ID: <9f8e7d6c-aaaa-bbbb@email.android.com>
User-Agent: K-9 Mail for Android
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes
Content-Transfer-Encoding: 8bit

""") + "Здравствуйте! Форму заполнила в приложен \r\nии, отправляю текстом ни \r\nже.\r\nФИО: Смирнова Е. А.\r\n",
    from_="smirnova.ea@yandex.ru", from_name="Елена", subject="Заявка", date="2023-09-17T02:01:02Z",
    message_id="9f8e7d6c-aaaa-bbbb@email.android.com", **{"class": "human"},
    text="Здравствуйте! Форму заполнила в приложении, отправляю текстом ниже.\nФИО: Смирнова Е. А.\n",
    attachments=[], defects=[])

# Apple Mail: mixed with text, inline image, text (text split around the image).
jpeg = bytes([0xFF, 0xD8, 0xFF, 0xE0]) + bytes(range(60)) + bytes([0xFF, 0xD9])
case("applemail-mixed-inline", crlf(f"""From: Nina Volkova <nina.volkova@icloud.com>
Content-Type: multipart/mixed;
\tboundary="Apple-Mail=_5B2D1C0A-7F0E-4E5E-9E8A-1A2B3C4D5E6F"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3731.600.7\\))
Subject: =?utf-8?B?0KTQvtGC0L4g0L/Qu9C+0YnQsNC00LrQuA==?=
Date: Mon, 18 Sep 2023 12:00:00 +0500
Message-Id: <F1E2D3C4-B5A6-4789-8123-456789ABCDEF@icloud.com>
To: intake@example.test
X-Mailer: Apple Mail (2.3731.600.7)


--Apple-Mail=_5B2D1C0A-7F0E-4E5E-9E8A-1A2B3C4D5E6F
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
\tcharset=utf-8

=D0=92=D0=BE=D1=82 =D0=BF=D0=BB=D0=BE=D1=89=D0=B0=D0=B4=D0=BA=D0=B0:

--Apple-Mail=_5B2D1C0A-7F0E-4E5E-9E8A-1A2B3C4D5E6F
Content-Disposition: inline;
\tfilename=IMG_0042.jpeg
Content-Type: image/jpeg;
\tx-unix-mode=0644;
\tname="IMG_0042.jpeg"
Content-Transfer-Encoding: base64

{b64(jpeg)}
--Apple-Mail=_5B2D1C0A-7F0E-4E5E-9E8A-1A2B3C4D5E6F
Content-Transfer-Encoding: 7bit
Content-Type: text/plain;
\tcharset=us-ascii

Nina
--Apple-Mail=_5B2D1C0A-7F0E-4E5E-9E8A-1A2B3C4D5E6F--
"""),
    from_="nina.volkova@icloud.com", subject="Фото площадки", date="2023-09-18T07:00:00Z",
    message_id="F1E2D3C4-B5A6-4789-8123-456789ABCDEF@icloud.com", **{"class": "human"},
    text="Вот площадка:\n\nNina",
    attachments=[{"filename": "IMG_0042.jpeg", "content_type": "image/jpeg", "size": len(jpeg)}], defects=[])

# iPhone: alternative, plain in base64.
plain = "Да, участвую.\n\nОтправлено с iPhone"
case("iphone-base64", crlf(f"""Content-Type: multipart/alternative; boundary=Apple-Mail-7A1B2C3D-4E5F
Content-Transfer-Encoding: 7bit
From: =?utf-8?B?0JDQu9C10LrRgdC10Lk=?= <alexey.k@icloud.com>
Mime-Version: 1.0 (1.0)
Date: Tue, 19 Sep 2023 21:15:40 +0500
Subject: Re: =?utf-8?B?0J/RgNC40LPQu9Cw0YjQtdC90LjQtQ==?=
Message-Id: <5D7E8F90-1234-4ABC-9DEF-00112233AABB@icloud.com>
In-Reply-To: <invite-42@example.test>
To: intake@example.test
X-Mailer: iPhone Mail (20G75)


--Apple-Mail-7A1B2C3D-4E5F
Content-Type: text/plain;
\tcharset=utf-8
Content-Transfer-Encoding: base64

{b64(plain.encode())}
--Apple-Mail-7A1B2C3D-4E5F
Content-Type: text/html;
\tcharset=utf-8
Content-Transfer-Encoding: 7bit

<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">&#1044;&#1072;, &#1091;&#1095;&#1072;&#1089;&#1090;&#1074;&#1091;&#1102;.<br><br><div>Отправлено с iPhone</div></body></html>
--Apple-Mail-7A1B2C3D-4E5F--
"""),
    from_="alexey.k@icloud.com", from_name="Алексей", subject="Re: Приглашение",
    message_id="5D7E8F90-1234-4ABC-9DEF-00112233AABB@icloud.com", date="2023-09-19T16:15:40Z",
    in_reply_to=["invite-42@example.test"], **{"class": "human"},
    text=plain, html_text_contains=["Да, участвую.\n\nОтправлено с iPhone"], attachments=[], defects=[])

# Mail.ru mobile app: text/plain QP UTF-8 with a soft break inside a two-byte character.
case("mailru-mobile-qp-split-char", crlf("""From: =?UTF-8?B?0JTQvNC40YLRgNC40Lk=?= <dm.orlov@bk.ru>
To: intake@example.test
Subject: =?UTF-8?B?0J3QldCi?=
Date: Wed, 20 Sep 2023 06:30:00 +0300
Message-ID: <1695180600.987654@mail.ru>
X-Mailer: Mail.Ru Mobile
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

=D0=9D=D0=95=D0=A2, =D0=BD=D0=B5 =D1=81=D0=BC=D0=BE=D0=B3=D1=83 =D0=
=BF=D1=80=D0=B8=D0=B5=D1=85=D0=B0=D1=82=D1=8C.

--
=D0=9E=D1=82=D0=BF=D1=80=D0=B0=D0=B2=D0=BB=D0=B5=D0=BD=D0=BE =D0=B8=D0=
=B7 =D0=BC=D0=BE=D0=B1=D0=B8=D0=BB=D1=8C=D0=BD=D0=BE=D0=B9 =D0=9F=D0=BE=
=D1=87=D1=82=D1=8B Mail.ru
"""),
    from_="dm.orlov@bk.ru", from_name="Дмитрий", subject="НЕТ", date="2023-09-20T03:30:00Z",
    message_id="1695180600.987654@mail.ru", **{"class": "human"},
    text="НЕТ, не смогу приехать.\n\n--\nОтправлено из мобильной Почты Mail.ru\n", attachments=[], defects=[])

# The Bat!: koi8-r, 8bit body, encoded subject.
body = "Добрый день.\n\nПрограмма: \"Сельский клуб как центр притяжения\".\nДаты: 22 и 23 сентября 2023 г.\n\n--\nС уважением,\n Сидоров                          mailto:sidorov@ochyor-ngo.test\n"
case("thebat-koi8r", crlf(f"""Date: Thu, 21 Sep 2023 13:13:13 +0500
From: =?koi8-r?B?88nEz9LP1w==?= <sidorov@ochyor-ngo.test>
X-Mailer: The Bat! (v3.5.25) Professional
Reply-To: =?koi8-r?B?88nEz9LP1w==?= <sidorov@ochyor-ngo.test>
Message-ID: <1234567890.20230921131313@ochyor-ngo.test>
To: intake@example.test
Subject: =?koi8-r?B?8NLPx9LBzc3B?=
MIME-Version: 1.0
Content-Type: text/plain; charset=koi8-r
Content-Transfer-Encoding: 8bit

""").encode() + crlf(body).encode("koi8-r"),
    from_="sidorov@ochyor-ngo.test", from_name="Сидоров", reply_to="sidorov@ochyor-ngo.test",
    subject="Программа", date="2023-09-21T08:13:13Z", message_id="1234567890.20230921131313@ochyor-ngo.test",
    **{"class": "human"}, text=body, attachments=[], defects=[])

# Thunderbird: forward as attachment (message/rfc822).
case("forward-as-attachment", crlf("""Message-ID: <fwd-1@chaik-ngo.test>
Date: Fri, 22 Sep 2023 09:00:00 +0500
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
From: Pavel Lebedev <pavel@chaik-ngo.test>
To: intake@example.test
Subject: Fwd: Заявка нашего волонтёра
Content-Type: multipart/mixed; boundary="------------A1B2C3D4E5F6A7B8C9D0E1F2"

This is a multi-part message in MIME format.
--------------A1B2C3D4E5F6A7B8C9D0E1F2
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

Пересылаю заявку волонтёра, у неё не получилось отправить самой.

--------------A1B2C3D4E5F6A7B8C9D0E1F2
Content-Type: message/rfc822; name="Заявка.eml"
Content-Disposition: attachment; filename="Заявка.eml"

From: Volunteer <vol@village.test>
To: pavel@chaik-ngo.test
Subject: =?UTF-8?B?0JfQsNGP0LLQutCw?=
Date: Thu, 21 Sep 2023 20:00:00 +0500
Message-ID: <orig-77@village.test>
Content-Type: text/plain; charset=UTF-8

ФИО: Кузнецова Мария
Организация: АНО «Родник»

--------------A1B2C3D4E5F6A7B8C9D0E1F2--
"""),
    from_="pavel@chaik-ngo.test", subject="Fwd: Заявка нашего волонтёра", date="2023-09-22T04:00:00Z",
    message_id="fwd-1@chaik-ngo.test", **{"class": "human"},
    text="Пересылаю заявку волонтёра, у неё не получилось отправить самой.\n",
    embedded=[{"from": "vol@village.test", "subject": "Заявка", "message_id": "orig-77@village.test",
               "text": "ФИО: Кузнецова Мария\nОрганизация: АНО «Родник»\n"}],
    attachments=[], defects=[])

# .docx attachment with an RFC 2231 filename split in continuations (Thunderbird style).
docx = b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml" + bytes(range(200)) + b"PK\x05\x06" + bytes(18)
fname = "Заявка на программу стажировки.docx"
enc = "".join("%%%02X" % c for c in fname.encode())
p0, p1 = enc[:60], enc[60:]
case("attachment-docx-rfc2231", crlf(f"""Message-ID: <docx-1@chaik-ngo.test>
Date: Sat, 23 Sep 2023 10:00:00 +0500
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
From: Pavel Lebedev <pavel@chaik-ngo.test>
To: intake@example.test
Subject: Program application
Content-Type: multipart/mixed; boundary="------------0A1B2C3D4E5F"

This is a multi-part message in MIME format.
--------------0A1B2C3D4E5F
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit

Application attached.

--------------0A1B2C3D4E5F
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
 name*0*=UTF-8''{p0};
 name*1*={p1}
Content-Disposition: attachment;
 filename*0*=UTF-8''{p0};
 filename*1*={p1}
Content-Transfer-Encoding: base64

{b64(docx)}

--------------0A1B2C3D4E5F--
"""),
    from_="pavel@chaik-ngo.test", subject="Program application", date="2023-09-23T05:00:00Z",
    message_id="docx-1@chaik-ngo.test", **{"class": "human"}, text="Application attached.\n",
    attachments=[{"filename": fname,
                  "content_type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "size": len(docx)}], defects=[])

# Outlook .txt attachment: RFC 2047 word inside the quoted filename, windows-1251 text.
txt = "ЭКСПЕРТНАЯ ОЦЕНКА\nЭксперт: Орлова Н. В.\nНомер заявки: 5\n"
case("attachment-txt-outlook-2047-name", crlf(f"""From: "Orlova N." <orlova@university.test>
To: <intake@example.test>
Subject: =?windows-1251?Q?=CE=F6=E5=ED=EA=E0?=
Date: Sun, 24 Sep 2023 18:00:00 +0500
Message-ID: <002801d9ef01$aa$bb@university.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="----=_NextPart_000_0027_01D9EF2A.1F"
X-Mailer: Microsoft Outlook 15.0

This is a multipart message in MIME format.

------=_NextPart_000_0027_01D9EF2A.1F
Content-Type: text/plain; charset="windows-1251"
Content-Transfer-Encoding: 8bit

""").encode() + crlf("Оценка во вложении.\n").encode("cp1251") + crlf(f"""
------=_NextPart_000_0027_01D9EF2A.1F
Content-Type: text/plain; name="{ew("Оценка_5.txt", "UTF-8")}"; charset="windows-1251"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="{ew("Оценка_5.txt", "UTF-8")}"

{b64(crlf(txt).encode("cp1251"))}

------=_NextPart_000_0027_01D9EF2A.1F--
""").encode(),
    from_="orlova@university.test", from_name="Orlova N.", subject="Оценка", date="2023-09-24T13:00:00Z",
    message_id="002801d9ef01$aa$bb@university.test", **{"class": "human"}, text="Оценка во вложении.\n",
    attachments=[{"filename": "Оценка_5.txt", "content_type": "text/plain", "size": len(crlf(txt).encode("cp1251")),
                  "text": txt}], defects=[])

# application/octet-stream .txt with no charset (cp1251 content): text detected.
txt = "ЗАЯВКА УЧАСТНИКА\nФИО: Белова Анна\nНаселённый пункт: Кудымкар\n"
case("attachment-octet-txt-detected", crlf(f"""From: anna.belova@rambler.ru
To: intake@example.test
Subject: zayavka
Date: Mon, 25 Sep 2023 08:08:08 +0300
Message-ID: <r-555@rambler.ru>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="=_rmbl_1"

--=_rmbl_1
Content-Type: text/plain; charset=utf-8

See attachment
--=_rmbl_1
Content-Type: application/octet-stream; name="zayavka.txt"
Content-Disposition: attachment; filename="zayavka.txt"
Content-Transfer-Encoding: base64

{b64(crlf(txt).encode("cp1251"))}
--=_rmbl_1--
"""),
    from_="anna.belova@rambler.ru", subject="zayavka", date="2023-09-25T05:08:08Z", message_id="r-555@rambler.ru",
    **{"class": "human"}, text="See attachment",
    attachments=[{"filename": "zayavka.txt", "content_type": "application/octet-stream",
                  "size": len(crlf(txt).encode("cp1251")), "text": txt}], defects=[])

# Postfix bounce (RFC 3464) of one of our messages.
case("bounce-postfix", crlf("""Return-Path: <>
Date: Tue, 26 Sep 2023 10:00:05 +0500 (YEKT)
From: MAILER-DAEMON@mx.example.test (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: intake@example.test
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="4F2B81C0A12.1695704405/mx.example.test"
Message-Id: <20230926050005.5E1B31C0A13@mx.example.test>

This is a MIME-encapsulated message.

--4F2B81C0A12.1695704405/mx.example.test
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.test.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<no.such.user@village.test>: host mx.village.test[192.0.2.10] said: 550 5.1.1
    <no.such.user@village.test>: Recipient address rejected: User unknown

--4F2B81C0A12.1695704405/mx.example.test
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.test
X-Postfix-Queue-ID: 4F2B81C0A12
Arrival-Date: Tue, 26 Sep 2023 10:00:01 +0500 (YEKT)

Final-Recipient: rfc822; no.such.user@village.test
Original-Recipient: rfc822;no.such.user@village.test
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.village.test
Diagnostic-Code: smtp; 550 5.1.1 <no.such.user@village.test>: Recipient address
    rejected: User unknown

--4F2B81C0A12.1695704405/mx.example.test
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: intake@example.test
To: no.such.user@village.test
Subject: =?UTF-8?B?0J/RgNC40LPQu9Cw0YjQtdC90LjQtQ==?=
Message-ID: <outbox-42.invite@example.test>
Date: Tue, 26 Sep 2023 10:00:00 +0500

--4F2B81C0A12.1695704405/mx.example.test--
"""),
    from_="MAILER-DAEMON@mx.example.test", subject="Undelivered Mail Returned to Sender",
    date="2023-09-26T05:00:05Z", message_id="20230926050005.5E1B31C0A13@mx.example.test", **{"class": "bounce"},
    text_contains=["could not\nbe delivered"],
    delivery={"failed": ["no.such.user@village.test"], "original_message_id": "outbox-42.invite@example.test",
              "reporting_mta": "mx.example.test", "status": "5.1.1", "heuristic": False},
    attachments=[{"filename": None, "content_type": "message/delivery-status", "size": None}], defects=[])

# Exchange NDR: HTML notification, delivery-status, the original message attached.
case("bounce-exchange", crlf("""From: Microsoft Outlook <postmaster@corp.test>
To: <intake@example.test>
Date: Wed, 27 Sep 2023 05:00:00 +0000
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="0d8a1f6e-7b2c-4d5e-8f90-123456789abc"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: en-US
Message-ID: <ndr-0001@corp.test>
Subject: Undeliverable: Invitation
Auto-Submitted: auto-replied
MIME-Version: 1.0

--0d8a1f6e-7b2c-4d5e-8f90-123456789abc
Content-Type: multipart/alternative; differences=Content-Type;
\tboundary="d2c3b4a5-0000-1111-2222-333344445555"

--d2c3b4a5-0000-1111-2222-333344445555
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

Your message to gone@corp.test couldn't be delivered.
gone wasn't found at corp.test.

--d2c3b4a5-0000-1111-2222-333344445555
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

<html><body><p>Your message to <b>gone@corp.test</b> couldn't be delivered.</p></body></html>

--d2c3b4a5-0000-1111-2222-333344445555--

--0d8a1f6e-7b2c-4d5e-8f90-123456789abc
Content-Type: message/delivery-status

Reporting-MTA: dns;EXCH02.corp.test
Received-From-MTA: dns;mx.example.test
Arrival-Date: Wed, 27 Sep 2023 04:59:58 +0000

Original-Recipient: rfc822;gone@corp.test
Final-Recipient: rfc822;gone@corp.test
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup

--0d8a1f6e-7b2c-4d5e-8f90-123456789abc
Content-Type: message/rfc822

From: intake@example.test
To: gone@corp.test
Subject: Invitation
Message-ID: <outbox-43.invite@example.test>
Date: Wed, 27 Sep 2023 09:59:00 +0500
Content-Type: text/plain; charset=utf-8

Приглашаем на стажировку.

--0d8a1f6e-7b2c-4d5e-8f90-123456789abc--
"""),
    from_="postmaster@corp.test", subject="Undeliverable: Invitation", date="2023-09-27T05:00:00Z",
    message_id="ndr-0001@corp.test", **{"class": "bounce"},
    text="Your message to gone@corp.test couldn't be delivered.\ngone wasn't found at corp.test.\n",
    delivery={"failed": ["gone@corp.test"], "original_message_id": "outbox-43.invite@example.test",
              "reporting_mta": "EXCH02.corp.test", "status": "5.1.10", "heuristic": False},
    embedded=[{"from": "intake@example.test", "subject": "Invitation", "message_id": "outbox-43.invite@example.test",
               "text": "Приглашаем на стажировку.\n"}],
    attachments=[{"filename": None, "content_type": "message/delivery-status", "size": None}], defects=[])

# Mail.ru-style text bounce: no RFC 3464 part; heuristics find recipient and Message-ID.
body = ("Это письмо создано автоматически сервером Mail.Ru.\n\nНе удалось доставить письмо по следующим адресам:\n\n"
        "<ivanov.typo@mail.ru>\n  Нет такого пользователя.\n\n--- Заголовки исходного письма ---\n"
        "From: intake@example.test\nMessage-ID: <outbox-44.ack@example.test>\nSubject: Ack\n")
case("bounce-mailru-heuristic", crlf(f"""From: mailer-daemon@corp.mail.ru
To: intake@example.test
Subject: {ew("Недоставленное сообщение", "UTF-8")}
Date: Thu, 28 Sep 2023 12:00:00 +0300
Message-ID: <E1qlmNo-0001Ab-Cd@mx99.mail.ru>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

""") + crlf(body),
    from_="mailer-daemon@corp.mail.ru", subject="Недоставленное сообщение", date="2023-09-28T09:00:00Z",
    message_id="E1qlmNo-0001Ab-Cd@mx99.mail.ru", **{"class": "bounce"}, text=body,
    delivery={"failed": ["ivanov.typo@mail.ru"], "original_message_id": "outbox-44.ack@example.test",
              "heuristic": True},
    attachments=[], defects=[])

# Yandex auto-reply with Auto-Submitted.
case("autoreply-yandex-ru", crlf(f"""From: {ew("Кузьмин Сергей", "UTF-8")} <kuzmin.s@yandex.ru>
To: intake@example.test
Subject: {ew("Автоответ: Re: Программа №17", "UTF-8")}
Date: Fri, 29 Sep 2023 10:00:00 +0300
Message-Id: <autoreply-1@yandex.ru>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Здравствуйте! Я в отпуске до 9 октября.
"""),
    from_="kuzmin.s@yandex.ru", subject="Автоответ: Re: Программа №17", date="2023-09-29T07:00:00Z",
    message_id="autoreply-1@yandex.ru", **{"class": "auto_reply"},
    text="Здравствуйте! Я в отпуске до 9 октября.\n", attachments=[], defects=[])

# English OOO recognised by the subject alone.
case("autoreply-en-subject-only", crlf("""From: John Smith <john.smith@partner.test>
To: intake@example.test
Subject: Automatic reply: Invitation to the final meeting
Date: Sat, 30 Sep 2023 10:00:00 +0000
Message-ID: <ooo-2@partner.test>
Content-Type: text/plain; charset=us-ascii

I am out of the office until October 9.
"""),
    from_="john.smith@partner.test", subject="Automatic reply: Invitation to the final meeting",
    date="2023-09-30T10:00:00Z", message_id="ooo-2@partner.test", **{"class": "auto_reply"},
    text="I am out of the office until October 9.\n", attachments=[], defects=[])

case("autoreply-ru-vacation-subject", crlf(f"""From: teacher@school14.test
To: intake@example.test
Subject: {ew("Я в отпуске", "koi8-r", "Q")}
Date: Sun, 1 Oct 2023 09:00:00 +0500
Message-ID: <vac-3@school14.test>
Content-Type: text/plain; charset=koi8-r

""").encode() + crlf("Вернусь 15 октября.\n").encode("koi8-r"),
    from_="teacher@school14.test", subject="Я в отпуске", date="2023-10-01T04:00:00Z",
    message_id="vac-3@school14.test", **{"class": "auto_reply"}, text="Вернусь 15 октября.\n",
    attachments=[], defects=[])

case("autoreply-precedence-x-autoreply", crlf("""From: info@museum.test
To: intake@example.test
Subject: Re: Program
Date: Mon, 2 Oct 2023 09:00:00 +0500
Message-ID: <ar-4@museum.test>
Precedence: auto_reply
X-Autoreply: yes
Content-Type: text/plain; charset=utf-8

Ваше письмо получено.
"""),
    from_="info@museum.test", subject="Re: Program", date="2023-10-02T04:00:00Z", message_id="ar-4@museum.test",
    **{"class": "auto_reply"}, text="Ваше письмо получено.\n", attachments=[], defects=[])

# Read receipt (MDN, RFC 8098) is an automatic response too.
case("mdn-read-receipt", crlf("""From: Expert Two <expert2@univ.test>
To: intake@example.test
Subject: Read: Score sheet
Date: Tue, 3 Oct 2023 11:00:00 +0500
Message-ID: <mdn-5@univ.test>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"

--mdn
Content-Type: text/plain; charset=utf-8

Your message was read.
--mdn
Content-Type: message/disposition-notification

Final-Recipient: rfc822;expert2@univ.test
Original-Message-ID: <outbox-50@example.test>
Disposition: manual-action/MDN-sent-manually; displayed
--mdn--
"""),
    from_="expert2@univ.test", subject="Read: Score sheet", date="2023-10-03T06:00:00Z", message_id="mdn-5@univ.test",
    **{"class": "auto_reply"}, text="Your message was read.",
    attachments=[{"filename": None, "content_type": "message/disposition-notification", "size": None}], defects=[])

# Spam marked by the receiving server (SpamAssassin headers).
case("spam-flagged", crlf("""Received: from unknown (HELO bulk.test) by mx.example.test
X-Spam-Flag: YES
X-Spam-Score: 12.4
X-Spam-Status: Yes, score=12.4 required=5.0 tests=BAYES_99,HTML_MESSAGE,URIBL_BLACK
\tautolearn=spam version=3.4.6
From: "Гранты 2023" <news@grant-offers.test>
To: intake@example.test
Subject: =?utf-8?B?0JPRgNCw0L3RgiDQsdC10Lcg0LrQvtC90LrRg9GA0YHQsCE=?=
Date: Wed, 4 Oct 2023 03:03:03 +0300
Message-ID: <spam-6@grant-offers.test>
Content-Type: text/html; charset=utf-8

<p>Получите <b>грант</b> сегодня!</p>
"""),
    from_="news@grant-offers.test", from_name="Гранты 2023", subject="Грант без конкурса!",
    date="2023-10-04T00:03:03Z", message_id="spam-6@grant-offers.test", **{"class": "spam"},
    text="Получите грант сегодня!", attachments=[], defects=[])

# A mailing list message (bulk).
case("list-mail-bulk", crlf("""From: "НКО-Пермь" <list@nko-perm.test>
To: nko-news@nko-perm.test
Subject: [nko-news] =?UTF-8?B?0J3QvtCy0L7RgdGC0Lgg0L3QtdC00LXQu9C4?=
Date: Thu, 5 Oct 2023 12:00:00 +0500
Message-ID: <list-7@nko-perm.test>
List-Id: NKO news <nko-news.nko-perm.test>
List-Unsubscribe: <mailto:nko-news-unsubscribe@nko-perm.test>, <https://nko-perm.test/unsub>
Precedence: list
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Новости недели.
"""),
    from_="list@nko-perm.test", subject="[nko-news] Новости недели", date="2023-10-05T07:00:00Z",
    message_id="list-7@nko-perm.test", to=["nko-news@nko-perm.test"], **{"class": "bulk"},
    text="Новости недели.\n", attachments=[], defects=[])

# Our own message coming back (From is our address) and one with our loop header.
case("own-from-address", crlf("""From: Стажировки <Intake@Example.test>
To: intake@example.test
Subject: Digest
Date: Fri, 6 Oct 2023 07:00:00 +0500
Message-ID: <digest-1@example.test>
Content-Type: text/plain; charset=utf-8

Сводка.
"""),
    from_="Intake@Example.test", subject="Digest", date="2023-10-06T02:00:00Z", message_id="digest-1@example.test",
    **{"class": "own"}, text="Сводка.\n", attachments=[], defects=[])

case("own-loop-header", crlf("""From: coordinator@example.test
To: intake@example.test
Subject: Re: Ack
Date: Fri, 6 Oct 2023 08:00:00 +0500
Message-ID: <loop-2@example.test>
X-Internships-Loop: intake@example.test
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=utf-8

Loop.
"""),
    from_="coordinator@example.test", subject="Re: Ack", date="2023-10-06T03:00:00Z", message_id="loop-2@example.test",
    **{"class": "own"}, text="Loop.\n", attachments=[], defects=[])

# ----- broken messages --------------------------------------------------------------------
case("broken-no-boundary", crlf("""From: a.popov@village.test
To: intake@example.test
Subject: no boundary
Date: Sat, 7 Oct 2023 10:00:00 +0500
Message-ID: <nb-1@village.test>
MIME-Version: 1.0
Content-Type: multipart/mixed

ФИО: Попов Андрей
"""),
    from_="a.popov@village.test", subject="no boundary", date="2023-10-07T05:00:00Z", message_id="nb-1@village.test",
    **{"class": "human"}, text="ФИО: Попов Андрей\n", attachments=[], defects=["mime.missing_boundary", "charset.missing"])

case("broken-garbled-boundary", crlf("""From: b.orlova@village.test
To: intake@example.test
Subject: garbled boundary
Date: Sat, 7 Oct 2023 11:00:00 +0500
Message-ID: <gb-1@village.test>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="=_abc123_DECLARED"

--=_abc123_ACTUAL
Content-Type: text/plain; charset=utf-8

Текст письма.
--=_abc123_ACTUAL
Content-Type: text/html; charset=utf-8

<p>Текст письма.</p>
--=_abc123_ACTUAL--
"""),
    from_="b.orlova@village.test", subject="garbled boundary", date="2023-10-07T06:00:00Z",
    message_id="gb-1@village.test", **{"class": "human"}, text="Текст письма.",
    attachments=[], defects=["mime.boundary_mismatch"])

pdf = b"%PDF-1.4\n" + bytes(range(256)) * 2 + b"%%EOF\n"
enc = base64.b64encode(pdf).decode()
cut = enc[:301]  # cut mid-quantum, and the message ends without its close boundary
case("broken-truncated-base64", crlf(f"""From: c.lisin@village.test
To: intake@example.test
Subject: truncated
Date: Sat, 7 Oct 2023 12:00:00 +0500
Message-ID: <tr-1@village.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XYZ"

--XYZ
Content-Type: text/plain; charset=utf-8

Программа во вложении.
--XYZ
Content-Type: application/pdf; name="program.pdf"
Content-Disposition: attachment; filename="program.pdf"
Content-Transfer-Encoding: base64

""") + "\r\n".join(cut[i:i + 76] for i in range(0, len(cut), 76)),
    from_="c.lisin@village.test", subject="truncated", date="2023-10-07T07:00:00Z", message_id="tr-1@village.test",
    **{"class": "human"}, text="Программа во вложении.",
    attachments=[{"filename": "program.pdf", "content_type": "application/pdf", "size": 225}],
    defects=["base64.truncated", "mime.missing_close_boundary"])

case("broken-bad-charset-label", crlf("""From: d.belov@village.test
To: intake@example.test
Subject: bad charset
Date: Sat, 7 Oct 2023 13:00:00 +0500
Message-ID: <bc-1@village.test>
MIME-Version: 1.0
Content-Type: text/plain; charset="unknown-8bit"
Content-Transfer-Encoding: 8bit

""").encode() + crlf("Организация: Клуб «Исток»\n").encode("cp1251"),
    from_="d.belov@village.test", subject="bad charset", date="2023-10-07T08:00:00Z", message_id="bc-1@village.test",
    **{"class": "human"}, text="Организация: Клуб «Исток»\n", attachments=[], defects=["charset.unknown"])

case("charset-alias-win-1251", crlf("""From: e.kozlova@village.test
To: intake@example.test
Subject: alias
Date: Sat, 7 Oct 2023 14:00:00 +0500
Message-ID: <al-1@village.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=win-1251
Content-Transfer-Encoding: 8bit

""").encode() + crlf("Согласен на обработку данных.\n").encode("cp1251"),
    from_="e.kozlova@village.test", subject="alias", date="2023-10-07T09:00:00Z", message_id="al-1@village.test",
    **{"class": "human"}, text="Согласен на обработку данных.\n", attachments=[], defects=[])

# 8-bit headers in cp1251, no MIME headers, unlabelled cp1251 body.
case("broken-8bit-headers-cp1251", crlf("From: ").encode() + "Фёдор Ключников".encode("cp1251")
     + crlf(""" <fedor@village.test>
To: intake@example.test
Subject: """).encode() + "Заявка от Фёдора".encode("cp1251") + crlf("""
Date: Sun, 8 Oct 2023 10:00:00 +0500
Message-ID: <8b-1@village.test>

""").encode() + crlf("Прошу принять заявку.\n").encode("cp1251"),
    from_="fedor@village.test", from_name="Фёдор Ключников", subject="Заявка от Фёдора",
    date="2023-10-08T05:00:00Z", message_id="8b-1@village.test", **{"class": "human"},
    text="Прошу принять заявку.\n", attachments=[], defects=["charset.missing", "header.raw_8bit"])

case("broken-8bit-headers-koi8r", crlf("From: ").encode() + "Григорий Семёнов".encode("koi8-r")
     + crlf(""" <grisha@village.test>
To: intake@example.test
Subject: """).encode() + "Отзыв о стажировке".encode("koi8-r") + crlf("""
Date: Sun, 8 Oct 2023 11:00:00 +0500
Message-ID: <8b-2@village.test>
Content-Type: text/plain; charset=koi8-r

""").encode() + crlf("Всё понравилось.\n").encode("koi8-r"),
    from_="grisha@village.test", from_name="Григорий Семёнов", subject="Отзыв о стажировке",
    date="2023-10-08T06:00:00Z", message_id="8b-2@village.test", **{"class": "human"},
    text="Всё понравилось.\n", attachments=[], defects=["header.raw_8bit"])

case("broken-missing-blank-line", crlf("""From: f.gusev@village.test
To: intake@example.test
Subject: no blank line
Date: Mon, 9 Oct 2023 10:00:00 +0500
Message-ID: <mb-1@village.test>
Content-Type: text/plain; charset=utf-8
ФИО: Гусев Фёдор
Организация: ДК
"""),
    from_="f.gusev@village.test", subject="no blank line", date="2023-10-09T05:00:00Z",
    message_id="mb-1@village.test", **{"class": "human"}, text="ФИО: Гусев Фёдор\nОрганизация: ДК\n",
    attachments=[], defects=["header.missing_blank_line"])

case("broken-lf-only", """From: g.titov@village.test
To: intake@example.test
Subject: LF only
Date: Mon, 9 Oct 2023 11:00:00 +0500
Message-ID: <lf-1@village.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Строка один.
Строка два.
--b1
Content-Type: text/plain; charset=utf-8; name="a.txt"
Content-Disposition: attachment; filename="a.txt"

вложение
--b1--
""",
    from_="g.titov@village.test", subject="LF only", date="2023-10-09T06:00:00Z", message_id="lf-1@village.test",
    **{"class": "human"}, text="Строка один.\nСтрока два.",
    attachments=[{"filename": "a.txt", "content_type": "text/plain", "size": len("вложение".encode()),
                  "text": "вложение"}], defects=[])

case("broken-nul-bytes", crlf("""From: h.frolov@village.test
To: intake@example.test
Subject: NUL
Date: Mon, 9 Oct 2023 12:00:00 +0500
Message-ID: <nul-1@village.test>
Content-Type: text/plain; charset=utf-8

""").encode() + "Да\x00, приеду\x00\x00.\r\n".encode(),
    from_="h.frolov@village.test", subject="NUL", date="2023-10-09T07:00:00Z", message_id="nul-1@village.test",
    **{"class": "human"}, text="Да, приеду.\n", attachments=[], defects=["text.nul_bytes"])

case("broken-garbage-date", crlf("""From: i.zaitsev@village.test
To: intake@example.test
Subject: garbage date
Date: среда, 5 сентября, вечер
Message-ID: i.zaitsev.no.brackets@village.test
Content-Type: text/plain; charset=utf-8

текст
"""),
    from_="i.zaitsev@village.test", subject="garbage date", date=None, message_id="i.zaitsev.no.brackets@village.test",
    **{"class": "human"}, text="текст\n", attachments=[], defects=["date.invalid"])

# Base64 with garbage characters and odd line lengths (old webmail).
plain = "Мотивация: хочу научиться работать с волонтёрами.\n"
enc = base64.b64encode(plain.encode()).decode()
garbled = enc[:10] + "\r\n" + enc[10:33] + "!*" + "\r\n" + enc[33:]
case("base64-garbage-linebreaks", crlf("""From: j.koval@village.test
To: intake@example.test
Subject: base64
Date: Tue, 10 Oct 2023 10:00:00 +0500
Message-ID: <b64-1@village.test>
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

""") + garbled + "\r\n",
    from_="j.koval@village.test", subject="base64", date="2023-10-10T05:00:00Z", message_id="b64-1@village.test",
    **{"class": "human"}, text=plain, attachments=[], defects=["base64.invalid_characters"])

# uuencode inside a text body (old Outlook Express / The Bat! setting).
import binascii
payload = "ФИО: Уткин\nНомер заявки: 12\n".encode("cp1251")
uu_lines = ["begin 644 form.txt"]
for i in range(0, len(payload), 45):
    uu_lines.append(binascii.b2a_uu(payload[i:i + 45]).decode().rstrip("\n"))
uu_lines += ["`", "end"]
case("uuencode-in-text", crlf("""From: k.utkin@village.test
To: intake@example.test
Subject: uuencoded form
Date: Tue, 10 Oct 2023 11:00:00 +0500
Message-ID: <uu-1@village.test>
X-Mailer: Microsoft Outlook Express 6.00.2900.5512
Content-Type: text/plain; charset=us-ascii

Form attached.

""") + "\r\n".join(uu_lines) + "\r\n\r\nBye\r\n",
    from_="k.utkin@village.test", subject="uuencoded form", date="2023-10-10T06:00:00Z",
    message_id="uu-1@village.test", **{"class": "human"}, text="Form attached.\n\n\nBye\n",
    attachments=[{"filename": "form.txt", "content_type": "text/plain", "size": len(payload),
                  "text": "ФИО: Уткин\nНомер заявки: 12\n"}], defects=[])

# Charsets through iconv.
def charset_case(name, label, text, cte="8bit", extra_defects=()):
    data = crlf(text).encode(label if label.lower() not in ("cp866", "ibm866") else "cp866")
    body = b64(data).encode() + b"\r\n" if cte == "base64" else data
    case(name, crlf(f"""From: charset@village.test
To: intake@example.test
Subject: {label}
Date: Wed, 11 Oct 2023 10:00:00 +0500
Message-ID: <{name}@village.test>
MIME-Version: 1.0
Content-Type: text/plain; charset={label}
Content-Transfer-Encoding: {cte}

""").encode() + body,
        from_="charset@village.test", subject=label, date="2023-10-11T05:00:00Z", message_id=f"{name}@village.test",
        **{"class": "human"}, text=text, attachments=[], defects=list(extra_defects))

charset_case("charset-cp866", "cp866", "Отчёт о стажировке в ДОС-кодировке.\n")
charset_case("charset-iso-8859-5", "iso-8859-5", "Программа стажировки.\n")
charset_case("charset-koi8-u", "koi8-u", "Ґрунтовна програма: їжа, Європа, і так далі.\n")
charset_case("charset-utf16", "utf-16", "Текст в UTF-16.\n", cte="base64")
charset_case("charset-iso-2022-jp", "iso-2022-jp", "日本語のテキスト\n", cte="7bit")

# Nested structure: mixed > (alternative > plain, related > (html, image)), pdf; preamble, epilogue.
png = b"\x89PNG\r\n\x1a\n" + bytes(40)
case("nested-multipart-related", crlf(f"""From: l.morozova@ngo.test
To: intake@example.test
Subject: nested
Date: Thu, 12 Oct 2023 10:00:00 +0500
Message-ID: <nest-1@ngo.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

This is a multi-part message in MIME format.
--outer
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8

Описание программы в тексте.
--alt
Content-Type: multipart/related; boundary="rel"; type="text/html"

--rel
Content-Type: text/html; charset=utf-8

<p>Описание программы <img src="cid:logo@ngo"> в HTML.</p>
--rel
Content-Type: image/png
Content-ID: <logo@ngo>
Content-Transfer-Encoding: base64

{b64(png)}
--rel--
--alt--
--outer
Content-Type: application/pdf; name="program.pdf"
Content-Disposition: attachment; filename=program.pdf
Content-Transfer-Encoding: base64

{b64(pdf)}
--outer--
This epilogue is ignored.
"""),
    from_="l.morozova@ngo.test", subject="nested", date="2023-10-12T05:00:00Z", message_id="nest-1@ngo.test",
    **{"class": "human"}, text="Описание программы в тексте.", html_text_contains=["Описание программы в HTML."],
    attachments=[{"filename": None, "content_type": "image/png", "size": len(png)},
                 {"filename": "program.pdf", "content_type": "application/pdf", "size": len(pdf)}],
    preamble="This is a multi-part message in MIME format.", epilogue_contains="This epilogue is ignored.",
    defects=[])

# Nesting past the depth limit (25 levels, limit 20).
depth = 25
s = "From: deep@village.test\r\nTo: intake@example.test\r\nSubject: deep\r\nDate: Thu, 12 Oct 2023 11:00:00 +0500\r\nMessage-ID: <deep-1@village.test>\r\nMIME-Version: 1.0\r\n"
for k in range(depth):
    s += f'Content-Type: multipart/mixed; boundary="d{k}"\r\n\r\n--d{k}\r\n'
s += "Content-Type: text/plain\r\n\r\ninnermost\r\n"
for k in reversed(range(depth)):
    s += f"--d{k}--\r\n"
case("limits-too-deep", s, from_="deep@village.test", subject="deep", date="2023-10-12T06:00:00Z",
     message_id="deep-1@village.test", **{"class": "human"}, text_excludes=["innermost"],
     defects=["mime.too_deep"])

# Obsolete syntax: 2-digit year, (MSK) comment, route, undisclosed recipients, comments.
case("obsolete-syntax", crlf("""From: ivanov@oldhost.test (Ivan Ivanov)
To: undisclosed-recipients:;
Cc: <@relay.oldhost.test:secretary@oldhost.test>
Subject: old style
Date: Fri, 13 Oct 23 10:00 (MSK)
Message-ID: <old-1@oldhost.test>

Old client.
"""),
    from_="ivanov@oldhost.test", from_name="Ivan Ivanov", to=[], cc=["secretary@oldhost.test"], subject="old style",
    date="2023-10-13T07:00:00Z", message_id="old-1@oldhost.test", **{"class": "human"}, text="Old client.\n",
    attachments=[], defects=[])

# x-uuencode as a transfer encoding of an attachment.
case("x-uuencode-cte", crlf("""From: m.old@village.test
To: intake@example.test
Subject: x-uuencode
Date: Fri, 13 Oct 2023 12:00:00 +0500
Message-ID: <xu-1@village.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="u"

--u
Content-Type: text/plain

see file
--u
Content-Type: application/octet-stream; name="data.bin"
Content-Transfer-Encoding: x-uuencode

""") + "\r\n".join(uu_lines) + "\r\n--u--\r\n",
    from_="m.old@village.test", subject="x-uuencode", date="2023-10-13T07:00:00Z", message_id="xu-1@village.test",
    **{"class": "human"}, text="see file",
    attachments=[{"filename": "data.bin", "content_type": "application/octet-stream", "size": len(payload)}],
    defects=[])

# Headers only, no body at all.
case("headers-only", "From: n@village.test\r\nSubject: empty\r\nDate: Sat, 14 Oct 2023 10:00:00 +0500\r\n",
     from_="n@village.test", subject="empty", date="2023-10-14T05:00:00Z", message_id=None, **{"class": "human"},
     text="", attachments=[], defects=[])

# Outlook HTML-only (Word engine): MsoNormal lines, conditional comments, a form table.
html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
        "<meta http-equiv=Content-Type content=\"text/html; charset=windows-1251\">"
        "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]-->"
        "<style><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang=RU>"
        "<div class=WordSection1><p class=MsoNormal>Добрый день!<o:p></o:p></p>"
        "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
        "<p class=MsoNormal>Заявка ниже.<o:p></o:p></p>"
        "<table class=MsoTableGrid border=1><tr><td><p class=MsoNormal>ИНН<o:p></o:p></p></td>"
        "<td><p class=MsoNormal>5981001234<o:p></o:p></p></td></tr>"
        "<tr><td><p class=MsoNormal>Телефон:<o:p></o:p></p></td><td><p class=MsoNormal>8 (34260) 4-12-34<o:p></o:p></p></td></tr>"
        "</table><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>С уважением, Ирина<o:p></o:p></p></div></body></html>")
case("outlook-html-word", crlf(f"""From: =?windows-1251?B?yPDo7eA=?= <irina@kosa-ngo.test>
To: "intake@example.test" <intake@example.test>
Subject: {ew("Заявка", "windows-1251")}
Date: Sat, 14 Oct 2023 09:30:00 +0500
Message-ID: <000301d9fe4c$8c1e2a10$a45a7e30$@kosa-ngo.test>
MIME-Version: 1.0
Content-Type: text/html; charset="windows-1251"
Content-Transfer-Encoding: quoted-printable
X-Mailer: Microsoft Outlook 16.0
Content-Language: ru

""").encode() + qp(html.encode("cp1251")).encode(),
    from_="irina@kosa-ngo.test", from_name="Ирина", subject="Заявка", date="2023-10-14T04:30:00Z",
    message_id="000301d9fe4c$8c1e2a10$a45a7e30$@kosa-ngo.test", **{"class": "human"},
    text="Добрый день!\n\nЗаявка ниже.\n\nИНН: 5981001234\nТелефон: 8 (34260) 4-12-34\n\nС уважением, Ирина",
    text_excludes=["OfficeDocumentSettings", "margin"], attachments=[], defects=[])

# S/MIME signed (corporate Outlook): multipart/signed, the signature is an attachment.
sig = bytes(range(48)) * 3
case("smime-signed", crlf(f"""From: Director <director@big-ngo.test>
To: intake@example.test
Subject: Signed application
Date: Sun, 15 Oct 2023 10:00:00 +0500
Message-ID: <signed-1@big-ngo.test>
MIME-Version: 1.0
Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256;
\tboundary="----=_NextPart_000_0010_01DA0000.SIGNED"

This is a multipart message in MIME format.

------=_NextPart_000_0010_01DA0000.SIGNED
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Подписанная заявка: ООО «Пример».
------=_NextPart_000_0010_01DA0000.SIGNED
Content-Type: application/pkcs7-signature; name="smime.p7s"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="smime.p7s"

{b64(sig)}

------=_NextPart_000_0010_01DA0000.SIGNED--
"""),
    from_="director@big-ngo.test", subject="Signed application", date="2023-10-15T05:00:00Z",
    message_id="signed-1@big-ngo.test", **{"class": "human"}, text="Подписанная заявка: ООО «Пример».",
    attachments=[{"filename": "smime.p7s", "content_type": "application/pkcs7-signature", "size": len(sig)}],
    defects=[])

# A forward of a forward: message/rfc822 inside message/rfc822.
case("forward-of-forward", crlf("""From: coordinator2@ngo.test
To: intake@example.test
Subject: Fwd: Fwd: form
Date: Mon, 16 Oct 2023 10:00:00 +0500
Message-ID: <ff-outer@ngo.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="L1"

--L1
Content-Type: text/plain; charset=utf-8

see below
--L1
Content-Type: message/rfc822

From: coordinator1@ngo.test
To: coordinator2@ngo.test
Subject: Fwd: form
Message-ID: <ff-middle@ngo.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="L2"

--L2
Content-Type: text/plain; charset=utf-8

fyi
--L2
Content-Type: message/rfc822

From: applicant@village.test
Subject: form
Message-ID: <ff-inner@village.test>
Content-Type: text/plain; charset=utf-8

ФИО: Тестова
--L2--
--L1--
"""),
    from_="coordinator2@ngo.test", subject="Fwd: Fwd: form", date="2023-10-16T05:00:00Z",
    message_id="ff-outer@ngo.test", **{"class": "human"}, text="see below",
    embedded=[{"from": "coordinator1@ngo.test", "subject": "Fwd: form", "message_id": "ff-middle@ngo.test",
               "text": "fyi"}],
    attachments=[], defects=[])

# Declared UTF-8, really windows-1251 (old webmail): decoded as cp1251 with a defect.
case("mislabelled-utf8-is-cp1251", crlf("""From: old.webmail@village.test
To: intake@example.test
Subject: mislabelled
Date: Mon, 16 Oct 2023 11:00:00 +0500
Message-ID: <ml-1@village.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

""").encode() + crlf("Прошу включить меня в список участников.\n").encode("cp1251"),
    from_="old.webmail@village.test", subject="mislabelled", date="2023-10-16T06:00:00Z",
    message_id="ml-1@village.test", **{"class": "human"}, text="Прошу включить меня в список участников.\n",
    attachments=[], defects=["charset.mismatch"])

# Really broken UTF-8 (a few bad bytes in good text): U+FFFD and a defect, never a crash.
case("utf8-with-bad-bytes", crlf("""From: phone@village.test
To: intake@example.test
Subject: bad bytes
Date: Mon, 16 Oct 2023 12:00:00 +0500
Message-ID: <bb-1@village.test>
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

""").encode() + "Да, ".encode() + b"\xff\xfe" + "приеду.\r\n".encode(),
    from_="phone@village.test", subject="bad bytes", date="2023-10-16T07:00:00Z", message_id="bb-1@village.test",
    **{"class": "human"}, text="Да, \ufffd\ufffdприеду.\n", attachments=[], defects=["charset.invalid_sequence"])

# Outlook with a TNEF winmail.dat and an RFC 2231 filename in windows-1251.
tnef = b"\x78\x9f\x3e\x22" + bytes(100)
fname = "Программа.doc"
enc = "".join("%%%02X" % c for c in fname.encode("cp1251"))
doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(120)
case("outlook-tnef-and-2231-cp1251", crlf(f"""From: Host NGO <host@ngo-ochyor.test>
To: intake@example.test
Subject: Program
Date: Tue, 17 Oct 2023 10:00:00 +0500
Message-ID: <tnef-1@ngo-ochyor.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="----=_NextPart_TNEF"

------=_NextPart_TNEF
Content-Type: text/plain; charset="koi8-r"
Content-Transfer-Encoding: 7bit

See the attachment.
------=_NextPart_TNEF
Content-Type: application/msword; name*=windows-1251''{enc}
Content-Disposition: attachment; filename*=windows-1251''{enc}
Content-Transfer-Encoding: base64

{b64(doc)}
------=_NextPart_TNEF
Content-Type: application/ms-tnef; name="winmail.dat"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="winmail.dat"

{b64(tnef)}
------=_NextPart_TNEF--
"""),
    from_="host@ngo-ochyor.test", subject="Program", date="2023-10-17T05:00:00Z", message_id="tnef-1@ngo-ochyor.test",
    **{"class": "human"}, text="See the attachment.",
    attachments=[{"filename": fname, "content_type": "application/msword", "size": len(doc)},
                 {"filename": "winmail.dat", "content_type": "application/ms-tnef", "size": len(tnef)}],
    defects=[])

# Exchange NDR in Russian without an RFC 3464 part (heuristic, by subject).
case("bounce-exchange-ru-heuristic", crlf(f"""From: {ew("Администратор системы", "UTF-8")} <admin@school.test>
To: intake@example.test
Subject: {ew("Недоставлено: Приглашение", "UTF-8")}
Date: Wed, 18 Oct 2023 10:00:00 +0500
Message-ID: <ndr-ru-1@school.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Ваше сообщение не было доставлено следующим получателям:

     teacher.old@school.test
     Адресат не найден.
"""),
    from_="admin@school.test", subject="Недоставлено: Приглашение", date="2023-10-18T05:00:00Z",
    message_id="ndr-ru-1@school.test", **{"class": "bounce"},
    text_contains=["не было доставлено"],
    delivery={"failed": ["teacher.old@school.test"], "original_message_id": None, "heuristic": True},
    attachments=[], defects=[])


# A PHP mailer that declares windows-1251 and sends UTF-8 (body and encoded subject).
case("wrong-label-utf8-as-cp1251", crlf(f"""From: noreply@site-builder.test
To: intake@example.test
Subject: =?windows-1251?B?{base64.b64encode("Заявка с сайта".encode()).decode()}?=
Date: Thu, 19 Oct 2023 10:00:00 +0500
Message-ID: <php-1@site-builder.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=windows-1251
Content-Transfer-Encoding: 8bit
X-Mailer: PHP/7.4.33

Имя: Пётр
Сообщение: хочу участвовать
"""),
    from_="noreply@site-builder.test", subject="Заявка с сайта", date="2023-10-19T05:00:00Z",
    message_id="php-1@site-builder.test", **{"class": "human"}, text="Имя: Пётр\nСообщение: хочу участвовать\n",
    attachments=[], defects=["charset.mismatch"])


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, eml, expected in CASES:
        if "from_" in expected:
            expected["from"] = expected.pop("from_")
        with open(os.path.join(OUT, name + ".eml"), "wb") as f:
            f.write(eml)
        with open(os.path.join(OUT, name + ".expected.json"), "w", encoding="utf-8") as f:
            json.dump(expected, f, ensure_ascii=False, indent=2, sort_keys=True)
            f.write("\n")
    print(len(CASES), "cases written to", OUT)


if __name__ == "__main__":
    main()
