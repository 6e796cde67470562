"""The loader: every mistake a librarian can make is one error line at the right place."""

import os
import time

import pytest

from booklet.content.load import load
from booklet.problems import ContentError

HEAD = """\
title: Выставка
library:
  name: Библиотека
sections:
  - title: Раздел
    books:
"""


def errors(folder):
    with pytest.raises(ContentError) as caught:
        load(folder)
    return [str(p) for p in caught.value.problems]


def only_error(folder):
    found = errors(folder)
    assert len(found) == 1, found
    return found[0]


def test_the_sample_loads():
    from tests.conftest import SAMPLE
    loaded = load(SAMPLE)
    assert loaded.slug == "memory"
    assert len(loaded.exhibition.sections) == 3
    assert sum(len(s.books) for s in loaded.exhibition.sections) == 14


def test_misspelled_key_points_at_the_key_and_suggests(exhibition):
    folder = exhibition(HEAD + "      - title: Книга\n        autors: [Абай]\n")
    message = only_error(folder)
    assert message.startswith(f"{folder / 'exhibition.yaml'}:8:9: error: "
                              "sections[0].books[0].autors: section 1, book 1, autors: unknown key `autors`")
    assert "did you mean `authors`?" in message


def test_wrong_year_as_in_the_contract(exhibition):
    folder = exhibition(HEAD + "      - title: Книга\n        year: 199O\n")
    assert only_error(folder).endswith(
        ':8:15: error: sections[0].books[0].year: section 1, book 1, year: expected a year such as 1992, got "199O"')


def test_dates_in_the_wrong_order(exhibition):
    folder = exhibition("dates: {start: 2026-06-10, end: 2026-05-25}\n" + HEAD
                        + "      - title: Книга\n")
    assert only_error(folder).endswith(
        ":1:8: error: dates: the end (2026-05-25) is before the start (2026-06-10)")


def test_impossible_date(exhibition):
    folder = exhibition("dates: 2026-02-30\n" + HEAD + "      - title: Книга\n")
    assert only_error(folder).endswith(
        ':1:8: error: dates.start: dates, start: expected a date such as 2026-05-31 or 31.05.2026, got "2026-02-30"')


def test_missing_title_points_at_the_mapping(exhibition):
    folder = exhibition(HEAD + "      - authors: [Абай]\n")
    assert only_error(folder).endswith(
        ":7:9: error: sections[0].books[0].title: section 1, book 1, title: this is required but missing")


def test_all_problems_are_reported_in_one_run(exhibition):
    folder = exhibition(HEAD + "      - title: Книга\n        year: 20\n        pages: -5\n"
                        "        isbn: 978-5-4448-1257-1\n")
    found = errors(folder)
    assert [f.split(": error: ")[0].rsplit(":", 2)[1:] for f in found] == [
        ["8", "15"], ["9", "16"], ["10", "15"]]
    assert "the last digit should be 0" in found[2]


def test_tab_in_indentation(exhibition):
    folder = exhibition(HEAD.replace("  name:", "\tname:") + "      - title: Книга\n")
    message = only_error(folder)
    assert ":3:1: error: a tab is used for indentation" in message
    assert "hint: replace the tab with spaces" in message


def test_windows_1251_file_is_named_as_such(exhibition):
    folder = exhibition(HEAD + "      - title: Книга\n", encoding="cp1251")
    message = only_error(folder)
    assert ":1:8: error: the file is not UTF-8 (it looks like Windows-1251)" in message


def test_bom_and_crlf_load(exhibition):
    text = (HEAD + "      - title: Книга\n").replace("\n", "\r\n")
    folder = exhibition()
    (folder / "exhibition.yaml").write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert load(folder).exhibition.title == "Выставка"


def test_empty_file(exhibition):
    folder = exhibition("# only a comment\n")
    assert ":1:1: error: the file is empty\n    hint:" in only_error(folder)


def test_alias_bomb_is_refused_quickly(exhibition):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, "
              f"*a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 9)]
    folder = exhibition("\n".join(lines) + "\n")
    started = time.perf_counter()
    message = only_error(folder)
    assert time.perf_counter() - started < 5
    assert "expands to too many values" in message


def test_duplicate_key(exhibition):
    folder = exhibition("title: A\n" + HEAD + "      - title: Книга\n")
    assert only_error(folder).endswith(":2:1: error: title: `title` is given twice (first on line 1)")


