"""Single-rule probes of how catalogue fields are read: extents, years, ISBNs, roles from
the statement of responsibility, ISBD punctuation, and parts of sets in MARC21."""

import pytest
from pymarc import Field, Record, Subfield

from booklet.importers import fields as f
from booklet.importers import import_books
from booklet.importers.marc import marc21_book


@pytest.mark.parametrize("stated, expected", [
    ("320 с.", (320, "")), ("424", (424, "")), ("192 p. ;", (192, "")),
    ("[1],15 с.", (None, "[1],15 с.")),  # not «pages 1»
    ("[2],450-886 с.", (None, "[2],450-886 с.")),  # not «pages 2»
    ("xii, 192 p.", (None, "xii, 192 p.")), ("2 т.", (None, "2 т.")),
    ("355, [2] с., [8] л. ил.", (None, "355, [2] с., [8] л. ил.")),
])
def test_extent(stated, expected):
    assert f.extent(stated) == expected


@pytest.mark.parametrize("stated, expected", [
    ("c1962.", 1962), ("[1998]", 1998), ("1998–2001", 1998), ("[2002?]", 2002),
    ("2010.", 2010), ("б. г.", None), ("", None),
])
def test_year(stated, expected):
    assert f.year(stated) == expected


@pytest.mark.parametrize("stated, expected", [
    ("5-900776-31-х", "5-900776-31-X"),  # a Cyrillic х as the check character
    ("5-900776-31-Х", "5-900776-31-X"), ("978 5 4448 1257 0", "9785444812570"),
    ("9785444812570 (в пер.)", "9785444812570"), ("5-17-015240-X", "5-17-015240-X"),
])
def test_isbn(stated, expected):
    assert f.isbn(stated) == expected


@pytest.mark.parametrize("statement, surname, roles", [
    ("Сост., вступ. ст., пер. с рус. на норв. М. Бьеркенг", "Бьеркенг",
     ("compiler", "foreword", "translator")),
    ("под ред. Ю. Н. Климова", "Климов", ("editor",)),  # the genitive
    ("отв. ред. А. Б. Сидоров", "Сидоров", ("executive_editor",)),
    ("под общ. ред. А. Б. Сидорова", "Сидоров", ("general_editor",)),
    ("науч. ред. А. Б. Сидоров", "Сидоров", ("scientific_editor",)),
    ("by Paul Tournier ; translated by John S. Gilmour", "Gilmour", ("translator",)),
    ("by Paul Tournier ; translated by John S. Gilmour", "Tournier", ()),
    ("edited by Francois Penz and Maureen Thomas", "Thomas", ("editor",)),
    ("Е. Абенов ; құраст. А. Бекова", "Бекова", ("compiler",)),
    ("ауд. Н. Серікбаев", "Серікбаев", ("translator",)),
    ("[Худож. Е.С. Скрипник]", "Скрипник", ("illustrator",)),
    ("З. М. Акулова, А. М. Бабич ; ред. А. С. Павловский [и др.]", "Акулова", ()),
])
def test_roles_from_the_statement_of_responsibility(statement, surname, roles):
    assert f.stated_role(statement, surname) == roles


@pytest.mark.parametrize("statement, language", [
    ("[Пер. с англ. В.А. Вебера]", "en"), ("пер. с пол.", "pl"), ("пер. с каз. А. Б.", "kk"),
    ("translated from the French by A. B.", "fr"), ("ред. А. Б.", None),
])
def test_translated_from(statement, language):
    assert f.translated_from(statement) == language


@pytest.mark.parametrize("value, expected", [
    ("Москва :", "Москва"), ("Tournier, Paul.", "Tournier, Paul"), ("2-е изд., доп.", "2-е изд., доп."),
    ("\x88L'\x89altra faccia", "L'altra faccia"),  # non-sorting marks
    ("[В Санктпетербурге", "[В Санктпетербурге]"), ("Тип. Акад. наук]", "[Тип. Акад. наук]"),
    ("Вып. 13.", "Вып. 13"), ("Ш. Уалиханов атындағы ун-т.", "Ш. Уалиханов атындағы ун-т."),
])
def test_clean(value, expected):
    assert f.clean(value) == expected


def test_authors_more_only_from_the_authors_group():
    assert f.names_more("Я. С. Амиров [и др.]")
    assert not f.names_more("З. М. Акулова ; ред. А. С. Павловский [и др.]")


def irbis(tmp_path, text):
    path = tmp_path / "export.txt"
    path.write_text(text, encoding="utf-8")
    return import_books(path, "irbis").books


