"""Word habits: what a librarian types as in a word processor is understood where its meaning
is clear, and is one plain line where it is not."""

import datetime as dt

import pytest
from PIL import Image

from booklet.check import prepare
from booklet.content import paths
from booklet.content.load import load
from booklet.problems import ContentError
from tests.conftest import write_exhibition
from tests.test_loader import HEAD as SECTION_HEAD

HEAD = SECTION_HEAD + "      - title: Книга\n"


def loaded(tmp_path, text, images=None):
    return load(write_exhibition(tmp_path / "show", text, images)).exhibition


def one_line(tmp_path, text, images=None):
    """The message of the only problem, after `FILE:LINE:COL: error: `."""
    with pytest.raises(ContentError) as caught:
        load(write_exhibition(tmp_path / "show", text, images))
    problems = caught.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    return problem.line, problem.message, problem.hint


@pytest.mark.parametrize("line, title", [
    ("title: “Сказки и стихи: от «Мойдодыра» до …”", "Сказки и стихи: от «Мойдодыра» до …"),
    ("title: „Низкие: кавычки“", "Низкие: кавычки"),
    ('title: "Прямая и кривая: кавычки”', "Прямая и кривая: кавычки"),
    ("title: “Кривая и прямая: кавычки\"", "Кривая и прямая: кавычки"),
    ("title: ”Обе закрывающие: как в Word”  # комментарий", "Обе закрывающие: как в Word"),
    ('title: "Прямые: как в YAML"', "Прямые: как в YAML"),
    ("title: “Без двоеточия”", "Без двоеточия"),
])
def test_typographic_quotes_around_a_value_are_quotes(tmp_path, line, title):
    exhibition = loaded(tmp_path, HEAD.replace("title: Выставка", line))
    assert exhibition.title == title


def test_typographic_quotes_in_lists_and_flow_mappings(tmp_path):
    book = loaded(tmp_path, HEAD + "        authors: [“Чуковский, К. И.”, „Маршак, С. Я.“]\n")
    assert book.sections[0].books[0].authors == ["Чуковский, К. И.", "Маршак, С. Я."]
    text = HEAD.replace("  - title: Раздел\n", "  - title: Раздел\n    quote: {text: “Надо, надо "
                        "умываться: по утрам и вечерам”, source: “К. Чуковский”}\n")
    quote = loaded(tmp_path, text).sections[0].quote
    assert (quote.text, quote.source) == ("Надо, надо умываться: по утрам и вечерам",
                                          "К. Чуковский")


def test_quotes_inside_a_block_text_stay_as_written(tmp_path):
    text = HEAD.replace("  - title: Раздел\n", "  - title: Раздел\n    intro: |\n"
                        "      Он сказал: “Читайте: это важно”.\n")
    assert loaded(tmp_path, text).sections[0].intro == "Он сказал: “Читайте: это важно”.\n"


def test_quotes_that_cannot_be_taken_as_yaml_are_one_plain_line(tmp_path):
    line, message, hint = one_line(tmp_path, HEAD.replace(
        "title: Выставка", "title: “Книга “Тайна: третьей планеты” и другие”"))
    assert (line, message, hint) == (1, 'typographic quotes “…” cannot quote a value in YAML: '
                                        'use "…" — the printed text gets «…» anyway', "")


@pytest.mark.parametrize("text, line, message", [
    (HEAD.replace("  name: Библиотека\n", "  name: Библиотека\n   address: ул. Абая, 1\n"), 4,
     "this line is indented further than the line before it, which already has its value"),
    (HEAD + "      title: Другая\n", 8, "this line does not line up with the lines before it"),
    (HEAD.replace("title: Выставка", "title: Алаш: судьбы"), 1,
     "a colon and a space inside a value, which YAML reads as a new key"),
    (HEAD + "        isbn: ISBN: 978-5-4448-1257-0\n", 8,
     "a colon and a space inside a value, which YAML reads as a new key"),
    (HEAD + "      - title: Вторая\n     - title: Третья\n", 9,
     "this line does not line up with the lines before it"),
])
def test_common_yaml_mistakes_are_said_in_words_at_their_line(tmp_path, text, line, message):
    assert one_line(tmp_path, text)[:2] == (line, message)


