"""Messages in the user's language: complete catalogues, plurals, the locale, the CLI itself."""

import gettext
import os
import re
import subprocess
import sys

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from booklet import messages
from booklet.cli import main
from tests.conftest import ROOT, write_exhibition

PACKAGE = ROOT / "booklet"
FIELDS = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[a-z]|%[a-z]")


def _extracted() -> dict:
    """Every message the code marks, as Babel finds it: msgid → msgid_plural or None."""
    found = {}
    for _file, _line, message, _comments, _context in extract_from_dir(str(PACKAGE)):
        if isinstance(message, tuple):
            found[message[0]] = message[1]
        else:
            found[message] = None
    return found


def _catalogue(code: str):
    with open(PACKAGE / "locale" / code / "LC_MESSAGES" / "booklet.po", "rb") as f:
        return read_po(f)


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_every_message_in_the_code_is_translated(code):
    catalogue = _catalogue(code)
    untranslated = []
    for msgid, plural in _extracted().items():
        entry = catalogue.get(msgid)
        strings = ([] if entry is None else
                   list(entry.string) if isinstance(entry.string, tuple) else [entry.string])
        if entry is None or entry.fuzzy or not all(strings) or \
                (plural is not None) != isinstance(entry.id, tuple):
            untranslated.append(msgid)
    assert untranslated == []


@pytest.mark.parametrize("code", ["ru", "kk", "en"])
def test_catalogues_hold_no_message_the_code_no_longer_has(code):
    extracted = _extracted()
    stale = [m.id for m in _catalogue(code) if m.id and
             (m.id[0] if isinstance(m.id, tuple) else m.id) not in extracted]
    assert stale == []


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_translations_keep_every_placeholder(code):
    wrong = []
    for entry in _catalogue(code):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = sorted(FIELDS.findall(ids[-1]))
        wrong += [(ids[0], s) for s in strings if sorted(FIELDS.findall(s)) != wanted
                  and not (s == strings[0] != strings[-1])]
    assert wrong == []


@pytest.mark.parametrize("code", ["ru", "kk", "en"])
def test_our_reader_reads_what_babel_reads(code):
    ours = messages.catalogue(code)
    theirs = {(None, m.id if isinstance(m.id, str) else m.id[0]): m.string
              for m in _catalogue(code) if m.id and not m.fuzzy
              and (all(m.string) if isinstance(m.string, tuple) else m.string)}
    assert ours == theirs
    assert (len(ours) > 250) == (code != "en")


@pytest.mark.parametrize("code", ["ru", "kk", "en"])
def test_plural_rule_is_the_one_the_catalogue_declares(code):
    header = (PACKAGE / "locale" / code / "LC_MESSAGES" / "booklet.po").read_text("utf-8")
    declared = re.search(r"plural=(.*?);", header.replace('"\n"', "")).group(1)
    rule = gettext.c2py(declared)
    assert [messages.PLURALS[code](n) for n in range(300)] == [rule(n) for n in range(300)]


@pytest.mark.parametrize("code, counts, expected", [
    ("ru", [1, 2, 5, 11, 21, 22, 25, 111], ["1 страница", "2 страницы", "5 страниц",
                                            "11 страниц", "21 страница", "22 страницы",
                                            "25 страниц", "111 страниц"]),
    ("kk", [1, 2, 5, 21], ["1 бет", "2 бет", "5 бет", "21 бет"]),
    ("en", [1, 2, 5, 21], ["1 page", "2 pages", "5 pages", "21 pages"]),
])
def test_plurals_agree_with_the_number(code, counts, expected):
    messages.use(code)
    try:
        assert [messages.ngettext("{n} page", "{n} pages", n).format(n=n) for n in counts] == expected
    finally:
        messages.use(None)