def test_one_person_with_several_roles_from_the_words_of_the_record(tmp_path):
    [book] = irbis(tmp_path, "#200: ^AНорвежские сказки^FСост., вступ. ст., пер. с рус. на норв. "
                             "М. Бьеркенг\n#702: ^AБьеркенг^BМ.\n*****\n")
    assert book == {"title": "Норвежские сказки",
                    "contributors": [{"name": "Бьеркенг, М.",
                                      "role": ["compiler", "foreword", "translator"]}],
                    "translated_from": "ru"}


def test_one_person_with_several_relator_codes(tmp_path):
    [book] = irbis(tmp_path, "#200: ^AСказки\n#702: ^4220 сост.^AБьеркенг^BМ.\n"
                             "#702: ^4730 пер.^AБьеркенг^BМ.\n*****\n")
    assert book["contributors"] == [{"name": "Бьеркенг, М.", "role": ["compiler", "translator"]}]


def test_a_702_without_a_role_is_never_an_author(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text("#200: ^AСказки^FА. Б. Автор\n#700: ^AАвтор^BА. Б.\n#702: ^AКто-то^BВ.\n*****\n",
                    encoding="utf-8")
    result = import_books(path, "irbis")
    assert result.books == [{"title": "Сказки", "authors": ["Автор, А. Б."]}]
    assert "record 1: Кто-то, В. (field 702) has no role the record states; left out" \
        in result.notes


def marc21(*fields, leader="00000nam a2200000 i 4500"):
    record = Record()
    record.leader = leader
    for tag, indicators, subfields in fields:
        record.add_field(Field(tag=tag, indicators=list(indicators),
                               subfields=[Subfield(c, v) for c, v in subfields]))
    return marc21_book(record)


def test_marc21_part_of_a_work_245_n_p_and_series_490_v():
    book, notes = marc21(
        ("100", "1 ", [("a", "Ауэзов, Мухтар,"), ("d", "1897-1961.")]),
        ("245", "10", [("a", "Путь Абая."), ("n", "Кн. 2,"), ("p", "Последние годы /"),
                       ("c", "М. Ауэзов ; пер. с каз. Л. Соболева.")]),
        ("264", " 1", [("a", "Алматы :"), ("b", "Жазушы,"), ("c", "[1997]")]),
        ("300", "  ", [("a", "480 с. :"), ("b", "ил. ;")]),
        ("490", "1 ", [("a", "Библиотека казахской прозы ;"), ("v", "т. 5")]),
        ("700", "1 ", [("a", "Соболев, Леонид.")]))
    assert book == {"title": "Путь Абая", "authors": ["Ауэзов, Мухтар"],
                    "contributors": [{"name": "Соболев, Леонид", "role": "translator"}],
                    "translated_from": "kk", "volume": "Кн. 2. Последние годы",
                    "series": "Библиотека казахской прозы ; т. 5", "place": "Алматы",
                    "publisher": "Жазушы", "year": 1997, "pages": 480, "illustrations": True}
    assert notes == []


def test_marc21_series_from_830_when_there_is_no_490():
    book, _ = marc21(("245", "10", [("a", "Title")]),
                     ("830", " 0", [("a", "Oxford world's classics."), ("v", "12")]))
    assert book["series"] == "Oxford world's classics ; 12"


def test_marc21_article_in_773_keeps_its_source_in_record():
    book, notes = marc21(
        ("100", "1 ", [("a", "Кунанбаев, Абай.")]),
        ("245", "10", [("a", "Слова назидания /"), ("c", "Абай.")]),
        ("773", "0 ", [("t", "Простор"), ("d", "Алматы, 1995"), ("g", "№ 8. С. 3-20")]),
        leader="00000nab a2200000 i 4500")
    assert book["record"] == "Слова назидания / Абай // Простор. – Алматы, 1995. – № 8. С. 3-20."
    assert notes == ["an article: its description with the source is kept in `record:`"]


def test_marc21_volume_with_its_set_in_773():
    book, notes = marc21(
        ("245", "10", [("a", "Странные люди /"), ("c", "В. М. Шукшин.")]),
        ("264", " 1", [("a", "Москва :"), ("b", "Надежда-1,"), ("c", "1998.")]),
        ("773", "0 ", [("a", "Шукшин, Василий Макарович."), ("t", "Собрание сочинений : в 6 кн."),
                       ("g", "Кн. 3")]))
    assert book == {"title": "Собрание сочинений : в 6 кн.",
                    "authors": ["Шукшин, Василий Макарович"], "volume": "Кн. 3, Странные люди",
                    "place": "Москва", "publisher": "Надежда-1", "year": 1998}
    assert notes == []