@pytest.mark.parametrize("given, start, end", [
    ("30.03.2026", dt.date(2026, 3, 30), dt.date(2026, 3, 30)),
    ("{start: 1.4.2026, end: 2026-04-12}", dt.date(2026, 4, 1), dt.date(2026, 4, 12)),
    ("{start: 01/04/2026, end: 12.04.2026}", dt.date(2026, 4, 1), dt.date(2026, 4, 12)),
])
def test_dates_as_written_in_russian_and_kazakh(tmp_path, given, start, end):
    dates = loaded(tmp_path, f"dates: {given}\n" + HEAD).dates
    assert (dates.start, dates.end) == (start, end)


def test_an_impossible_day_first_date_is_refused(tmp_path):
    assert one_line(tmp_path, "dates: 31.02.2026\n" + HEAD)[1] == \
        'expected a date such as 2026-05-31 or 31.05.2026, got "31.02.2026"'


def test_a_single_author_as_text(tmp_path):
    book = loaded(tmp_path, HEAD + "        authors: Чуковский К. И.\n").sections[0].books[0]
    assert book.authors == ["Чуковский К. И."]


@pytest.mark.parametrize("given, kept", [
    ("ISBN 978 5 4448 1257 0", "978-5-4448-1257-0"),
    ("978 601 7000 00 4", "978-601-7000-00-4"),
    ("ISBN 0-8044-2957-Х", "0-8044-2957-X"),  # the Cyrillic Х a keyboard layout gives
    ('"ISBN: 0 8044 2957 X"', "0-8044-2957-X"),
    ("0-8044-2957-x", "0-8044-2957-X"),
    ("9785444812570", "9785444812570"),
])
def test_isbns_as_printed_on_the_book(tmp_path, given, kept):
    book = loaded(tmp_path, HEAD + f"        isbn: {given}\n").sections[0].books[0]
    assert book.isbn == kept


def test_a_cyrillic_letter_inside_an_isbn_is_named(tmp_path):
    assert one_line(tmp_path, HEAD + "        isbn: 978-5-4448-1257-О\n")[1] == \
        'the ISBN "978-5-4448-1257-О" holds the Cyrillic letter О; an ISBN has only digits ' \
        'and a Latin X'


@pytest.mark.parametrize("line, message, hint", [
    ("language: kz", 'expected one of ru, kk, en, got "kz"', "did you mean `kk`?"),
    ("language: RUS", 'expected one of ru, kk, en, got "RUS"', "did you mean `ru`?"),
    ("booklet: {size: A5}", 'expected one of a6, a5, a4, got "A5"', "did you mean `a5`?"),
    ("booklet: {bibliography: gost-7.1}",
     'expected one of gost-7.1-2003, gost-r-7.0.100-2018, short, got "gost-7.1"',
     "did you mean `gost-7.1-2003`?"),
    ("layout: memorail", 'no layout "memorail"', "did you mean `memorial`?"),
    ("poster: {sizes: [A3]}", 'expected a4, a3, a2 or a1, optionally with -landscape, got "A3"',
     "did you mean `a3`?"),
    ("theme: {body_font: pt sans}", '"pt sans" is not a bundled font', "did you mean `PT Sans`?"),
])
def test_did_you_mean_for_every_enumerated_value(tmp_path, line, message, hint):
    folder = write_exhibition(tmp_path / "show", line + "\n" + HEAD)
    with pytest.raises(ContentError) as caught:
        prepare(folder)
    assert [(p.message, p.hint) for p in caught.value.problems] == [(message, hint)]


def test_did_you_mean_a_role_and_a_language_of_the_original(tmp_path):
    text = HEAD + ("        translated_from: eng\n        contributors:\n"
                   "          - {name: Иванов И. И., role: edtor}\n")
    with pytest.raises(ContentError) as caught:
        load(write_exhibition(tmp_path / "show", text))
    assert [p.message for p in caught.value.problems] == [
        'unknown language "eng"; did you mean `en`?', 'unknown role "edtor"; did you mean `editor`?']