@pytest.mark.parametrize("env, code", [
    ({"LANG": "ru_RU.UTF-8"}, "ru"),
    ({"LANG": "kk_KZ.UTF-8"}, "kk"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "ru_RU.UTF-8", "LC_MESSAGES": "kk_KZ.UTF-8"}, "kk"),
    ({"LANG": "ru_RU.UTF-8", "LC_MESSAGES": "kk_KZ.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "kk:ru"}, "kk"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "de:ru"}, "ru"),
    ({"LANG": "C", "LANGUAGE": "ru"}, "en"),  # as GNU gettext: LANGUAGE is ignored under C
    ({"LC_ALL": "kk_KZ"}, "kk"),
])
def test_the_language_follows_the_locale(env, code):
    assert messages.from_environment(env) == code


@pytest.mark.parametrize("code, where, words", [
    ("ru", "sections[1].books[0].year", "раздел 2, книга 1, год"),
    ("kk", "sections[1].books[0].year", "2-бөлім, 1-кітап, жылы"),
    ("en", "sections[1].books[0].year", "section 2, book 1, year"),
    ("ru", "sections[0].books[2].authors[1]", "раздел 1, книга 3, автор 2"),
    ("kk", "library.name", "кітапхана, атауы"),
    ("ru", "booklet.press.ink_limit", "буклет, для типографии, предел суммы красок"),
    ("ru", "kit.labels.fold", "комплект, этикетки, домиком"),
    ("kk", "kit.bookmarks.size", "жиынтық, бетбелгілері, пішімі"),
    ("ru", "booklet.bilingual", "буклет, два языка"),
    ("kk", "poster.screens[0]", "плакат, экрандары 1"),
])
def test_the_place_is_said_in_words_counting_from_one(code, where, words):
    messages.use(code)
    try:
        assert messages.in_words(where) == words
    finally:
        messages.use(None)


def _keys_of(model, seen) -> set[str]:
    import typing

    from pydantic import BaseModel

    keys = set()
    for name, field in model.model_fields.items():
        keys.add(name)
        inner = [field.annotation, *typing.get_args(field.annotation)]
        for kind in inner + [a for t in inner for a in typing.get_args(t)]:
            if isinstance(kind, type) and issubclass(kind, BaseModel) and kind not in seen:
                seen.add(kind)
                keys |= _keys_of(kind, seen)
    return keys


def test_every_key_of_the_content_has_words_of_its_own():
    """A place in the file is said with the words of each key on its way: a key left out
    of messages.FIELDS is printed in English in a Russian message (`kit, labels, fold`)."""
    from booklet.content.model import Exhibition

    assert sorted(_keys_of(Exhibition, set()) - set(messages.FIELDS)) == []


MISTAKES = """\
title: Выставка
language: kz
dates: 31.02.2026
library:
  name: Библиотека
  website: library.kz
sections:
  - title: Раздел
    books:
      - title: Книга
        year: 19x2
        pages: 0
        isbn: 978-5-4448-1257-1
        autors: Абай
kit:
  lables: {}
  signs: {size: a3}
"""

EXPECTED = {
    "ru": """\
… чтение выставки
exhibition.yaml:2:11: error: language: язык: ожидается одно из: ru, kk, en, а указано «kz»
    подсказка: может быть, `kk`?
exhibition.yaml:3:8: error: dates.start: даты, начало: ожидается дата, например 31.05.2026 или 2026-05-31, а указано «31.02.2026»
exhibition.yaml:6:12: error: library.website: библиотека, сайт: ожидается адрес сайта, начинающийся с https:// или http://, а указано «library.kz»
exhibition.yaml:11:15: error: sections[0].books[0].year: раздел 1, книга 1, год: ожидается год, например 1992, а указано «19x2»
exhibition.yaml:12:16: error: sections[0].books[0].pages: раздел 1, книга 1, страницы: ожидается число страниц, например 320, а указано «0»
exhibition.yaml:13:15: error: sections[0].books[0].isbn: раздел 1, книга 1, ISBN: в ISBN «978-5-4448-1257-1» неверная контрольная цифра: последней должна быть 0
exhibition.yaml:14:9: error: sections[0].books[0].autors: раздел 1, книга 1, autors: неизвестный ключ `autors`
    подсказка: может быть, `authors`?
exhibition.yaml:16:3: error: kit.lables: комплект, lables: неизвестный ключ `lables`
    подсказка: может быть, `labels`?
exhibition.yaml:17:17: error: kit.signs.size: комплект, таблички, формат: ожидается одно из: a4-landscape, a3-landscape, a4, а указано «a3»
    подсказка: может быть, `a3-landscape`?
booklet: 9 ошибок; ничего не записано
""",
    "kk": """\
… көрме оқылуда
exhibition.yaml:2:11: error: language: тілі: мыналардың бірі күтілген: ru, kk, en, ал берілгені «kz»
    кеңес: мүмкін, `kk`?
exhibition.yaml:3:8: error: dates.start: күндері, басы: 31.05.2026 немесе 2026-05-31 сияқты күн күтілген, ал берілгені «31.02.2026»
exhibition.yaml:6:12: error: library.website: кітапхана, сайты: https:// немесе http:// деп басталатын сайт мекенжайы күтілген, ал берілгені «library.kz»
exhibition.yaml:11:15: error: sections[0].books[0].year: 1-бөлім, 1-кітап, жылы: 1992 сияқты жыл күтілген, ал берілгені «19x2»
exhibition.yaml:12:16: error: sections[0].books[0].pages: 1-бөлім, 1-кітап, беттері: 320 сияқты бет саны күтілген, ал берілгені «0»
exhibition.yaml:13:15: error: sections[0].books[0].isbn: 1-бөлім, 1-кітап, ISBN: «978-5-4448-1257-1» ISBN-інде бақылау цифры қате: соңғысы 0 болуы керек
exhibition.yaml:14:9: error: sections[0].books[0].autors: 1-бөлім, 1-кітап, autors: белгісіз кілт `autors`
    кеңес: мүмкін, `authors`?
exhibition.yaml:16:3: error: kit.lables: жиынтық, lables: белгісіз кілт `lables`
    кеңес: мүмкін, `labels`?
exhibition.yaml:17:17: error: kit.signs.size: жиынтық, тақтайшалары, пішімі: мыналардың бірі күтілген: a4-landscape, a3-landscape, a4, ал берілгені «a3»
    кеңес: мүмкін, `a3-landscape`?
booklet: 9 қате; ештеңе жазылмады
""",
    "en": """\
… reading the exhibition
exhibition.yaml:2:11: error: language: expected one of ru, kk, en, got "kz"
    hint: did you mean `kk`?
exhibition.yaml:3:8: error: dates.start: dates, start: expected a date such as 2026-05-31 or 31.05.2026, got "31.02.2026"
exhibition.yaml:6:12: error: library.website: library, website: expected a web address starting with https:// or http://, got "library.kz"
exhibition.yaml:11:15: error: sections[0].books[0].year: section 1, book 1, year: expected a year such as 1992, got "19x2"
exhibition.yaml:12:16: error: sections[0].books[0].pages: section 1, book 1, pages: expected a number of pages such as 320, got "0"
exhibition.yaml:13:15: error: sections[0].books[0].isbn: section 1, book 1, isbn: the ISBN "978-5-4448-1257-1" has a wrong check digit: the last digit should be 0
exhibition.yaml:14:9: error: sections[0].books[0].autors: section 1, book 1, autors: unknown key `autors`
    hint: did you mean `authors`?
exhibition.yaml:16:3: error: kit.lables: kit, lables: unknown key `lables`
    hint: did you mean `labels`?
exhibition.yaml:17:17: error: kit.signs.size: kit, signs, size: expected one of a4-landscape, a3-landscape, a4, got "a3"
    hint: did you mean `a3-landscape`?
booklet: 9 errors; nothing was written
""",
}


@pytest.mark.parametrize("locale, code", [("ru_RU.UTF-8", "ru"), ("kk_KZ.UTF-8", "kk"),
                                          ("C.UTF-8", "en")])
def test_the_same_mistakes_in_each_language_exactly(tmp_path, locale, code):
    write_exhibition(tmp_path, MISTAKES)
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")} | {"LANG": locale}
    run = subprocess.run([sys.executable, "-m", "booklet", "build", "exhibition.yaml"],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (run.returncode, run.stdout, run.stderr) == (1, "", EXPECTED[code])
    assert not (tmp_path / "output").exists()


# Words that may stay in Latin letters in a Russian or Kazakh message: names of formats,
# units, commands and the YAML keys and values the librarian writes.
LATIN = {"kit", "site", "YAML", "ISBN", "JPEG", "PNG", "SVG", "UTF", "ppi", "pt", "PDF", "CMYK", "RGB", "ICC",
         "HTML", "https", "http", "mailto", "booklet", "true", "false", "auto", "images", "jpg",
         "cover", "poster", "image", "text", "title", "library", "sections", "pages", "extent",
         "publishers", "place", "publisher", "authors", "authors_more", "press", "profile",
         "landscape", "Windows", "Ctrl", "JSON", "Schema", "exhibition", "yaml", "new", "build",
         "Pango", "csv", "marc", "memorial", "example", "steelblue", "into", "SOURCE", "print",
         "DIR", "slug", "output", "OUTPUT", "version", "help", "usage", "COMMAND", "PATH", "mm",
         "ru", "kk", "en", "utf", "cp", "Python", "Chromium", "HarfBuzz", "WeasyPrint", "MSYS",
         "UCRT", "doctor", "install", "libharfbuzz", "subset", "classic", "QR",
         # the formats of catalogue exports and the programs that write them (booklet import)
         "CSV", "XLSX", "XML", "ISO", "MARC", "UNIMARC", "RUSMARC", "MARCXML", "Excel", "Word",
         "xls", "doc"}


def test_no_english_is_left_in_russian_or_kazakh():
    """Every catalogue entry of ru and kk reads in its language: English words left in a
    translation are the trace of a string copied without translating it."""
    leftovers = []
    for code in ("ru", "kk"):
        for (_context, msgid), text in messages.catalogue(code).items():
            for string in text if isinstance(text, tuple) else (text,):
                plain = re.sub(r"`[^`]*`|\{[^}]*\}|%\([^)]*\)[a-z]|\"[^\"]*\"|\S+\.\S+|--\S+",
                               " ", string)
                words = set(re.findall(r"[A-Za-z]{2,}", plain)) - LATIN
                if words:
                    leftovers.append((code, msgid, sorted(words)))
    assert leftovers == []


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_help_and_argparse_speak_the_language(tmp_path, capsys, code):
    messages.use(code)
    try:
        with pytest.raises(SystemExit):
            main(["build", "--help"])
        helped = capsys.readouterr().out
        assert re.search(r"[а-яәіңғүұқөһ]{4}", helped) and "show this help" not in helped
        with pytest.raises(SystemExit) as stopped:
            main(["build", "--only", "pdf", str(tmp_path)])
        assert stopped.value.code == 2
        said = capsys.readouterr().err
        assert "invalid choice" not in said and "'pdf'" in said
    finally:
        messages.use(None)


@pytest.mark.parametrize("code, argv, said", [
    ("ru", ["build", "--only", "kitt", "x"], "может быть, `kit`?"),
    ("kk", ["biuld", "x"], "мүмкін, `build`?"),
    ("ru", ["new", "--language", "kz", "x"], "может быть, `kk`?"),
    ("kk", ["import", "--format", "exel", "x"], "мүмкін, `xlsx`?"),
    ("ru", ["new", "--layout", "memorail", "{folder}"],
     "booklet: ошибка: нет макета «memorail»; может быть, `memorial`?"),
])
def test_a_wrong_choice_on_the_command_line_names_the_nearest(tmp_path, capsys, code, argv,
                                                              said):
    messages.use(code)
    try:
        try:
            status = main([a.format(folder=tmp_path / "new") for a in argv])
        except SystemExit as stopped:
            status = stopped.code
        err = capsys.readouterr().err
        assert status == 2 and said in err.splitlines()[-1], err
    finally:
        messages.use(None)


COMMANDS = ["build", "check", "new", "serve", "import", "layouts", "schema", "doctor"]


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_every_help_speaks_the_language(capsys, code):
    """`booklet --help` and each command's: no English word but the names of commands,
    options, formats and the YAML's keys (new's DIR and import's SOURCE had no help at all)."""
    english = set()
    messages.use(code)
    try:
        for argv in [[], *([command] for command in COMMANDS)]:
            with pytest.raises(SystemExit):
                main([*argv, "--help"])
            helped = capsys.readouterr().out
            assert not re.search(r"(?m)^  (DIR|SOURCE)$", helped), helped
            plain = re.sub(r"--?\S+|\{[^}]*\}|\S+[./]\S+|\b[A-Z_]{2,}\b", " ", helped)
            english |= set(re.findall(r"[A-Za-z]{2,}", plain))
    finally:
        messages.use(None)
    assert english - LATIN - set(COMMANDS) - {"serve", "layouts", "schema"} == set()


def test_next_quotes_a_folder_with_a_space_and_plurals_read_right(tmp_path, capsys):
    folder = tmp_path / "День памяти"
    assert main(["new", str(folder)]) == 0
    said = capsys.readouterr().out.splitlines()[-1]
    assert said == f"next: edit '{folder}/exhibition.yaml', then: booklet build '{folder}'"
    messages.use("ru")
    try:
        assert [messages.ngettext("added {n} book to section {section} of {path}",
                                  "added {n} books to section {section} of {path}", n).format(
            n=n, section=1, path="x.yaml") for n in (1, 3, 5)] == [
            "добавлена 1 книга в раздел 1 файла x.yaml", "добавлены 3 книги в раздел 1 файла x.yaml",
            "добавлено 5 книг в раздел 1 файла x.yaml"]
    finally:
        messages.use(None)


# ---- booklet import: every line it can print goes through the catalogues

IMPORT_FILES = sorted((PACKAGE / "importers").glob("*.py")) + [PACKAGE / "cli.py"]
SAYING = {"append", "print", "SourceError", "IntoError", "RecordError", "TableError", "XmlError"}
WORDS = re.compile(r"[A-Za-z]{2,}[ ,;:'-]+[A-Za-z]{2,}")  # a phrase, not a key or a prefix


def _unwrapped(path) -> list[str]:
    """English phrases said (appended to the notes, raised, printed) without `_`/`ngettext`."""
    import ast

    tree, found = ast.parse(path.read_text("utf-8")), []

    def said(node):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext", "N_"):
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                WORDS.search(node.value):
            found.append(f"{path.name}:{node.lineno}: {node.value}")
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, ast.Call) or getattr(child.func, "id", "") in ("_", "ngettext",
                                                                                     "N_"):
                said(child)

    for node in ast.walk(tree):
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None) \
            if isinstance(node, ast.Call) else None
        if name in SAYING:
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                said(argument)
        elif isinstance(node, ast.AugAssign) and getattr(node.target, "attr", "") == "notes":
            said(node.value)
    return found


