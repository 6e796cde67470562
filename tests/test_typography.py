"""Typographic rules, one table per rule, exact to the character. `_` stands for U+00A0."""

import pytest

from booklet.text.typography import typeset


def check(language, given, expected):
    assert typeset(given, language) == expected.replace("_", "\u00a0")


@pytest.mark.parametrize("given, expected", [
    ('Он сказал "нет"', "Он_сказал «нет»"),
    ('"Книга "Степь" вышла"', "«Книга „Степь“ вышла»"),
    ('Партия "Алаш",', "Партия «Алаш»,"),
    ('("Алаш")', "(«Алаш»)"),
    ("«Уже готовые»", "«Уже готовые»"),
    ('«Роман "Путь"»', "«Роман „Путь“»"),
])
def test_russian_quotes(given, expected):
    check("ru", given, expected)


@pytest.mark.parametrize("given, expected", [
    ('She said "no"', "She said \u201cno\u201d"),
    ('"A "nested" one"', "\u201cA \u2018nested\u2019 one\u201d"),
    ("don't", "don\u2019t"),
])
def test_english_quotes_and_apostrophes(given, expected):
    check("en", given, expected)


@pytest.mark.parametrize("language, given, expected", [
    ("ru", "граждан - соседей", "граждан_— соседей"),
    ("ru", "АЛЖИР -- лагерь", "АЛЖИР_— лагерь"),
    ("ru", "строкой — трагическая", "строкой_— трагическая"),
    ("ru", "- Кто там?", "—_Кто там?"),
    ("kk", "Бұл - кітап", "Бұл_— кітап"),
    ("en", "the camps - and the people", "the camps—and the people"),
])
def test_sentence_dashes(language, given, expected):
    check(language, given, expected)


@pytest.mark.parametrize("language, given, expected", [
    ("ru", "с 1921-1954", "с_1921–1954"),
    ("ru", "в 1930 - 1933 годах", "в_1930–1933 годах"),
    ("en", "pages 10-20", "pages 10–20"),
])
def test_number_ranges_take_an_en_dash(language, given, expected):
    check(language, given, expected)


@pytest.mark.parametrize("given, expected", [
    ("в Казахстане и в мире", "в_Казахстане и_в_мире"),
    ("на территории Союза", "на_территории Союза"),
    ("А он", "А_он"),
    ("Мен жастарға сенемін", "Мен жастарға сенемін"),
])
def test_short_words_hold_on_to_the_next(given, expected):
    check("ru", given, expected)


@pytest.mark.parametrize("given, expected", [
    ("писал А. Байтурсынов", "писал А._Байтурсынов"),
    ("А. Б. Иванов", "А._Б._Иванов"),
    ("Хабаров А. В. и другие", "Хабаров_А._В. и_другие"),
])
def test_initials_stay_with_the_surname(given, expected):
    check("ru", given, expected)


@pytest.mark.parametrize("given, expected", [
    ("в 1937 г. и 20 тыс. человек", "в_1937_г. и_20_тыс. человек"),
    ("дом № 5, § 3", "дом №_5, §_3"),
    ("около 100000 человек", "около 100_000 человек"),
    ("1937 ж. 5 мың", "1937_ж. 5_мың"),
    ("книги, журналы и т. д.", "книги, журналы и_т._д."),
    ("сказал бы он", "сказал_бы_он"),
    ("Пришёл ли он", "Пришёл_ли_он"),
])
def test_numbers_units_abbreviations_particles(given, expected):
    check("ru", given, expected)


@pytest.mark.parametrize("given", [
    "https://library.example.kz/a-b-c",
    "ISBN 978-5-4448-1257-0",
    "2026-05-31",
    "library@example.kz",
])
def test_addresses_isbns_and_iso_dates_are_left_alone(given):
    assert typeset(f"читайте {given} и", "ru") == f"читайте {given} и"


def test_ellipsis():
    check("ru", "и так далее...", "и_так далее…")