@pytest.mark.parametrize("given, shown", [
    ("синий", "#1f4e9c"), ("Көк", "#1f4e9c"), ("зеленый", "#2e7d32"), ("steelblue", "#4682b4"),
    ("DarkRed", "#8b0000"), ("#8c1c13", "#8c1c13"), ("rgb(10, 20, 30)", "rgb(10, 20, 30)"),
])
def test_colours_by_name(tmp_path, given, shown):
    folder = write_exhibition(tmp_path / "show", HEAD + f"theme:\n  accent: {given}\n")
    assert prepare(folder).theme["accent"] == shown


def test_an_unknown_colour_is_one_line_with_the_nearest_name(tmp_path):
    folder = write_exhibition(tmp_path / "show", HEAD + "theme:\n  accent: синйи\n")
    with pytest.raises(ContentError) as caught:
        prepare(folder)
    assert [p.message for p in caught.value.problems] == [
        'expected a colour such as "#8c1c13", синий or steelblue, got "синйи"; did you mean '
        '`синий`?']


@pytest.mark.parametrize("written", ["images/Neznayka.JPG", "Images/neznayka.jpg",
                                     "images/neznyaka.jpg"])
def test_a_file_name_in_the_wrong_case_or_a_letter_off_is_suggested(tmp_path, written):
    line, message, _ = one_line(tmp_path, HEAD + f"        cover: {written}\n",
                                images={"images/neznayka.jpg": (40, 60)})
    assert message == f'no such file "{written}" in the exhibition folder; did you mean ' \
                      '"images/neznayka.jpg"?'


def test_a_huge_photo_is_downsampled_with_a_note_and_a_larger_one_is_one_line(tmp_path,
                                                                               monkeypatch):
    # the limits scaled down 15 times, so that the pictures stay small in the test
    monkeypatch.setattr(paths, "MAX_PIXELS", 8_000_000)
    monkeypatch.setattr(paths, "HUGE_PIXELS", 1_500_000)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 8_000_000)
    paths._picture_problem.cache_clear()
    text = HEAD + "        cover: images/photo.jpg\n"
    folder = write_exhibition(tmp_path / "show", text, {"images/photo.jpg": (3000, 2400)})
    warnings = prepare(folder).warnings
    assert [p.message for p in warnings] == [
        "photo.jpg is 3000×2400 px: far more than print needs; it is downsampled to 300 ppi "
        "at its printed size"]
    for size, message in [((3000, 3000), '"images/photo.jpg" is 3000×3000 pixels, more than '
                           'the 8 megapixels booklet opens; scale it down to 300 ppi at its '
                           'printed size'),
                          ((4500, 4000), '"images/photo.jpg" has more than 16 megapixels; '
                           'scale it down to 300 ppi at its printed size')]:
        Image.new("RGB", size, "#446688").save(folder / "images" / "photo.jpg")
        with pytest.raises(ContentError) as caught:
            load(folder)
        assert [p.message for p in caught.value.problems] == [message]
    paths._picture_problem.cache_clear()


def test_pillow_would_not_refuse_below_our_own_limit():
    assert Image.MAX_IMAGE_PIXELS >= paths.MAX_PIXELS > 108_000_000


def said(tmp_path, text, code):
    """(line, message, hint) of every problem `booklet check` finds, in the language `code`."""
    from booklet import messages

    messages.use(code)
    try:
        with pytest.raises(ContentError) as caught:
            prepare(write_exhibition(tmp_path / "show", text))
        return [(p.line, p.message, p.hint) for p in caught.value.problems]
    finally:
        messages.use(None)