def test_every_import_message_goes_through_the_catalogues():
    """What `booklet import` says is marked for translation, so that the checks above see
    it: a phrase appended to the notes, raised or printed bare fails here."""
    assert [line for path in IMPORT_FILES for line in _unwrapped(path)] == []


@pytest.mark.parametrize("code, variant, said", [
    ("ru", ("compact",), "4 страницы, набор: плотный; свободные страницы: выходные сведения"),
    ("kk", ("compact", "spread"), "4 бет, теру: тығыз еркін; бос беттер: шығу деректері"),
    ("ru", (), "4 страницы, набор: обычный; свободные страницы: выходные сведения"),
    ("ru", ("mine",), "4 страницы, набор: mine; свободные страницы: выходные сведения"),
])
def test_the_booklet_summary_names_its_setting_in_words(code, variant, said):
    """The note after booklet.pdf: the bundled layouts' settings in the user's words (a
    tête-bêche half said «теру: spread»); a layout's own name stays as it is written."""
    from booklet.render.booklet import RenderedBooklet
    from booklet.render.fitting import Fit

    messages.use(code)
    try:
        fit = Fit(pages=(0, 1, 2, 3), fillers=("colophon",), underfilled=(), content=3.0)
        assert RenderedBooklet(None, variant, fit).summary() == said
    finally:
        messages.use(None)


