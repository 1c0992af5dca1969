#!/usr/bin/env python3
"""Tests of the Debian data recipe (data/debian/) and the general mix (data/general/) on small
made-up package trees: each extractor on its fixture, the driver's splitting and filters, and the
mix's weights, joins and capitals. Run by ctest; needs only Python's standard library."""
import os
import pathlib
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
from data.debian import prepare_debian, sentences  # noqa: E402
from data.debian.sources import catalogs, descriptions  # noqa: E402

FIXTURES = HERE / "fixtures"


def write_mo(path, entries):
    """A GNU .mo file of (msgid, msgstr) byte pairs, sorted as msgfmt writes them."""
    entries = sorted(entries)
    ids_at = 28
    strs_at = ids_at + 8 * len(entries)
    data_at = strs_at + 8 * len(entries)
    blob, id_table, str_table = b"", b"", b""
    for msgid, _ in entries:
        id_table += struct.pack("<2I", len(msgid), data_at + len(blob))
        blob += msgid + b"\0"
    for _, msgstr in entries:
        str_table += struct.pack("<2I", len(msgstr), data_at + len(blob))
        blob += msgstr + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, len(entries), ids_at, strs_at, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + id_table + str_table + blob)


class Extractors(unittest.TestCase):
    def test_each_extractor_gives_its_expected_blocks(self):
        names = sorted(p.name[:-len(".expected.tsv")] for p in FIXTURES.glob("*.expected.tsv"))
        self.assertGreaterEqual(len(names), 6)
        for name in names:
            with self.subTest(source=name):
                module = __import__(f"data.debian.sources.{name}", fromlist=["extract"])
                got = ["\t".join(b) for b in module.extract(FIXTURES / name)]
                expected = (FIXTURES / f"{name}.expected.tsv").read_text(encoding="utf-8").splitlines()
                self.assertEqual(got, expected)

    def test_catalogues_pair_msgid_and_msgstr(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            write_mo(root / "usr/share/locale/es/LC_MESSAGES/demo.mo", [
                (b"", b"Content-Type: text/plain; charset=UTF-8\n"),
                (b"_Open the file", b"_Abrir el archivo"),
                (b"menu\x04Save ~As", b"Guardar ~como"),
                (b"%d file\0%d files", b"%d archivo\0%d archivos"),
                (b"Copy %s to %s", b"Copiar %s"),               # placeholders differ: dropped
            ])
            write_mo(root / "usr/share/locale/fr/LC_MESSAGES/demo.mo", [(b"Open", b"Ouvrir")])
            got = [(b.en, b.es) for b in catalogs.extract(root)]
        self.assertEqual(got, [("%d file", "%d archivo"), ("Open the file", "Abrir el archivo"),
                               ("Save As", "Guardar como")])

    def test_a_broken_catalogue_is_an_error(self):
        with self.assertRaises(ValueError):
            list(catalogs.read_mo(b"\x00" * 40))

    def test_descriptions_align_by_package_and_md5(self):
        english = ("Package: demo\nDescription-md5: aa\nDescription-en: a demo tool\n"
                   " It shows things. It is small.\n .\n It is free.\n\n"
                   "Package: old\nDescription-md5: bb\nDescription-en: the new text\n long\n")
        spanish = ("Package: demo\nDescription-md5: aa\nDescription-es: una herramienta\n"
                   " Muestra cosas. Es pequeña.\n .\n Es libre.\n\n"
                   "Package: old\nDescription-md5: cc\nDescription-es: el texto viejo\n largo\n")
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            (root / "apt").mkdir()
            (root / "apt/Translation-en").write_text(english, encoding="utf-8")
            (root / "apt/Translation-es").write_text(spanish, encoding="utf-8")
            got = [(b.doc, b.en, b.es) for b in descriptions.extract(root)]
        self.assertEqual(got, [("demo", "a demo tool", "una herramienta"),
                               ("demo", "It shows things. It is small.", "Muestra cosas. Es pequeña."),
                               ("demo", "It is free.", "Es libre.")])


class Driver(unittest.TestCase):
    def test_sentences(self):
        self.assertEqual(sentences.split("El Sr. Ruiz llegó. ¿Vienes? Sí.", "es"),
                         ["El Sr. Ruiz llegó.", "¿Vienes?", "Sí."])
        self.assertEqual(sentences.split("It costs 3.50 euros, e.g. today. Fine.", "en"),
                         ["It costs 3.50 euros, e.g. today.", "Fine."])

    def test_filters(self):
        keep = ("Click the button to save the file.", "Pulse el botón para guardar el archivo.")
        self.assertIsNone(prepare_debian.rejection(*keep))
        cases = {
            ("Save", "Guardar"): "fewer than 3 words",
            ("Open the manual now", "open the manual now!"): "identical sides",
            ("Run foo_bar --baz=qux now", "Ejecute foo_bar --baz=qux ahora"): "paths or identifiers",
            ("Click the button to save the file.", "Pulse."): "fewer than 3 words",
            ("Click the button to save the file now, please.", "Pulse el botón y ya."): "length ratio",
            ("Click the button to save the file.", "Click the button to save the files."): "Spanish side in English",
        }
        for (en, es), reason in cases.items():
            with self.subTest(en=en):
                self.assertEqual(prepare_debian.rejection(en, es), reason)

    def test_driver_drops_test_sentences_and_duplicates(self):
        with tempfile.TemporaryDirectory() as tmp:
            test_file = pathlib.Path(tmp) / "test.en"
            test_file.write_text("Brew a pot of tea!\n", encoding="utf-8")
            out = pathlib.Path(tmp) / "out"
            subprocess.run([sys.executable, "-m", "data.debian.prepare_debian", str(FIXTURES / "gnome"),
                            str(out), "--source", "gnome", "--test", str(test_file)],
                           cwd=ROOT, check=True, capture_output=True)
            en = (out / "gnome.en").read_text(encoding="utf-8").splitlines()
            es = (out / "gnome.es").read_text(encoding="utf-8").splitlines()
            counts = (out / "counts.tsv").read_text(encoding="utf-8").splitlines()
        self.assertEqual(len(en), len(es))
        self.assertNotIn("Brew a pot of tea", en)            # matched without case and punctuation
        self.assertEqual(len(set(zip(en, es))), len(en))
        header, row = counts[0].split("\t"), counts[1].split("\t")
        self.assertEqual(row[header.index("in a test set")], "1")
        self.assertEqual(int(row[header.index("kept")]), len(en))


class GeneralMix(unittest.TestCase):
    def test_weights_joins_and_capitals(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = pathlib.Path(tmp)
            for name, n in (("a", 40), ("b", 10)):
                (tmp / f"{name}.es").write_text("".join(f"frase {name} {i}\n" for i in range(n)), encoding="utf-8")
                (tmp / f"{name}.en").write_text("".join(f"sentence {name} {i}\n" for i in range(n)), encoding="utf-8")
            (tmp / "b.doc").write_text("d1\n" * 5 + "d2\n" * 5, encoding="utf-8")
            run = lambda out: subprocess.run(  # noqa: E731
                [sys.executable, str(ROOT / "data/general/prepare_general.py"), str(out),
                 "--source", f"a:{tmp}/a:1.5", "--source", f"b:{tmp}/b:2:doc", "--dev", f"{tmp}/a:3",
                 "--join-share", "0.1", "--caps-share", "0.2", "--title-share", "0.1"],
                check=True, capture_output=True)
            run(tmp / "out1")
            run(tmp / "out2")
            es = (tmp / "out1/train.es").read_text(encoding="utf-8").splitlines()
            en = (tmp / "out1/train.en").read_text(encoding="utf-8").splitlines()
            same = (tmp / "out2/train.en").read_text(encoding="utf-8").splitlines() == en
            dev = (tmp / "out1/dev.en").read_text(encoding="utf-8").splitlines()
        self.assertTrue(same, "the same inputs and seed give the same mix")
        self.assertEqual(dev, ["sentence a 0", "sentence a 1", "sentence a 2"])
        self.assertEqual(len(es), len(en))
        plain = [e.lower() for e in en]
        self.assertEqual(sum(e.startswith("sentence b") and " sentence b" not in e for e in plain), 20)
        joined = [e for e in plain if e.count("sentence") == 2]
        self.assertEqual(len(joined), int(0.1 * (len(en) - len(joined))))
        for j in joined:                                    # both halves from one document
            first, second = int(j.split()[2]), int(j.split()[5])
            self.assertEqual(second, first + 1)
            self.assertEqual(first // 5, second // 5)
        self.assertTrue(any(e.isupper() for e in en))
        for e, s in zip(en, es):                            # both sides recased alike
            self.assertEqual(e.isupper(), s.isupper())


if __name__ == "__main__":
    unittest.main()
