"""One rule at a time: a table of probes for each item of the records issue, each the
smallest book that shows the rule, with the record it must give. `_` is U+00A0."""

import pytest

from booklet.content.load import load
from booklet.content.model import Book
from booklet.problems import ContentError
from booklet.text import names
from booklet.text.records import record

OLD, NEW, SHORT = "gost-7.1-2003", "gost-r-7.0.100-2018", "short"
T = dict(title="Книга")


def person(name, role, **more):
    return {"name": name, "role": role, **more}


PROBES = {
    # 1. editors: the wording libraries use, names in the genitive where the wording wants it
    "under editorship, genitive": (OLD, dict(T, contributors=[person("Климов, Ю. Н.", "editor")]),
                                   "Книга / под ред. Ю._Н._Климова."),
    "general editorship": (OLD, dict(T, contributors=[person("Булатов, А. С.", "general_editor")]),
                           "Книга / под общ. ред. А._С._Булатова."),
    "scientific editor, genitive": (OLD, dict(T, contributors=[
        person("Инькова, Л. М.", "scientific_editor")]), "Книга / науч. ред. Л._М._Иньковой."),
    "executive editor, nominative": (OLD, dict(T, contributors=[
        person("Матишов, Г. Г.", "executive_editor")]), "Книга / отв. ред. Г._Г._Матишов."),
    "7.0.100 under editorship": (NEW, dict(T, contributors=[person("Климов, Ю. Н.", "editor")]),
                                 "Книга / под редакцией Ю._Н._Климова._– Текст : непосредственный."),
    "7.0.100 general editorship": (NEW, dict(T, contributors=[
        person("Булатов, А. С.", "general_editor")]),
        "Книга / под общей редакцией А._С._Булатова._– Текст : непосредственный."),
    "7.0.100 plural role word": (NEW, dict(T, contributors=[
        person("Иванов, А. А.", "executive_editor"), person("Петрова, Б. Б.", "executive_editor"),
        person("Сидоров, В. В.", "executive_editor")]),
        "Книга / ответственные редакторы А._А._Иванов, Б._Б._Петрова, В._В._Сидоров._– "
        "Текст : непосредственный."),
    "7.0.100 singular for one": (NEW, dict(T, contributors=[person("Иванов, А. А.", "compiler")]),
                                 "Книга / составитель А._А._Иванов._– Текст : непосредственный."),
    "7.0.100 compilers": (NEW, dict(T, contributors=[person("Иванов, А. А.", "compiler"),
                                                     person("Петрова, Б. Б.", "compiler")]),
                          "Книга / составители А._А._Иванов, Б._Б._Петрова._– "
                          "Текст : непосредственный."),
    "indeclinable surname stays": (OLD, dict(T, contributors=[
        person("Шевченко, Т. Г.", "editor")]), "Книга / под ред. Т._Г._Шевченко."),
    "a man's consonant surname": (OLD, dict(T, contributors=[
        person("Шмидт, Отто Юльевич", "editor")]), "Книга / под ред. О._Ю._Шмидта."),
    "a woman's consonant surname": (OLD, dict(T, contributors=[
        person("Шмидт, Анна", "editor")]), "Книга / под ред. А._Шмидт."),
    "gender unknown: left as written": (OLD, dict(T, contributors=[
        person("Бьеркенг, М.", "translator")]), "Книга / пер. М._Бьеркенг."),
    "name_genitive overrides": (OLD, dict(T, contributors=[
        person("Дюма, А.", "editor", name_genitive="Дюма")]), "Книга / под ред. А._Дюма."),
    "Kazakh record: names stay nominative": (OLD, dict(T, language="kk", contributors=[
        person("Қайдар, Ә.", "editor")]), "Книга / ред. Ә._Қайдар."),

    # 2. order: the book's order, one person's roles as one group
    "contributors in the given order": (OLD, dict(T, contributors=[
        person("Иванов, А. А.", "illustrator"), person("Петров, Б. Б.", "compiler")]),
        "Книга / ил. А._А._Иванова ; сост. Б._Б._Петров."),
    "one person, several roles, one group": (OLD, dict(T, translated_from="ru", contributors=[
        person("Бьеркенг, М.", ["compiler", "foreword", "translator"])]),
        "Книга / сост., вступ. ст., пер. с рус. М._Бьеркенг."),
    "7.0.100 one person's work in full": (NEW, dict(T, contributors=[
        person("Юрченко, Т. Г.", ["foreword", "commentary"])]),
        "Книга / вступительная статья и комментарии Т._Г._Юрченко._– Текст : непосредственный."),
    "same roles together only when neighbours": (OLD, dict(T, contributors=[
        person("Иванов, А. А.", "compiler"), person("Петров, Б. Б.", "editor"),
        person("Сидоров, В. В.", "compiler")]),
        "Книга / сост. А._А._Иванов ; под ред. Б._Б._Петрова ; сост. В._В._Сидоров."),

    # 3. translations keep the source language
    "7.1 abbreviated language": (OLD, dict(T, translated_from="en", contributors=[
        person("Багрова, И. Ю.", "translator")]), "Книга / пер. с англ. И._Ю._Багровой."),
    "7.0.100 language in full": (NEW, dict(T, translated_from="pl", contributors=[
        person("Медведева, О. Р.", "translator")]),
        "Книга / перевод с польского О._Р._Медведевой._– Текст : непосредственный."),
    "Kazakh: from English": (OLD, dict(T, language="kk", translated_from="en", contributors=[
        person("Қайдар, Ә.", "translator")]), "Книга / ағылшын тілінен аударған Ә._Қайдар."),
    "translated, translator unnamed": (OLD, dict(T, authors=["Вэнс, Д."], translated_from="en"),
                                       "Вэнс, Д. Книга / Д._Вэнс ; пер. с англ."),

    # 4. multi-volume sets: punctuation never doubles
    "a volume of a set": (OLD, dict(T, volumes=2, volume="Т. 2"), "Книга : в_2_т. Т._2."),
    "the whole set": (OLD, dict(T, volumes=5, subtitle="собрание сочинений"),
                      "Книга : в_5_т. : собрание сочинений."),
    "title ending in «!»": (OLD, dict(title="Оян, қазақ!", volume="Т. 2"), "Оян, қазақ! Т._2."),
    "title ending in «?»": (OLD, dict(title="Что делать?", volume="Т. 1"), "Что делать? Т._1."),
    "title ending in «.»": (OLD, dict(title="Избранное и т. д.", volume="Т. 1"),
                            "Избранное и_т._д. Т._1."),
    "Kazakh set": (OLD, dict(title="Шығармалар", language="kk", volumes=10, volume="Т. 2"),
                   "Шығармалар : 10_томдық. Т._2."),

    # 5. «[и др.]» by both standards' author rules (GOST 7.80-2000: four and more, no heading)
    "7.1: first of four and [и др.], no heading": (OLD, dict(T, authors=[
        "Абенов, Е.", "Бекова, А.", "Ветров, О.", "Гуляева, Н."]), "Книга / Е._Абенов [и_др.]."),
    "a record naming only the first": (OLD, dict(T, authors=["Абенов, Е."], authors_more=True),
                                       "Книга / Е._Абенов [и_др.]."),
    "7.0.100: the named ones and [и др.]": (NEW, dict(T, authors=["Абенов, Е.", "Бекова, А."],
                                                      authors_more=True),
        "Книга / Е._Абенов, А._Бекова [и_др.]._– Текст : непосредственный."),
    "Kazakh: т.б.": (OLD, dict(T, language="kk", authors=["Абенов, Е."], authors_more=True),
                     "Книга / Е._Абенов [т.б.]."),
    "short style": (SHORT, dict(T, authors=["Абенов, Е."], authors_more=True), "Е._Абенов и_др. Книга."),

    # 6. unknown place and publisher
    "no publisher": (OLD, dict(T, place="Мончегорск", year=2023),
                     "Книга._— Мончегорск : [б._и.],_2023."),
    "no place": (OLD, dict(T, publisher="Полиграф", year=2001), "Книга._— [Б._м.] : Полиграф, 2001."),
    "neither": (OLD, dict(T, year=2001), "Книга._— [Б._м._:_б._и.],_2001."),
    "nothing at all: no area": (OLD, dict(T), "Книга."),
    "Kazakh: left out, as NLRK writes": (OLD, dict(T, language="kk", place="Алматы", year=2012),
                                         "Книга._— Алматы, 2012."),

    # 7. organisations, several places and publishers, extent as stated, illustrations
    "organisation after the authors": (OLD, dict(T, organisation="Рос. нац. б-ка", contributors=[
        person("Иванов, А. А.", "compiler")]), "Книга / Рос. нац. б-ка ; сост. А._А._Иванов."),
    "two places, two publishers": (OLD, dict(T, year=2020, publishers=[
        {"place": "Москва", "publisher": "Юрайт"},
        {"place": "Екатеринбург", "publisher": "Изд-во Урал. ун-та"}]),
        "Книга._— М. : Юрайт ; Екатеринбург : Изд-во Урал. ун-та, 2020."),
    "two places, one publisher": (OLD, dict(T, year=2020, publishers=[
        {"place": "Москва"}, {"place": "Санкт-Петербург", "publisher": "Питер"}]),
        "Книга._— М. ; СПб. : Питер, 2020."),
    "extent as stated": (OLD, dict(T, extent="355, [2] с., [8] л. ил."),
                         "Книга._— 355, [2]_с., [8]_л. ил."),
    "illustrations": (OLD, dict(T, pages=240, illustrations=True), "Книга._— 240_с. : ил."),
    "Kazakh illustrations": (OLD, dict(T, language="kk", pages=240, illustrations=True),
                             "Книга._— 240_б. : сурет."),
}