def test_progress_lines_of_every_output_speak_the_language(tmp_path):
    """`booklet build`'s lines `… what it does`, the kit's and the page's among them, and
    those of a rebuild that finds nothing changed («kit: unchanged» named the group in
    English), say no English word; a file's name may stand in them."""
    from booklet.build import build
    from tests.conftest import MINIMAL

    folder = write_exhibition(tmp_path / "show", MINIMAL + "kit: true\nsite: true\n")
    said = []
    messages.use("kk")
    try:
        for _time in range(2):
            build(folder, tmp_path / "out", progress=said.append)
    finally:
        messages.use(None)
    english = {word for line in said for word in
               re.findall(r"[A-Za-z]{2,}", re.sub(r"\S+\.(?:pdf|png|html)", "", line))}
    assert english == set() and any("жиынтығы" in line for line in said), said


def test_the_kit_and_the_page_name_their_file_not_a_key_in_english(tmp_path):
    """A web page's warning starts with its file, as a PDF's does (`leaflet.pdf: …`), not
    with «site:» before Russian words."""
    from booklet.content.load import load
    from booklet.render.site import faint_colours

    loaded = load(write_exhibition(tmp_path / "show"))
    messages.use("ru")
    try:
        found = faint_colours(loaded, ":root { --text: #999999; --ground: #aaaaaa; }")
    finally:
        messages.use(None)
    assert [p.message.split(": ", 1)[0] for p in found] == ["site/index.html"]
    assert found[0].message.split(": ", 1)[1].startswith("на веб-странице текст `--text`")


def test_what_the_system_says_of_a_file_is_said_in_words(tmp_path, capsys):
    """«No such file or directory», «Not a directory»: the system's own English words
    stood inside Russian and Kazakh lines; booklet's own reason is kept as it is."""
    import errno

    (tmp_path / "file").write_text("", encoding="utf-8")
    messages.use("ru")
    try:
        assert main(["new", str(tmp_path / "file" / "show")]) == 2
        assert capsys.readouterr().err.endswith(": это не папка\n")
        assert messages.reason(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))) == \
            "на диске нет места"
        assert messages.reason(OSError(errno.ENOSPC, "свои слова")) == "свои слова"
        messages.use("kk")
        assert messages.reason(FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT),
                                                 "x")) == "мұндай файл немесе қалта жоқ"
    finally:
        messages.use(None)
