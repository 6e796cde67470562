"""Importing real exports that no one here wrote (tests/data, sources in its README): each
book is compared field by field with what its record holds."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from booklet.importers import import_books

DATA = Path(__file__).parent / "data"


def books(name, *args):
    return import_books(DATA / name, *args).books


# RUSMARC, National Library of Russia, cp1251 (100 $a/28-29 «89»)
TASKS_13 = {  # a part: 200 $a «Вып. 13.», 461 → the set RU\NLR\bibl\5996, in the same file
    "title": "Задачи и этюды : Сб.",  # the set's 200 $a $e
    "contributors": [{"name": "Барсуков, В. Н.", "role": "editor"}],  # the set's 702 $4 340
    "volume": "Вып. 13", "place": "СПб.", "publisher": "Ut",  # the set's 210: the part has $d only
    "year": 1997, "pages": 80, "illustrations": True,  # 215 $a «80 с.» $c «ил., портр.»
    "isbn": "5-7443-0043-0", "language": "ru", "shelfmark": "97-4/119", "location": "NLR"}
TASKS = {"title": "Задачи и этюды", "subtitle": "Сб.",
         "contributors": [{"name": "Барсуков, В. Н.", "role": "editor"}],
         "place": "СПб.", "publisher": "Ut", "year": 1997, "language": "ru",
         "shelfmark": "97-4/119", "location": "NLR"}
TOURISM = {"title": "Туризм: история и современность", "subtitle": "Избр. произведения",
           "authors": ["Квартальнов, Валерий Александрович"], "volumes": 4,  # $e «В 4 т.»
           "place": "М.", "publisher": "Финансы и статистика", "year": 2002, "language": "ru",
           "shelfmark": "2002-7/3819", "location": "NLR"}
TOURISM_PART = {key: value for key, value in TOURISM.items() if key != "subtitle"}
TOURISM_PART["title"] = "Туризм: история и современность : Избр. произведения"
TOURISM_2 = dict(TOURISM_PART, volume="Т. 2. Кн. 4, Народная дипломатия и туризм",  # 200 $a $h $i
                 extent="509,[1] с.", isbn="5-279-02613-1")
TOURISM_1 = dict(TOURISM_PART, volume="Т. 1", extent="X, 499, [1] с.", isbn="5-279-02612-3")
BABEL = {"title": "Собрание сочинений", "authors": ["Бабель, Исаак Эммануилович"], "volumes": 2,
         "place": "М.", "publisher": "Альд : Литература",  # 210 $a М. $c Альд $c Литература
         "year": 2002, "isbn": "5-7842-0171-9", "language": "ru", "shelfmark": "2002-3/27319",
         "location": "NLR"}
SABOTAGE = {  # a translation: 101 ind1 1 $c eng; «[Пер. с англ.]» becomes translated_from
    "title": "Последнее слово в споре с собой", "authors": ["Корнин-Селби, Элис"],
    "translated_from": "en", "series": "Психологический бестселлер", "place": "М.",
    "publisher": "РИПОЛ классик", "year": 2002, "pages": 223, "isbn": "5-7905-1401-4",
    "language": "ru", "shelfmark": "2002-3/29132", "location": "NLR"}
HUNS = {"title": "Гунны", "subtitle": "Ист. роман : [Об Аттиле]", "authors": ["Костейн, Томас"],
        "translated_from": "en", "series": "Золотая библиотека исторического романа",
        "place": "М.", "publisher": "АСТ : Астрель", "year": 2002, "extent": "455, [2] с.",
        "illustrations": True, "isbn": "5-17-015240-X", "language": "ru",
        "shelfmark": "2002-3/29410", "location": "NLR"}
QUO_VADIS = {"title": "Камо грядеши", "subtitle": "Роман", "authors": ["Сенкевич, Генрик"],
             "translated_from": "pl", "series": "Библиотека христианской прозы", "place": "М.",
             "publisher": "Лепта : Горизонт Консалтинг", "year": 2002, "extent": "1006,[1] с.",
             "isbn": "5-94000-029-0", "language": "ru", "shelfmark": "2002-2/5143",
             "location": "NLR"}
ISRAEL = {  # 210 $a М. $a Эйлат $c Бактаксон; 702 $4 220; 712 $a $b
    "title": "Израильская государственная библиография книг на европейских языках...",
    "subtitle": '(Извлеч. из "Кирьят сефер") : [В 3 вып.]',
    "contributors": [{"name": "Розен, Сергей", "role": "compiler"}],
    "organisation": "Международная академия информатизации. Эйлатское отделение по "
                    "популяризации израильской гос. библиографии и библиотечных фондов",
    "place": "М. ; Эйлат", "publisher": "Бактаксон", "year": 2001, "language": "ru",
    "shelfmark": "2002-1/555", "location": "NLR"}
KAZAKHSTAN = {"title": "История Казахстана", "subtitle": "С древнейших времен до наших дней",
              "contributors": [{"name": "Козыбаев, М. К.", "role": "editor"}],
              "organisation": "Институт истории и этнологии им. Ч.Ч. Валиханова", "volumes": 4,
              "place": "Алматы", "publisher": "Атамyра", "year": 1996, "isbn": "5-7667-2983-9",
              "language": "ru", "shelfmark": "2002-5/5924", "location": "NLR"}
KAZAKHSTAN_1 = {  # 200 $a «[Казахстан от эпохи…» whose «]» closes 200 $g; $f «… и др.»
    **{key: value for key, value in KAZAKHSTAN.items() if key != "subtitle"},
    "title": "История Казахстана : С древнейших времен до наших дней", "authors": ["Байпаков, К. М.", "Кумеков, Б. Е.", "Хафизова, К. Ш."],
    "authors_more": True,
    "volume": "Т. 1, [Казахстан от эпохи палеолита до позднего средневековья]",
    "extent": "538 с., [1] л. цв.ил.", "illustrations": True, "isbn": "5-7667-2980-4"}
NLR = [TASKS_13, TASKS, TOURISM_2, TOURISM_1, TOURISM, BABEL, SABOTAGE, HUNS, QUO_VADIS,
       ISRAEL, KAZAKHSTAN, KAZAKHSTAN_1]


def order(book):  # the YAML is written in the exhibition's field order
    from booklet.importers.fields import ORDER

    return list(book) == [key for key in ORDER if key in book]


def test_rusmarc_of_the_national_library_of_russia():
    result = import_books(DATA / "nlr-rusmarc.iso")
    for got, expected in zip(result.books, NLR, strict=True):
        assert got == expected
        assert order(got)
    assert result.notes == ["format: iso2709 (guessed; give --format to choose)",
                            "encoding: cp1251 for all records (guessed from each record; give "
                            "--encoding to choose)"]
    assert not result.skipped


def test_the_same_records_written_by_irbis_give_the_same_books():
    # another directory layout: fields stored in another order than the directory lists them
    assert books("managedirbis-test1.iso") == NLR


def test_a_part_whose_set_is_not_in_the_file_keeps_the_set_title_and_says_so(tmp_path):
    raw = (DATA / "nlr-rusmarc.iso").read_bytes()
    path = tmp_path / "part.iso"
    path.write_bytes(raw[:raw.index(b"\x1d") + 1])
    result = import_books(path)
    assert result.books == [{"title": "Задачи и этюды", "volume": "Вып. 13", "year": 1997,
                             "pages": 80, "illustrations": True, "isbn": "5-7443-0043-0",
                             "language": "ru", "shelfmark": "97-4/119", "location": "NLR"}]
    assert ("record 1: the set «Задачи и этюды» (RU\\NLR\\bibl\\5996) is not in this file: only "
            "what the link field holds of it is used") in result.notes


def test_rusmarc_in_utf8_although_its_100_says_cp1251():
    [book] = books("urait-rusmarc-utf8.iso")
    annotation = book.pop("annotation")
    assert book == {
        "title": "ПЕДАГОГИКА И ПСИХОЛОГИЯ НЕНАСИЛИЯ В ОБРАЗОВАНИИ",
        "subtitle": "Учебное пособие для бакалавров", "authors": ["Маралов, Владимир Георгиевич"],
        "edition": "2-е изд., пер. и доп.",  # 205 $a «2-е изд.» $b «пер. и доп»
        "series": "Бакалавр и магистр. Модуль", "place": "М.", "publisher": "Издательство Юрайт",
        "year": 2012, "pages": 424, "isbn": "978-5-9916-1662-1", "language": "ru",
        "link": "http://www.biblio-online.ru/thematic/?id=urait.content.ED5B6AE6-1279-4F97-"
                "BF9C-1152BBB57875&type=c_pub"}
    assert annotation.startswith("В пособии даны теоретические основы педагогики")
    assert annotation.endswith("научно-педагогических работников.") and len(annotation) == 785


def test_unimarc_of_the_italian_catalogue():
    [book] = books("iccu-unimarc.mrc")
    assert book == {
        "title": "L'altra faccia della spirale",  # «\x88L'\x89altra…»: the marks are gone
        "authors": ["Asimov, Isaac"],
        # 702 without $4: the roles from 200 $g «traduzione di Cesare Scaglia», «introduzione
        # di Fruttero & Lucentini», never «author»
        "contributors": [{"name": "Fruttero, Carlo", "role": "foreword"},
                         {"name": "Lucentini, Franco", "role": "foreword"},
                         {"name": "Scaglia, Cesare", "role": "translator"}],
        "series": "Bestsellers ; 641",  # 410 with embedded 200 $a and $v
        "place": "Milano", "publisher": "A. Mondadori", "year": 1996, "extent": "V, 201 p.",
        "isbn": "88-04-40682-8"}  # language «ita»: not one the booklet knows, left out


def test_marc21_in_cp1251_with_a_blank_leader_09():
    result = import_books(DATA / "rkp-marc21-cp1251.mrc")
    assert result.books[:2] == [
        {"title": "Основы гидравлического расчета инженерных сетей",
         "subtitle": "[учеб. пособие для вузов по специальностям <Теплогазоснабжение и "
                     "вентиляция>, <Водоснабжение и водоотведение>]",
         "authors": ["Ильина, Татьяна Николаевна"], "place": "М.",
         "publisher": "Изд-во Ассоц. строит. вузов", "year": 2005, "pages": 186,
         "illustrations": True, "isbn": "5930933421", "language": "ru", "shelfmark": "И46"},
        {"title": "Психологический тренинг с подростками",
         "authors": ["Анн, Людмила Федоровна"],
         "series": "Серия <Эффективный тренинг>",  # the old 440
         "place": "СПб. [и др.]", "publisher": "Питер : Питер Принт",  # 260 $b $b
         "year": 2005, "pages": 270, "isbn": "5947234920", "language": "ru", "shelfmark": "А68"}]
    assert result.books[2]["edition"] == "[Перераб. и доп. изд.]"
    assert "encoding: cp1251 for all records (guessed from each record; give --encoding to " \
           "choose)" in result.notes


def test_marc8_with_a_copyright_year():
    assert books("marc8.mrc") == [{
        "title": "Escape from loneliness", "authors": ["Tournier, Paul"],
        "place": "Philadelphia", "publisher": "Westminster Press", "year": 1962,  # «c1962.»
        "pages": 192, "language": "en"}]


def test_marc8_cyrillic_880_fields_and_a_broken_one(capsys):
    result = import_books(DATA / "cyrillic-marc8.mrc")
    assert result.books[0] == {
        "title": "Вор, шпион и убийца", "authors": ["Буйда, Юрий"],  # 880 for 245 and 100
        "series": "Большая литература. Проза Юрия Буйды",
        "place": "Moskva", "publisher": "ĖKSMO",  # the romanised 264: its 880 is broken
        "year": 2013, "pages": 314, "isbn": "9785699626076", "language": "ru"}
    assert result.books[1]["title"] == "Синдром Петрушки"
    assert ("record 1: field 880 for 264 is broken (it has subfields that 264 has not); the "
            "romanised 264 is kept") in result.notes
    assert capsys.readouterr() == ("", "")  # nothing printed behind our back


def test_marcxml_from_koha_and_a_collection():
    assert books("koha-marcxml.xml") == [{
        "title": "Cinema and architecture : from historical to digital",
        # 100 without $e, but 245 $c «edited by Francois Penz and Maureen Thomas»
        "contributors": [{"name": "Penz, Francois", "role": "editor"}],
        "place": "London", "publisher": "BFI (British Film Institute) Publishing", "year": 1996,
        "pages": 192, "isbn": "0851705774", "language": "en",
        "link": "http://www.loc.gov/catdir/enhancements/fy0812/97112390-d.html"}]
    ray, white_house = books("batch.xml")
    assert ray == {"title": "The Great Ray Charles", "authors": ["Charles, Ray"],
                   "place": "New York, N.Y.", "publisher": "Atlantic", "year": 1957,
                   "extent": "1 sound disc", "language": "en"}
    assert white_house["organisation"] == "White House Web Team"


def test_a_mrc_file_holding_xml_is_read_as_xml(tmp_path):
    path = tmp_path / "export.mrc"
    shutil.copy(DATA / "batch.xml", path)
    assert import_books(path, "marc21").books == books("batch.xml")


SHUKSHIN = {  # 200 ^V «Кн. 3» ^A «Странные люди»; 461 ^C «Собрание сочинений : в 6 кн.»
    "title": "Собрание сочинений : в 6 кн.",
    "authors": ["Шукшин, Василий Макарович"],  # 961, and 461 ^X
    "volume": "Кн. 3, Странные люди", "place": "Москва", "publisher": "Надежда-1",  # 461 ^D ^G
    "year": 1998, "pages": 528, "isbn": "5-86150-048-7", "language": "ru",
    "location": "Ф104"}  # 910 ^D; 903 «-051259089» is the record's code, never the shelf mark
HUNTERS = {"title": "Передовые охотники", "authors": ["Ведерников, И."], "year": 1942,
           "language": "ru",
           "annotation": "Охотники Братского района выполнили план сдачи шкурок разных зверей "
                         "более, чем на 200 процентов.",
           "shelfmark": "63.3(2)622/В 26",  # 621 and the author sign 908, as 903 begins
           "record": "Передовые охотники / И. Ведерников // Восточно-Сибирская правда. – 1942. "
                     "– № 14 (17 янв.). – С. 2."}
FOCUS = {"title": "Focus 5", "subtitle": "Student`s Book : with My English Lab access code inside",
         "authors": ["Kay, Sue", "Jones, Vaughan", "Berlis, Monica", "Jones, Heather",
                     "Brayshaw, Daniel", "Russell, Dean"],
         "place": "Harlow", "publisher": "Pearson Education Limited",  # 210 ^D ^C ^A, any order
         "year": 2017, "pages": 149, "isbn": "978-1-292-11011-0", "language": "en",
         "location": "Ф404"}


def test_irbis_text_a_volume_an_article_and_coauthors():
    result = import_books(DATA / "irbis-records.txt")
    assert result.books == [SHUKSHIN, HUNTERS, FOCUS]
    assert ("record 2: an article in «Восточно-Сибирская правда»: its description with the "
            "source is kept in `record:`") in result.notes


def test_irbis_broken_lines_are_notes_and_the_records_are_kept():
    result = import_books(DATA / "irbis-broken.txt")
    assert result.books == [SHUKSHIN, HUNTERS, FOCUS]
    assert "line 5: «919: ^Arus^N02  ^KPSBO^Gca» is not a field (#tag: value); left out" \
        in result.notes


def test_irbis_a_part_under_461_with_961_authors():
    bank, preprint, physics = books("irbis-sets.txt")
    assert bank == {
        "title": "Управление банком",  # 461 ^C
        "authors": ["Акулова, З.М.", "Алешина, Т.П.", "Борисевский, П.Е.", "Грузинов, В.П."],
        "edition": "2-е изд.",  # 461 ^P
        "volume": "Ч.2,4", "place": "М.; СПб.", "publisher": "Наука", "year": 1993,
        "pages": 211, "illustrations": True, "language": "ru",
        "shelfmark": "336/У66", "location": "КДИ"}
    assert preprint["shelfmark"] == "512/Г67" and preprint["subtitle"] == "препринт"
    assert physics["contributors"] == [{"name": "Павлов, Я.О.", "role": "editor"}]  # «340 Ред.»
    assert (physics["place"], physics["publisher"]) == ("Домодедово", "ВАП")


def test_the_cli_prints_notes_and_yaml_without_a_traceback():
    run = subprocess.run([sys.executable, "-m", "booklet", "import",
                          str(DATA / "cyrillic-marc8.mrc")], capture_output=True, text=True)
    assert run.returncode == 0
    assert "Traceback" not in run.stderr
    assert all(line.startswith(f"{DATA / 'cyrillic-marc8.mrc'}: note: ")
               for line in run.stderr.splitlines())
    assert run.stdout.startswith("books:\n- title: Вор, шпион и убийца\n")


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir() if p.suffix != ".md"))
def test_every_real_book_validates(name):
    from booklet.content.model import Book

    for book in books(name):
        Book.model_validate(book)


def test_real_records_imported_into_an_exhibition_build_as_gost_records(tmp_path):
    import pypdfium2 as pdfium

    from booklet.build import build
    from tests.conftest import write_exhibition

    folder = write_exhibition(tmp_path / "show", "title: Выставка\nlibrary: {name: Библиотека}\n"
                                                 "sections:\n  - title: Раздел\n")
    for name in ("nlr-rusmarc.iso", "irbis-records.txt"):
        run = subprocess.run([sys.executable, "-m", "booklet", "import", str(DATA / name),
                              "--into", str(folder / "exhibition.yaml")],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    [output] = build(folder, tmp_path / "out", only=("booklet",)).outputs
    text = " ".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(output.path))
    text = " ".join(text.replace("\ufffe", "").replace("\xa0", " ").split())
    assert "Задачи и этюды : Сб. Вып. 13 / под ред. В. Н. Барсукова. — СПб. : Ut, 1997. — 80 с. : ил." in text
    assert "Собрание сочинений : в 6 кн. Кн. 3, Странные люди / В. М. Шукшин. — М. : Надежда-1, " \
           "1998. — 528 с." in text


def test_unimarc_xml_in_the_marcxchange_namespace(tmp_path):
    """The Italian record written as UNIMARC XML (marcxchange, as European catalogues
    export it) gives the same book as its ISO 2709 form."""
    import xml.etree.ElementTree as ET

    from booklet.importers import iso2709

    [read] = iso2709.records((DATA / "iccu-unimarc.mrc").read_bytes())
    ns = "info:lc/xmlns/marcxchange-v1"
    collection = ET.Element(f"{{{ns}}}collection")
    record = ET.SubElement(collection, f"{{{ns}}}record", format="UNIMARC")
    ET.SubElement(record, f"{{{ns}}}leader").text = str(read.record.leader)
    for field in read.record.fields:
        if field.is_control_field():
            ET.SubElement(record, f"{{{ns}}}controlfield", tag=field.tag).text = field.data
            continue
        element = ET.SubElement(record, f"{{{ns}}}datafield", tag=field.tag,
                                ind1=field.indicator1, ind2=field.indicator2)
        for sub in field.subfields:
            ET.SubElement(element, f"{{{ns}}}subfield", code=sub.code).text = sub.value
    path = tmp_path / "export.xml"
    path.write_bytes(ET.tostring(collection, encoding="utf-8", xml_declaration=True))
    assert import_books(path, "unimarc").books == books("iccu-unimarc.mrc")
    assert import_books(path).books == books("iccu-unimarc.mrc")  # the schema guessed from 200