@pytest.mark.parametrize("name", PROBES)
def test_probe(name):
    style, fields, expected = PROBES[name]
    got = record(Book.model_validate(fields), style, "ru")
    assert got == expected.replace("_", "\u00a0")


# 8. places: abbreviated by default, in full on request, in both styles
@pytest.mark.parametrize("style, places, expected", [
    (OLD, "abbreviated", "Книга._— М. : Наука, 1990."),
    (OLD, "full", "Книга._— Москва : Наука, 1990."),
    (NEW, "abbreviated", "Книга._– М. : Наука, 1990._– Текст : непосредственный."),
    (NEW, "full", "Книга._– Москва : Наука, 1990._– Текст : непосредственный."),
])
def test_places(style, places, expected):
    book = Book(title="Книга", place="Москва", publisher="Наука", year=1990)
    assert record(book, style, "ru", places) == expected.replace("_", "\u00a0")


def test_initials_typed_without_spaces_stay_two():
    assert names.inverted("Лазутина, Г.В.") == "Лазутина, Г.\u00a0В."
    assert names.direct("Сартр, Ж.-П.") == "Ж.-П.\u00a0Сартр"


@pytest.mark.parametrize("surname, given, genitive", [
    ("Климов", "Ю. Н.", "Климова"), ("Медведева", "О. Р.", "Медведевой"),
    ("Лекторский", "В. А.", "Лекторского"), ("Толстая", "Т. Н.", "Толстой"),
    ("Толстой", "Л. Н.", "Толстого"), ("Горький", "М.", "Горького"), ("Черных", "Е. Н.", "Черных"),
    ("Глинка", "М. И.", "Глинки"), ("Берия", "Л. П.", "Берии"), ("Гоголь", "Николай", "Гоголь"),
    ("Гоголь", "Николай Васильевич", "Гоголя"), ("Гайдай", "Леонид Иович", "Гайдая"),
    ("Мамин-Сибиряк", "Д. Н.", "Мамина-Сибиряка"), ("Сатпаев", "Каныш", "Сатпаева"),
    ("Жұмабайұлы", "Мағжан", "Жұмабайұлы"), ("Сатпаева", "Айгуль", "Сатпаевой"),
    ("Бьеркенг", "Мария", "Бьеркенг"),
])
def test_surname_genitive(surname, given, genitive):
    assert names.genitive_surname(surname, names.gender(given)) == genitive