@pytest.mark.parametrize("code, text, problems", [
    # pydantic's own words were printed: "input should be a valid integer, unable to parse…"
    ("ru", "booklet: {press: {ink_limit: много}}\n" + HEAD,
     [(1, "ожидается целое число, а указано «много»", "")]),
    ("kk", "booklet: {press: {ink_limit: 3.5}}\n" + HEAD,
     [(1, "бүтін сан күтілген, ал берілгені «3.5»", "")]),
    # a value that fits no type of the theme's union was five lines, two of them English
    ("ru", HEAD + "theme: {accent: [1]}\n",
     [(8, 'ожидается цвет, например "#8c1c13", синий или steelblue, а указано «[1]»', "")]),
    ("kk", HEAD + "theme: {accent: true}\n",
     [(8, '"#8c1c13", көк немесе steelblue сияқты түс күтілген, ал берілгені «true»', "")]),
    # a key named as a type of a union (`float`) was taken for its tag: an IndexError
    ("ru", HEAD + "float: 1\n", [(8, "неизвестный ключ `float`", "известные ключи: booklet, "
                                  "colophon, dates, intro, kit, language, layout, library, poster, "
                                  "sections, site, subtitle, theme, title, venue")]),
])
def test_what_the_model_refuses_is_one_line_in_words(tmp_path, code, text, problems):
    assert said(tmp_path, text, code) == problems


BILINGUAL = """\
language: [kk, ru]
title: {kk: Абай әлемі, ru: Мир Абая}
library:
  name: Кітапхана
sections:
  - title: {kk: Бөлім, ru: Раздел}
    books:
      - title: Кітап
"""


@pytest.mark.parametrize("code, text, problems", [
    # `booklet new --language kk,ru` spells it so: the same two languages
    ("ru", BILINGUAL.replace("[kk, ru]", "kk,ru") + "booklet: {bilingual: parallel}\n", []),
    # a wrong language in the list was one line for it and two for every text written
    # per language
    ("ru", BILINGUAL.replace("[kk, ru]", "[kk, rus]"),
     [(1, "неизвестный язык «rus»; может быть, `ru`?", "")]),
    ("kk", BILINGUAL.replace("[kk, ru]", "[kk, kk]"),
     [(1, "бір тіл немесе екі түрлі тіл күтіледі, мысалы [kk, ru]", "")]),
    # a wrong language key: one line with its did-you-mean, not a second for the field
    ("ru", BILINGUAL.replace("ru: Мир Абая", "rus: Мир Абая"),
     [(2, "`rus` — не язык этой выставки; допустимы: kk, ru", "может быть, `ru`?")]),
    ("kk", BILINGUAL.replace("{kk: Бөлім, ru: Раздел}", "{kz: Бөлім}"),
     [(6, "`kz` — бұл көрменің тілі емес; күтілгені: kk, ru", "мүмкін, `kk`?")]),
    # tête-bêche and its Russian names mean flip
    ("ru", BILINGUAL + "booklet: {bilingual: перевёртыш}\n",
     [(9, "ожидается одно из: flip, parallel, а указано «перевёртыш»", "может быть, `flip`?")]),
    ("kk", BILINGUAL + "booklet: {bilingual: tete-beche}\n",
     [(9, "мыналардың бірі күтілген: flip, parallel, ал берілгені «tete-beche»",
       "мүмкін, `flip`?")]),
    # yes and no in words: the true or false meant
    ("ru", BILINGUAL + "site: да\n",
     [(9, "ожидается true или false, а указано «да»", "может быть, `true`?")]),
    ("kk", BILINGUAL + "kit: {labels: {fold: жоқ}}\n",
     [(9, "true немесе false күтілген, ал берілгені «жоқ»", "мүмкін, `false`?")]),
    ("ru", BILINGUAL + "kit: да\n",
     [(9, "ожидается true, false или строки `ключ: значение`, а указано «да»", "")]),
    # the x and mm of a bookmark's size as a Russian keyboard types them
    ("ru", BILINGUAL + "kit: {bookmarks: {size: 50х180мм}}\n", []),
])
def test_kit_site_and_two_languages_mistakes_are_one_line_each(tmp_path, code, text, problems):
    if problems:
        assert said(tmp_path, text, code) == problems
    else:
        prepare(write_exhibition(tmp_path / "show", text))