def test_colon_in_a_title_gets_a_hint(exhibition):
    folder = exhibition(HEAD + "      - title: Алаш: судьбы\n")
    message = only_error(folder)
    assert ":7:20: error: a colon and a space inside a value, which YAML reads as a new key" \
        in message
    assert 'put the whole value in straight quotes: title: "Сказки: стихи"' in message


@pytest.mark.parametrize("cover, what", [
    ("../outside.jpg", "points outside the exhibition folder"),
    ("/etc/hostname", "is an absolute path"),
    ("https://example.com/c.jpg", "is a web address"),
    ("file:///etc/hostname", "is a web address"),
    ("images/none.jpg", 'no such file "images/none.jpg"'),
])
def test_cover_paths_stay_inside_the_folder(exhibition, cover, what):
    folder = exhibition(HEAD + f"      - title: Книга\n        cover: {cover}\n")
    message = only_error(folder)
    assert ":8:16: error: sections[0].books[0].cover: section 1, book 1, cover: " in message
    assert what in message


def test_symlink_out_of_the_folder_is_refused(exhibition, tmp_path):
    outside = tmp_path / "secret.jpg"
    from PIL import Image
    Image.new("RGB", (10, 10)).save(outside)
    folder = exhibition(HEAD + "      - title: Книга\n        cover: link.jpg\n")
    os.symlink(outside, folder / "link.jpg")
    assert "leads outside the exhibition folder" in only_error(folder)


def test_broken_picture_names_file_and_line(exhibition):
    folder = exhibition(HEAD + "      - title: Книга\n        cover: images/c.jpg\n")
    (folder / "images").mkdir()
    (folder / "images" / "c.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    message = only_error(folder)
    assert ':8:16: error: sections[0].books[0].cover: section 1, book 1, cover: "images/c.jpg" is not a picture' in message


def test_truncated_jpeg_is_refused(exhibition):
    import booklet.render.booklet  # noqa: F401  (imports WeasyPrint, which tolerates truncation)
    folder = exhibition(HEAD + "      - title: Книга\n        cover: c.jpg\n", images={"c.jpg": (300, 400)})
    data = (folder / "c.jpg").read_bytes()
    (folder / "c.jpg").write_bytes(data[: len(data) // 2])
    assert '"c.jpg" is not a picture that can be opened' in only_error(folder)


def test_raw_html_in_intro_points_at_its_line(exhibition):
    folder = exhibition('intro: |\n  Первый абзац.\n\n  <link rel="attachment" href="file:///etc/hostname">\n'
                        + HEAD + "      - title: Книга\n")
    assert only_error(folder).endswith(":4:3: error: intro: raw HTML is not allowed in text")


def test_inline_html_and_images_and_script_links_are_refused(exhibition):
    folder = exhibition(HEAD + "      - title: Книга\n        annotation: Текст <b>жирный</b>\n"
                        "      - title: Вторая\n        annotation: '![обложка](c.jpg)'\n"
                        "      - title: Третья\n        annotation: '[ссылка](page.html)'\n")
    found = errors(folder)
    assert "8:21: error: sections[0].books[0].annotation: section 1, book 1, annotation: raw HTML is not allowed in text: <b>" in found[0]
    assert "10:21: error: sections[0].books[1].annotation: section 1, book 2, annotation: pictures are not allowed" in found[1]
    assert "12:21: error: sections[0].books[2].annotation: section 1, book 3, annotation: a link in text must start with https://" in found[2]


def test_wrong_language_lists_the_choices(exhibition):
    folder = exhibition("language: rus\n" + HEAD + "      - title: Книга\n")
    assert only_error(folder).endswith(":1:11: error: language: expected one of ru, kk, en, got \"rus\"\n"
                                        "    hint: did you mean `ru`?")


def test_no_sections(exhibition):
    folder = exhibition("title: A\nlibrary: {name: B}\nsections: []\n")
    assert only_error(folder).endswith(":3:11: error: sections: needs at least one entry")


def test_bad_link_and_email(exhibition):
    folder = exhibition("title: A\nlibrary: {name: B, email: nobody, website: www.lib.kz}\n"
                        "sections: [{title: C}]\n")
    found = errors(folder)
    assert "2:27: error: library.email: library, email: expected an e-mail address" in found[0]
    assert '2:44: error: library.website: library, website: expected a web address starting with https:// or http://, got "www.lib.kz"' in found[1]
