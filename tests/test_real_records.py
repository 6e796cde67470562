"""Records published by real libraries, re-typed as `books:` entries with only what each
record states, generated in the record's style and compared exactly.

"Exactly" after the choices that are the style's and the booklet's typography, not the
record's: the dash between areas (7.1-2003 prints the em dash, 7.0.100-2018 the en dash;
catalogues on the web often type a hyphen), the en dash in a range of numbers
(«1917–1972»), «ёлочки» for straight quotes and „лапки“ for quotes inside quotes. Our
no-break spaces compare as spaces.
Nothing else is forgiven.
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
# the Murmansk regional library's calendar of dates for 2024, its list of readings
CALENDAR_2024 = "https://www.mgounb.ru/pablik/Iz_istorii_mur/85"


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
    Real(KOLANORD + "col_avtory/KiselevAA/KiselevAA_Kak-zhyli-i-srazh-murmanch-v-voynu_2002/9",
         "Киселев, А. А. Как жили и сражались мурманчане в войну: менталитет северян в 1941-1945 "
         "годах / А. А. Киселев. - 2-е изд., доп. - Мурманск : Мурманское книжное издательство, "
         "2005. - 509, [1] с. : ил.",
         dict(title="Как жили и сражались мурманчане в войну: менталитет северян в 1941-1945 годах",
              authors=["Киселев, А. А."], edition="2-е изд., доп.", place="Мурманск",
              publisher="Мурманское книжное издательство", year=2005, extent="509, [1] с.",
              illustrations=True)),
    Real(KOLANORD + "col_avtory/KiselevAA/KiselevAA_Trestu-Koljstroj-30-let_1967/17",
         'Киселев, А. А. Тресту "Кольстрой" 30 лет / А. А. Киселев. - Мурманск : Мурманское '
         "книжное издательство, 1967. - 42, [2] с. : ил.",
         dict(title='Тресту "Кольстрой" 30 лет', authors=["Киселев, А. А."], place="Мурманск",
              publisher="Мурманское книжное издательство", year=1967, extent="42, [2] с.",
              illustrations=True)),
    Real(KOLANORD + "col_avtory/KarepovaVI/KarepovaVI_Yadernyj-kruiz_2017/351",
         "Карепова, В. И. Ядерный круиз в историю Мурманского морского пароходства / В. И. "
         "Карепова. – Тверь : ООО «Издательство “Триада”», 2017. – 367 с. : ил., [8] цв. ил.",
         dict(title="Ядерный круиз в историю Мурманского морского пароходства",
              authors=["Карепова, В. И."], place="Тверь", publisher="ООО «Издательство “Триада”»",
              year=2017, extent="367 с. : ил., [8] цв. ил."),
         notes="the kinds of illustrations are part of the extent as stated"),
    Real(KOLANORD + "col_avtory/KarepovaVI/KarepovaVI_Na-rumbe-Arktika_2014/235/",
         "Карепова, В. И. На румбе Арктика : история Мурманского морского пароходства в событиях "
         "и лицах / В. И. Карепова. – Мурманск : Мурманское книжное издательство, 2014. – 288 с. "
         ": ил.",
         dict(title="На румбе Арктика",
              subtitle="история Мурманского морского пароходства в событиях и лицах",
              authors=["Карепова, В. И."], place="Мурманск",
              publisher="Мурманское книжное издательство", year=2014, pages=288,
              illustrations=True)),
    Real(KOLANORD + "col_avtory/GeorgiVS/GeorgiVS_Murman_2019/10",
         "Георги, В. С. Мурманский траловый флот. Т. 1. От первых РТ до БМРТ (1920-1955 годы) / "
         "В. С. Георги. – Санкт-Петербург : ООО «Печатное Агентство «Феникс», 2019. – 459 с. : "
         "ил. – (Капитаны рыбного хозяйства СССР).",
         dict(title="Мурманский траловый флот", volume="Т. 1. От первых РТ до БМРТ (1920-1955 годы)",
              authors=["Георги, В. С."], place="Санкт-Петербург",
              publisher="ООО «Печатное Агентство «Феникс»", year=2019, pages=459,
              illustrations=True, series="Капитаны рыбного хозяйства СССР"),
         places="full", notes="the volume's own title typed with its number, as the record has it"),
    Real(KOLANORD + "col_avtory/MacakVA/MacakVA_Pechenskij-monastyrj_2021/27",
         "Мацак, В. А. Печенгский монастырь: от истоков к возрождению : (документы, воспоминания, "
         "фотографии) / В. А. Мацак. - Санкт-Петербург : Дмитрий Буланин, 2021. - 958, [1] с., "
         "[56] л. ил., цв. ил., портр., факс. : ил., портр., факс. - (Святые и святыни Русской "
         "земли).",
         dict(title="Печенгский монастырь: от истоков к возрождению",
              subtitle="(документы, воспоминания, фотографии)", authors=["Мацак, В. А."],
              place="Санкт-Петербург", publisher="Дмитрий Буланин", year=2021,
              extent="958, [1] с., [56] л. ил., цв. ил., портр., факс. : ил., портр., факс.",
              series="Святые и святыни Русской земли"),
         places="full"),
    Real(KOLANORD + "col_Kol-saamy/KoroljkovNF_Trifono-Pechengskiy-monastyrj_1908/112",
         "Корольков, Н. Ф. Трифоно-Печенгский монастырь, основанный преподобным Трифоном, "
         "просветителем лопарей, его разорение и возобновление / Н. Ф. Корольков. - "
         "Санкт-Петербург : Типо-литография Евг. Тиле преемн., 1908. - 162, VI с. ил., 2 л. "
         "портр., карт. - (Из жизни на дальнем Русском Севере).",
         dict(title="Трифоно-Печенгский монастырь, основанный преподобным Трифоном, просветителем "
                    "лопарей, его разорение и возобновление", authors=["Корольков, Н. Ф."],
              place="Санкт-Петербург", publisher="Типо-литография Евг. Тиле преемн.", year=1908,
              extent="162, VI с. ил., 2 л. портр., карт.",
              series="Из жизни на дальнем Русском Севере"),
         places="full"),
    Real(KOLANORD + "col_Nauka-na-murmane/Hibinskaya-gornaya-stanciya_1934/53",
         "Хибинская горная станция : сборник статей / Акад. наук СССР ; под ред. А. Е. Ферсмана, "
         "Б. М. Куплетского. – Ленинград : АН СССР, 1934. - 98, [1] с. : ил.",
         dict(title="Хибинская горная станция", subtitle="сборник статей",
              organisation="Акад. наук СССР",
              contributors=[{"name": "Ферсман, А. Е.", "role": "editor", "name_genitive": "Ферсмана"},
                            {"name": "Куплетский, Б. М.", "role": "editor"}],
              place="Ленинград", publisher="АН СССР", year=1934, extent="98, [1] с.",
              illustrations=True),
         places="full",
         notes="initials leave Ферсман's gender unknown: the genitive the record shows is given"),
    Real(CALENDAR_2024,
         "Ёлкин, А. С. Летящие по волнам : документальная повесть о дважды Герое Советского Союза "
         "А. О. Шабалине / А. С. Ёлкин. – Москва : ДОСААФ, 1975. – 142 с. : ил.",
         dict(title="Летящие по волнам",
              subtitle="документальная повесть о дважды Герое Советского Союза А. О. Шабалине",
              authors=["Ёлкин, А. С."], place="Москва", publisher="ДОСААФ", year=1975, pages=142,
              illustrations=True),
         places="full"),
    Real(CALENDAR_2024,
         "Ёлкин, А. С. Атомные уходят по тревоге : документальная повесть / А. С. Ёлкин. – "
         "Москва : Воениздат, 1972. – 284 с.",
         dict(title="Атомные уходят по тревоге", subtitle="документальная повесть",
              authors=["Ёлкин, А. С."], place="Москва", publisher="Воениздат", year=1972,
              pages=284),
         places="full"),
]


def as_the_style_writes(published: str, style: str) -> str:
    """The published record with the style's dash between areas and in number ranges."""
    dash = "–" if style == "gost-r-7.0.100-2018" else "—"
    text = re.sub(r"\.\s+[-–—]\s+", f". {dash} ", published)
    text = re.sub(r'"([^"]*)"', r"«\1»", text)
    # quotes inside quotes are „лапки“, however the library typed them
    text = re.sub(r"«([^«»]*)(?:“([^“”]*)”|«([^«»]*)»)", lambda m: f"«{m[1]}„{m[2] or m[3]}“", text)
    return re.sub(r"(?<=\d)-(?=\d)", "–", text)