HEAD = """\
title: Выставка
library: {name: Библиотека}
sections:
  - title: Раздел
    books:
      - title: Книга
"""


@pytest.mark.parametrize("lines, where, message", [
    ("        contributors: [{name: 'Климов, Ю.', role: edtor}]\n", "contributors[0].role",
     'unknown role "edtor"; did you mean `editor`?'),
    ("        contributors: [{name: 'Климов, Ю.', role: [compiler, compiler]}]\n",
     "contributors[0].role", "the role compiler is given twice"),
    ("        translated_from: eng\n", "translated_from",
     'unknown language "eng"; did you mean `en`?'),
    ("        place: Москва\n        publishers: [{place: Москва, publisher: Юрайт}]\n",
     "publishers", "give either `publishers` or `place` and `publisher`, not both"),
    ("        pages: 320\n        extent: '320 с.'\n", "extent",
     "give either `pages` or `extent`, not both"),
    ("        publishers: [{}]\n", "publishers[0]", "give a place, a publisher or both"),
    ("        volumes: 0\n", "volumes", 'expected a number of volumes such as 5, got "0"'),
    ("        authors_more: true\n", "authors_more",
     "`authors_more: true` needs the first authors in `authors`"),
])
def test_new_fields_refuse_mistakes_in_one_line(exhibition, lines, where, message):
    folder = exhibition(HEAD + lines)
    with pytest.raises(ContentError) as caught:
        load(folder)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1, problems
    assert f"error: sections[0].books[0].{where}: {message}" in problems[0]


def test_the_source_languages_have_words_in_every_record_language():
    from booklet.content.model import SOURCE_LANGUAGES
    from booklet.text.labels import SOURCE_LANGUAGES as WORDS
    assert set(SOURCE_LANGUAGES) == set(WORDS)
    for code in SOURCE_LANGUAGES:
        book = Book(title="Книга", translated_from=code)
        assert record(book, OLD, "ru").startswith("Книга / пер. с ")
        assert "тілінен аударған" in record(book, OLD, "kk")
