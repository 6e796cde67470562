"""Records published by real libraries, re-typed as `books:` entries with only what each
record states, generated in the record's style and compared exactly.

"Exactly" after the two choices that are the style's and not the record's: the dash between
areas (7.1-2003 prints the em dash, 7.0.100-2018 the en dash; catalogues on the web often
type a hyphen) and the en dash in a range of numbers («1917–1972»), which the booklet's
typography sets. Our no-break spaces compare as spaces. Nothing else is forgiven.
Each entry keeps where the record was found.
"""

import re
from dataclasses import dataclass, field

import pytest

from booklet.content.model import Book
from booklet.text.records import record

NB = "\u00a0"
KOLANORD = "http://kolanord.ru/html_public/"  # Murmansk regional library's digital collection
POZNAYKA = "https://poznayka.org/s57596t1.html"  # a university guide to GOST 7.1-2003 records
GUIDE_2004 = "https://studfile.net/preview/5997635/page:7/"  # «ГОСТ-БО2004», a library guide


@dataclass
class Real:
    source: str
    published: str
    book: dict
    style: str = "gost-7.1-2003"
    places: str = "abbreviated"
    language: str = "ru"
    notes: str = ""

    def __str__(self):
        return self.published[:40]


RECORDS = [
    Real(GUIDE_2004,
         "Хабаров, А. В. Почвоведение : учебник / А. В. Хабаров, А. А. Яскин. – М. : Колос, "
         "2001. – 231 с. : ил.",
         dict(title="Почвоведение", subtitle="учебник", authors=["Хабаров, А. В.", "Яскин, А. А."],
              place="Москва", publisher="Колос", year=2001, pages=231, illustrations=True)),
    Real(GUIDE_2004,
         "Бауэр, С. М. Простейшие модели теории оболочек и пластин в офтальмологии / С. М. Бауэр, "
         "Б. А. Зимин, П. Е. Товстик. – СПб. : Изд-во С.-Петерб. ун-та, 2000. – 89 с.",
         dict(title="Простейшие модели теории оболочек и пластин в офтальмологии",
              authors=["Бауэр, С. М.", "Зимин, Б. А.", "Товстик, П. Е."],
              place="Санкт-Петербург", publisher="Изд-во С.-Петерб. ун-та", year=2000, pages=89)),
    Real(POZNAYKA,
         "Ашервуд, Б. Азбука общения / Б. Ашервуд ; пер. с англ. И. Ю. Багровой, Р. З. Пановой ; "
         "науч. ред. Л. М. Иньковой. - М. : Либерия, 1995. - 173 с.",
         dict(title="Азбука общения", authors=["Ашервуд, Б."], translated_from="en",
              contributors=[{"name": "Багрова, И. Ю.", "role": "translator"},
                            {"name": "Панова, Р. З.", "role": "translator"},
                            {"name": "Инькова, Л. М.", "role": "scientific_editor"}],
              place="Москва", publisher="Либерия", year=1995, pages=173)),
    Real(POZNAYKA,
         "Бирюков, П. Н. Международное право : учеб. пособие / П. Н. Бирюков. - 2-е изд., "
         "перераб. и доп. - М. : Юристъ, 2000. - 416 с.",
         dict(title="Международное право", subtitle="учеб. пособие", authors=["Бирюков, П. Н."],
              edition="2-е изд., перераб. и доп.", place="Москва", publisher="Юристъ", year=2000,
              pages=416)),
    Real(POZNAYKA,
         "Вэнс, Д. Синий мир : пер. с англ. / Д. Вэнс. - М. : ВЛАДОС, 2004. - 698 с.",
         dict(title="Синий мир", subtitle="пер. с англ.", authors=["Вэнс, Д."], place="Москва",
              publisher="ВЛАДОС", year=2004, pages=698),
         notes="the translation stated as other title information, as the record has it"),
    Real(KOLANORD + "col_avtory/KiselevAA/KiselevAA_Rodn-Zapolyarje_1974/439",
         "Киселев, А. А. Родное Заполярье : очерки истории Мурманской области (1917-1972 гг.) / "
         "А. А. Киселев ; под ред. Ю. Н. Климова. - Мурманск : Мурманское книжное издательство, "
         "1974. - 511 с. : ил.",
         dict(title="Родное Заполярье", subtitle="очерки истории Мурманской области (1917-1972 гг.)",
              authors=["Киселев, А. А."], contributors=[{"name": "Климов, Ю. Н.", "role": "editor"}],
              place="Мурманск", publisher="Мурманское книжное издательство", year=1974, pages=511,
              illustrations=True)),
    Real(KOLANORD + "col_avtory/UshakovIF/UshakovIF_Kola_1983/194/",
         "Ушаков, И. Ф. Кола / И. Ф. Ушаков, С. Н. Дащинский. - Мурманск : Мурманское книжное "
         "издательство, 1983. - 191, [2] с. : ил. - (Города и районы Мурманской области).",
         dict(title="Кола", authors=["Ушаков, И. Ф.", "Дащинский, С. Н."], place="Мурманск",
              publisher="Мурманское книжное издательство", year=1983, extent="191, [2] с.",
              illustrations=True, series="Города и районы Мурманской области")),
    Real(KOLANORD + "bibliografiya/Oblastnaya-nauchnaya-biblioteka-v-izdaniyah-i-publikaciyah-"
                    "1938-1998_2004/2/",
         "Областная научная библиотека в изданиях и публикациях (1938-1998) : библиографический "
         "указатель / Мурм. гос. обл. универс. науч. б-ка ; сост. Ж. Л. Гайдай. - Мурманск : "
         "МГОУНБ, 2005. - 195 с. - (К истории библиотечного дела на Мурмане).",
         dict(title="Областная научная библиотека в изданиях и публикациях (1938-1998)",
              subtitle="библиографический указатель",
              organisation="Мурм. гос. обл. универс. науч. б-ка",
              contributors=[{"name": "Гайдай, Ж. Л.", "role": "compiler"}], place="Мурманск",
              publisher="МГОУНБ", year=2005, pages=195,
              series="К истории библиотечного дела на Мурмане")),
    Real(KOLANORD + "col_avtory/RazinEF/RazinEF_Kandalaksha-Azbuka-istorii_2001/15",
         "Разин, Е. Ф. Кандалакша: азбука истории / Е. Ф. Разин. – Апатиты : Полиграф, 2001. – "
         "160 с. : ил. – (Наша память).",
         dict(title="Кандалакша: азбука истории", authors=["Разин, Е. Ф."], place="Апатиты",
              publisher="Полиграф", year=2001, pages=160, illustrations=True,
              series="Наша память")),
    Real(KOLANORD + "col_avtory/DranishnikovVV/DranishnikovVV_Istoriya-rodnogo-kraya_1993/98/",
         "Дранишников, В. В. История родного края : учебное пособие для учащихся 5 классов школ "
         "Мурманской области / В. В. Дранишников. – Мурманск : Мурманский областной научный центр, "
         "1993. – 176 с. : ил.",
         dict(title="История родного края",
              subtitle="учебное пособие для учащихся 5 классов школ Мурманской области",
              authors=["Дранишников, В. В."], place="Мурманск",
              publisher="Мурманский областной научный центр", year=1993, pages=176,
              illustrations=True)),
]


def as_the_style_writes(published: str, style: str) -> str:
    """The published record with the style's dash between areas and in number ranges."""
    dash = "–" if style == "gost-r-7.0.100-2018" else "—"
    text = re.sub(r"\.\s+[-–—]\s+", f". {dash} ", published)
    return re.sub(r"(?<=\d)-(?=\d)", "–", text)


@pytest.mark.parametrize("real", RECORDS, ids=str)
def test_a_real_record_comes_out_as_the_library_wrote_it(real):
    book = Book.model_validate(real.book)
    made = record(book, real.style, real.language, real.places).replace(NB, " ")
    assert made == as_the_style_writes(real.published, real.style)