@pytest.mark.parametrize("real", RECORDS, ids=str)
def test_a_real_record_comes_out_as_the_library_wrote_it(real):
    book = Book.model_validate(real.book)
    made = record(book, real.style, real.language, real.places).replace(NB, " ")
    assert made == as_the_style_writes(real.published, real.style)


def test_at_least_twenty_real_records_from_several_libraries():
    assert len(RECORDS) >= 20
    hosts = {re.sub(r"^https?://(www\.)?([^/]+).*", r"\2", r.source) for r in RECORDS}
    assert len(hosts) >= 4, hosts


# The National Library of Kazakhstan lists its own publications in Kazakh like this (its pages
# on nlrk.kz). The whole record does not fit the booklet's fields (parallel Russian titles
# after «=», «13 шығ.», a note on the languages), so the pieces they share are compared: the
# organisation first, «ред.» and «құраст.» with the names in the nominative, no «[б. и.]»
# for a book without a publisher, pages as «б.».
NLRK = "https://nlrk.kz/index.php?option=com_content&view=article&id=1039:2012-2&catid=163"
NLRK_LAW = ("Кітапхана құқы=Библиотечное право: заң және нормативтік-құқықтық актілер жинағы="
            "Сборник законов и нормативно-правовых актов. 13 шығ. /ҚР Ұлттық кітапханасы; ред. "
            "К.К.Қоштаева, С.Т. Тұяқова, құраст.: Х. Бұлғанбай. - Алматы, 2012. - 289 б. - "
            "Қазақ, орыс тілдерінде.")
