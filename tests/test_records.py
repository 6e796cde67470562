"""Bibliographic records, exact to the character. `_` stands for U+00A0 (no break)."""

from booklet.content.model import Book
from booklet.text.records import record


def check(style, expected, language="ru", places="abbreviated", **fields):
    book = Book.model_validate(fields)
    assert record(book, style, language, places) == expected.replace("_", "\u00a0")


HABAROV = dict(title="Почвоведение", subtitle="учебник", authors=["Хабаров, А. В.", "Яскин, А. А."],
               place="Москва", publisher="Колос", year=2001, pages=231)
BAUER = dict(title="Простейшие модели теории оболочек и пластин в офтальмологии",
             authors=["Бауэр, С. М.", "Зимин, Б. А.", "Товстик, П. Е."], place="Санкт-Петербург",
             publisher="Изд-во С.-Петерб. ун-та", year=2000, pages=89)
FOUR = dict(title="История Казахстана", authors=["Абенов, Ерлан", "Бекова, Айгуль",
                                                 "Ветров, Олег", "Гуляева, Нина"],
            place="Алматы", publisher="Атамұра", year=2010, pages=320)


def test_gost_7_1_two_authors_from_the_domain_notes():
    check("gost-7.1-2003", "Хабаров, А._В. Почвоведение : учебник / А._В._Хабаров, А._А._Яскин._— "
          "М. : Колос, 2001._— 231_с.", **HABAROV)


def test_gost_7_1_three_authors_and_spb():
    check("gost-7.1-2003", "Бауэр, С._М. Простейшие модели теории оболочек и_пластин в_офтальмологии "
          "/ С._М._Бауэр, Б._А._Зимин, П._Е._Товстик._— СПб. : Изд-во С.-Петерб. ун-та, 2000._— "
          "89_с.", **BAUER)


def test_gost_7_1_four_authors_no_heading_and_others():
    check("gost-7.1-2003", "История Казахстана / Е._Абенов [и_др.]._— Алматы : Атамұра, 2010._— "
          "320_с.", **FOUR)


def test_gost_7_0_100_four_authors_all_named_en_dash_full_place_and_medium():
    check("gost-r-7.0.100-2018", "История Казахстана / Е._Абенов, А._Бекова, О._Ветров, "
          "Н._Гуляева._– Алматы : Атамұра, 2010._– 320_с._– Текст : непосредственный.", **FOUR)


def test_gost_7_0_100_five_authors_first_three():
    fields = dict(FOUR, authors=FOUR["authors"] + ["Дмитриев, Павел"])
    check("gost-r-7.0.100-2018", "История Казахстана / Е._Абенов, А._Бекова, О._Ветров [и_др.]._– "
          "Алматы : Атамұра, 2010._– 320_с._– Текст : непосредственный.", **fields)


def test_gost_7_0_100_heading_and_place_in_full():
    check("gost-r-7.0.100-2018", "Хабаров, А._В. Почвоведение : учебник / А._В._Хабаров, "
          "А._А._Яскин._– Москва : Колос, 2001._– 231_с._– Текст : непосредственный.",
          places="full", **HABAROV)


def test_contributors_in_the_order_given_translators_together_editor_in_the_genitive():
    # this test once expected the editor first: roles are printed in the book's order
    check("gost-7.1-2003", "Ашервуд, Б. Азбука общения / Б._Ашервуд ; пер. И._Ю._Багровой, "
          "Р._З._Пановой ; под ред. Л._М._Иньковой._— М. : Либерия, 1995._— 173_с.",
          title="Азбука общения", authors=["Ашервуд, Б."], place="Москва", publisher="Либерия",
          year=1995, pages=173, contributors=[
              {"name": "Багрова, И. Ю.", "role": "translator"},
              {"name": "Панова, Р. З.", "role": "translator"},
              {"name": "Инькова, Л. М.", "role": "editor"}])


def test_gost_7_0_100_roles_in_full_words():
    # the standard's own example (7.3.4) reads «/ К. Мигонь ; перевод с польского
    # О. Р. Медведевой [и др.]»; shown without its heading there, ours has one
    check("gost-r-7.0.100-2018", "Мигонь, К. Наука о_книге : очерк проблематики / К._Мигонь ; перевод "
          "с польского О._Р._Медведевой._– Текст : непосредственный.", title="Наука о книге",
          subtitle="очерк проблематики", authors=["Мигонь, К."], translated_from="pl",
          contributors=[{"name": "Медведева, О. Р.", "role": "translator"}])


def test_compiler_without_authors():
    check("gost-7.1-2003", "Красный террор / сост. М._Койгелдиев.", title="Красный террор",
          contributors=[{"name": "Койгелдиев, Мамбет", "role": "compiler"}])


def test_kazakh_book_uses_kazakh_words():
    check("gost-7.1-2003", "Байтурсынов, А. Қырық мысал / А._Байтурсынов ; құраст. Ә._Қайдар._— "
          "Алматы : Ана тілі, 2020._— 408_б.", title="Қырық мысал", authors=["Байтурсынов, Ахмет"],
          contributors=[{"name": "Қайдар, Әбдуәли", "role": "compiler"}], place="Алматы",
          publisher="Ана тілі", year=2020, pages=408, language="kk")


def test_edition_volume_series_isbn_hyphenated():
    check("gost-7.1-2003", "Сатпаева, А. Степные судьбы. Т._2 : очерки и_документы / "
          "А._Сатпаева._— 2-е_изд., доп._— Алматы : Пример-Пресс, 2020._— 408_с. — "
          "(История Казахстана)._— ISBN 978-5-4448-1257-0.",
          title="Степные судьбы", subtitle="очерки и документы", authors=["Сатпаева, Айгуль"],
          edition="2-е изд., доп.", volume="Т. 2", series="История Казахстана", place="Алматы",
          publisher="Пример-Пресс", year=2020, pages=408, isbn="9785444812570")


def test_exclamation_is_not_followed_by_a_full_stop():
    check("gost-7.1-2003", "Оян, қазақ!_— Уфа : [б._и.],_1909.", title="Оян, қазақ!", place="Уфа",
          year=1909)


def test_unknown_isbn_group_is_printed_as_given():
    check("gost-7.1-2003", "Книга._— ISBN 9799999999990.", title="Книга", isbn="9799999999990")


def test_short_style():
    check("short", "А._Байтурсынов. Қырық мысал. Алматы, 2020.", title="Қырық мысал",
          authors=["Байтурсынов, Ахмет"], place="Алматы", year=2020)


def test_record_given_verbatim_wins():
    check("gost-r-7.0.100-2018", "Как в каталоге — ровно так.", title="Книга",
          record="Как в каталоге — ровно так.")
