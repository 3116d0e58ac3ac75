#!/usr/bin/env python3
"""Tests for gen_corpus.py: python3 -m unittest scripts/lib/test_gen_corpus.py (or run it).

The benchmark and the fuzz seeds are only as good as the corpus: it must be the same on
every machine, valid MIME that CPython reads without defects, and hold what it claims.
"""

import email
import os
import subprocess
import sys
import tempfile
import unittest
from email import policy

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "gen_corpus.py")


def generate(n, outdir, *flags):
    subprocess.run([sys.executable, GEN, str(n), outdir, *flags], check=True,
                   stderr=subprocess.DEVNULL)
    with open(os.path.join(outdir, "manifest.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    return rows


class GenCorpusTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = os.path.join(cls.tmp.name, "a")
        cls.rows = generate(400, cls.dir, "--seed", "7")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def read(self, name):
        with open(os.path.join(self.dir, name), "rb") as f:
            return f.read()

    def test_same_seed_same_bytes_and_prefix_stable(self):
        other = os.path.join(self.tmp.name, "b")
        generate(50, other, "--seed", "7", "--no-big")
        for name in sorted(os.listdir(other)):
            if name.endswith(".eml") and int(name[:6]) - 1 != 200:  # 200 is big in the 400 run
                with open(os.path.join(other, name), "rb") as f:
                    self.assertEqual(f.read(), self.read(name), name)

    def test_other_seed_other_bytes(self):
        other = os.path.join(self.tmp.name, "c")
        generate(5, other, "--seed", "8", "--no-big")
        with open(os.path.join(other, "000001.eml"), "rb") as f:
            self.assertNotEqual(f.read(), self.read("000001.eml"))

    def test_every_kind_and_feature_present(self):
        kinds = {r[1] for r in self.rows}
        self.assertEqual(kinds, {"outlook", "mailru", "yandex", "gmail", "thunderbird", "koi8r",
                                 "forward", "autoreply", "bounce"})
        features = {f for r in self.rows for f in r[3].split(",")}
        for want in ["form:body", "form:attachment", "att:docx", "att:txt", "att:pdf", "big",
                     "lf"]:
            self.assertIn(want, features)

    def test_sizes(self):
        sizes = [int(r[2]) for r in self.rows if "big" not in r[3]
                 and r[1] not in ("autoreply", "bounce")]
        self.assertGreaterEqual(min(sizes), 1_500)
        self.assertLessEqual(max(sizes), 400_000)
        big = [int(r[2]) for r in self.rows if "big" in r[3]]
        self.assertEqual(len(big), 1)
        self.assertGreater(big[0], 3_000_000)

    def test_no_big(self):
        d = os.path.join(self.tmp.name, "d")
        rows = generate(20, d, "--no-big")
        self.assertFalse(any("big" in r[3] for r in rows))

    def test_cpython_reads_all_without_defects(self):
        for name, kind, _, features in self.rows:
            m = email.message_from_bytes(self.read(name), policy=policy.default)
            defects = [d for part in m.walk() for d in part.defects]
            self.assertEqual(defects, [], name)
            self.assertNotIn("=?", str(m["subject"]), name)
            body = m.get_body(preferencelist=("plain", "html"))
            self.assertIsNotNone(body, name)
            text = body.get_content()
            if kind in ("outlook", "gmail", "thunderbird", "koi8r", "mailru", "yandex"):
                self.assertRegex(text, "[а-яё]", name)
            if "form:body" in features and "inner:" not in features:
                self.assertRegex(text, "ЗАЯВКА|ЭКСПЕРТНАЯ ОЦЕНКА|заявка", name)

    def test_charsets_as_declared(self):
        seen = set()
        for name, kind, _, _ in self.rows:
            m = email.message_from_bytes(self.read(name), policy=policy.default)
            for part in m.walk():
                if part.get_content_maintype() == "text" and part.get_content_charset():
                    seen.add(part.get_content_charset())
                    if kind == "outlook" and part.get_content_type() == "text/plain" \
                            and part.get_filename() is None:
                        self.assertEqual(part.get_content_charset(), "windows-1251", name)
                        self.assertEqual(part["Content-Transfer-Encoding"], "quoted-printable")
                    if kind == "thunderbird" and part.get_content_type() == "text/plain" \
                            and part.get_filename() is None:
                        self.assertEqual(part.get_param("format"), "flowed", name)
        self.assertTrue({"windows-1251", "utf-8", "koi8-r"} <= seen, seen)

    def test_attachments_decode_to_their_formats(self):
        import zipfile
        import io
        found = set()
        for name, _, _, features in self.rows:
            if "att:" not in features:
                continue
            m = email.message_from_bytes(self.read(name), policy=policy.default)
            for a in m.iter_attachments():
                fn = a.get_filename() or ""
                data = a.get_payload(decode=True)
                if fn.endswith(".docx"):
                    with zipfile.ZipFile(io.BytesIO(data)) as z:
                        self.assertIn("word/document.xml", z.namelist())
                    found.add("docx")
                elif fn.endswith(".pdf"):
                    self.assertTrue(data.startswith(b"%PDF-"), name)
                    found.add("pdf")
                elif fn.endswith(".txt"):
                    self.assertTrue(len(a.get_content()) > 0, name)
                    found.add("txt")
                if any(ord(c) > 127 for c in fn):
                    found.add("cyrillic-name")
        self.assertEqual(found, {"docx", "pdf", "txt", "cyrillic-name"})


if __name__ == "__main__":
    unittest.main()