NLRK_2021 = ("Қазақстан кітапханалары – 2020 жыл. Мәліметтер мен сандар: Ақпараттық-сараптамалық "
             "шолу = Библиотеки Казахстана – 2020 год. Факты и цифры: Информационно-аналитический "
             "обзор / ҚР Ұлттық кітапханасы; бас ред. Б.Қ. Оспанова; ред. алқа: Б.Ж. Жүнісбеков, "
             "Г.А. Маханбетова.; құраст.: А.Л. Кривков, Г.Т. Рахимжанова, Г.Т. Ауғанбаева, "
             "Р.М. Күздеубаева – Алматы, 2021. – 191 б.")  # nlrk.kz, article 3446


def _words(text):
    return re.sub(r"\s+", " ", text.replace(NB, " ").replace(".", ". ")).strip()


def test_a_kazakh_record_says_what_the_national_library_of_kazakhstan_says():
    book = Book(title="Кітапхана құқы", subtitle="заң және нормативтік-құқықтық актілер жинағы",
                organisation="ҚР Ұлттық кітапханасы", language="kk", place="Алматы", year=2012,
                pages=289, contributors=[{"name": "Қоштаева, К. К.", "role": "editor"},
                                         {"name": "Тұяқова, С. Т.", "role": "editor"},
                                         {"name": "Бұлғанбай, Х.", "role": "compiler"}])
    made = record(book, "gost-7.1-2003", "ru")
    assert made.replace(NB, " ") == (
        "Кітапхана құқы : заң және нормативтік-құқықтық актілер жинағы / ҚР Ұлттық кітапханасы ; "
        "ред. К. К. Қоштаева, С. Т. Тұяқова ; құраст. Х. Бұлғанбай. — Алматы, 2012. — 289 б.")
    for piece in ("ҚР Ұлттық кітапханасы", "ред. К. К. Қоштаева", "С. Т. Тұяқова", "құраст",
                  "Х. Бұлғанбай", "Алматы, 2012", "289 б."):
        assert _words(piece) in _words(made) and _words(piece) in _words(NLRK_LAW), piece
    assert "[" not in made


def test_kazakh_compilers_and_imprint_as_the_national_library_of_kazakhstan_lists_them():
    book = Book(title="Қазақстан кітапханалары – 2020 жыл. Мәліметтер мен сандар",
                subtitle="Ақпараттық-сараптамалық шолу", organisation="ҚР Ұлттық кітапханасы",
                language="kk", place="Алматы", year=2021, pages=191, contributors=[
                    {"name": name, "role": "compiler"} for name in (
                        "Кривков, А. Л.", "Рахимжанова, Г. Т.", "Ауғанбаева, Г. Т.",
                        "Күздеубаева, Р. М.")])
    made = record(book, "gost-7.1-2003", "ru")
    for piece in ("ҚР Ұлттық кітапханасы", "А. Л. Кривков, Г. Т. Рахимжанова, Г. Т. Ауғанбаева, "
                  "Р. М. Күздеубаева", "Алматы, 2021", "191 б."):
        assert _words(piece) in _words(made) and _words(piece) in _words(NLRK_2021), piece
    assert "[" not in made
