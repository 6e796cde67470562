"""Typographic rules, one table per rule, exact to the character. `_` stands for U+00A0.

Each rule is tried on plain text (`typeset`) and, where it binds two words, on Markdown as it
comes from YAML: with a soft line break or inline markup between the words (`prose`)."""

import re
import textwrap
from pathlib import Path

import pyphen
import pytest
import yaml

from booklet.text.hyphenation import install, keeping_whole, never_hyphenated
from booklet.text.markdown import to_html
from booklet.text.typography import addresses, typeset, unbroken_ranges

install()  # as the renderer does: Pyphen declines the words never hyphenated

SAMPLE = Path(__file__).resolve().parent.parent / "content" / "memory" / "exhibition.yaml"


def check(language, given, expected):
    assert typeset(given, language) == expected.replace("_", "\u00a0")


def prose(given, language):
    """The HTML of a one-paragraph Markdown text, without <p> and no-hyphenation spans."""
    html = to_html(given, language).replace("\u00a0", "_")
    return re.sub(r'<span class="nh">|</span>', "", html).removeprefix("<p>").removesuffix("</p>\n")


@pytest.mark.parametrize("language, given, expected", [
    ("ru", 'Он сказал "нет"', "Он сказал «нет»"),
    ("ru", '"Книга "Степь" вышла"', "«Книга „Степь“ вышла»"),
    ("ru", '""Степь" вышла"', "«„Степь“ вышла»"),
    ("ru", '"Книга "Степь""', "«Книга „Степь“»"),
    ("ru", 'Партия "Алаш",', "Партия «Алаш»,"),
    ("ru", '("Алаш")', "(«Алаш»)"),
    ("ru", "«Уже готовые»", "«Уже готовые»"),
    ("ru", '«Роман "Путь"»', "«Роман „Путь“»"),
    ("ru", "«Роман «Путь»»", "«Роман „Путь“»"),
    # Word's curly quotes, English style and German style
    ("ru", "\u201cСлово\u201d", "«Слово»"),
    ("ru", "\u201eКнига \u201cСтепь\u201d вышла\u201c", "«Книга „Степь“ вышла»"),
    ("ru", "Он сказал: \u201cЧитайте \u201eПуть\u201c\u201d.", "Он сказал: «Читайте „Путь“»."),
    ("ru", "\u201cКнига \u2018Степь\u2019 вышла\u201d", "«Книга „Степь“ вышла»"),
    ("ru", "'Степь' и 5' и д'Артаньян", "«Степь» и_5' и_д\u2019Артаньян"),
    ("kk", '"Абай жолы" романы', "«Абай жолы» романы"),
    ("kk", "\u201cАбай жолы\u201d романы", "«Абай жолы» романы"),
    ("kk", '«Роман "Қан мен тер"»', "«Роман „Қан мен_тер“»"),
])
def test_quotes_ru_kk(language, given, expected):
    check(language, given, expected)


@pytest.mark.parametrize("given, expected", [
    ('She said "no"', "She said \u201cno\u201d"),
    ('"A "nested" one"', "\u201cA_\u2018nested\u2019 one\u201d"),
    ("She said \u201cno\u201d", "She said \u201cno\u201d"),
    ("\u00abFrench\u00bb", "\u201cFrench\u201d"),
    ("don't", "don\u2019t"),
    ("He said 'maybe'", "He said \u2018maybe\u2019"),
])
def test_quotes_en(given, expected):
    check("en", given, expected)


@pytest.mark.parametrize("language, given, expected", [
    ("ru", '"*Степь*"', "«<em>Степь</em>»"),
    ("ru", '"Книга\n"Степь"\nвышла"', "«Книга „Степь“ вышла»"),
    ("ru", '**"Алаш"** и "[Абай](https://abai.kz)"',
     '<strong>«Алаш»</strong> и_«<a href="https://abai.kz">Абай</a>»'),
    ("en", '"*Steppe*"', "\u201c<em>Steppe</em>\u201d"),
])
def test_quotes_across_markup_and_line_breaks(language, given, expected):
    assert prose(given, language) == expected


@pytest.mark.parametrize("language, given, expected", [
    ("ru", "граждан - соседей", "граждан_— соседей"),
    ("ru", "АЛЖИР – Акмолинский", "АЛЖИР_— Акмолинский"),
    ("ru", "АЛЖИР -- лагерь", "АЛЖИР_— лагерь"),
    ("ru", "АЛЖИР--лагерь", "АЛЖИР_— лагерь"),
    ("ru", "строкой — трагическая", "строкой_— трагическая"),
    ("ru", "«Алаш» - партия", "«Алаш»_— партия"),
    ("ru", "- Кто там?", "—_Кто там?"),
    ("ru", "Алаш-Орда и из-за", "Алаш-Орда и_из-за"),
    ("kk", "Бұл - кітап", "Бұл_— кітап"),
    ("en", "the camps - and people", "the_camps_— and people"),
    ("en", "the camps--and", "the_camps_— and"),
])
def test_dashes(language, given, expected):
    check(language, given, expected)


@pytest.mark.parametrize("language, given, expected", [
    ("ru", "АЛЖИР -\nАкмолинский", "АЛЖИР_— Акмолинский"),
    ("ru", "АЛЖИР\n- Акмолинский лагерь", "АЛЖИР_— Акмолинский лагерь"),
    ("ru", "АЛЖИР\n– Акмолинский", "АЛЖИР_— Акмолинский"),
    ("ru", "*АЛЖИР* - лагерь", "<em>АЛЖИР</em>_— лагерь"),
    ("ru", "[АЛЖИР](https://alzhir.kz)\n- лагерь", '<a href="https://alzhir.kz">АЛЖИР</a>_— лагерь'),
    ("ru", "строкой\n— трагическая", "строкой_— трагическая"),
    ("kk", "Бұл\n- кітап", "Бұл_— кітап"),
])
def test_dashes_across_line_breaks_and_markup(language, given, expected):
    assert prose(given, language) == expected


@pytest.mark.parametrize("given, expected", [
    ("Книги:\n- первая\n- вторая", "<p>Книги:</p>\n<ul>\n<li>первая</li>\n<li>вторая</li>\n</ul>\n"),
    ("Книги\n- первая\n- вторая", "<p>Книги</p>\n<ul>\n<li>первая</li>\n<li>вторая</li>\n</ul>\n"),
    ("- первая\n  и\n- вторая", "<ul>\n<li>первая и</li>\n<li>вторая</li>\n</ul>\n"),
    ("1. первая\n- вторая", "<ol>\n<li>первая</li>\n</ol>\n<ul>\n<li>вторая</li>\n</ul>\n"),
])
def test_a_list_stays_a_list(given, expected):
    assert to_html(given, "ru").replace("\u00a0", "_") == expected


@pytest.mark.parametrize("language, given, expected", [
    ("ru", "с 1921-1954", "с_1921–1954"),
    ("ru", "в 1930 - 1933 годах", "в_1930–1933_годах"),
    ("ru", "9:00-19:00", "9:00–19:00"),
    ("en", "pages 10-20", "pages 10–20"),
])
def test_number_ranges_take_an_en_dash(language, given, expected):
    check(language, given, expected)


@pytest.mark.parametrize("language, given, expected", [
    ("ru", "в Казахстане и в мире", "в_Казахстане и_в_мире"),
    ("ru", "на территории Союза", "на_территории Союза"),
    ("ru", "А он не знал, но из дома", "А_он не_знал, но_из_дома"),
    ("ru", "о нём, с ним, к нему, у них, за ним, по ним, от них, до них, об этом, со мной, "
           "во имя", "о_нём, с_ним, к_нему, у_них, за_ним, по_ним, от_них, до_них, об_этом, "
                     "со_мной, во_имя"),
    ("ru", "Он сказал", "Он сказал"),
    ("ru", "Мен жастарға сенемін", "Мен жастарға сенемін"),
    ("kk", "Абай мен Шәкәрім", "Абай мен_Шәкәрім"),
    ("kk", "қала пен дала, бала бен шеше", "қала пен_дала, бала бен_шеше"),
    ("kk", "ол да келді, сен де, ата та, әке те", "ол да_келді, сен де, ата та, әке те"),
    ("kk", "Бір күні бір адам", "Бір_күні бір_адам"),
    ("en", "a book of the people in the steppe", "a_book of_the_people in_the_steppe"),
    ("en", "An answer to them", "An_answer to_them"),
])
def test_short_words_hold_on_to_the_next(language, given, expected):
    check(language, given, expected)


@pytest.mark.parametrize("language, given, expected", [
    ("ru", "в\nКазахстане", "в_Казахстане"),
    ("ru", "в *Казахстане*", "в_<em>Казахстане</em>"),
    ("ru", "*в* Казахстане", "<em>в</em>_Казахстане"),
    ("ru", "на [сайте](https://lib.kz)", 'на_<a href="https://lib.kz">сайте</a>'),
    ("ru", "и\n**в** мире", "и_<strong>в</strong>_мире"),
    ("kk", "Абай мен\n*Шәкәрім*", "Абай мен_<em>Шәкәрім</em>"),
    ("en", "of\n*the* people", "of_<em>the</em>_people"),
])
def test_short_words_across_line_breaks_and_markup(language, given, expected):
    assert prose(given, language) == expected


@pytest.mark.parametrize("given, expected", [
    # only the last short word of a chain keeps to its word when the run grows long
    ("и не в Государственном архиве", "и не в_Государственном архиве"),
    ("а и в на о с к у не из за по от до об со во книга",
     "а и в на о с к у не из за по от до об_со_во_книга"),
    ("и в мире", "и_в_мире"),  # short enough to stay together
    ("и в 1937 году", "и_в_1937_году"),
])
def test_chains_of_bound_words_stay_short(given, expected):
    check("ru", given, expected)


def test_no_run_of_bound_words_is_long():
    text = ("а не из-за того, что и в то же время он и не в Государственном архиве, а в "
            "областном, но и не в частном собрании и не у них, и не от нас, и не по ним")
    runs = typeset(text, "ru").split(" ")
    # longer only where one short word holds on to one long word
    assert [run for run in runs if len(run) > 16 and run.count("\u00a0") > 1] == []
    assert "и не в\u00a0Государственном" in typeset(text, "ru")


@pytest.mark.parametrize("given, expected", [
    ("сказал бы он", "сказал_бы он"),
    ("Пришёл ли он", "Пришёл_ли он"),
    ("он же сказал", "он_же сказал"),
    ("Сказал\nбы", "Сказал_бы"),
    ("*сказал* бы", "<em>сказал</em>_бы"),
])
def test_particles_hold_on_to_the_word_before(given, expected):
    assert prose(given, "ru") == expected


@pytest.mark.parametrize("language, given, expected", [
    ("kk", "Сен барасың ба?", "Сен барасың_ба?"),
    ("kk", "Кітап па, әлде журнал ма?", "Кітап_па, әлде журнал_ма?"),
])
def test_kazakh_question_particles(language, given, expected):
    check(language, given, expected)


@pytest.mark.parametrize("language, given, expected", [
    ("ru", "с 1921 года по 1954 год", "с_1921_года по_1954_год"),
    ("ru", "в 1928 году", "в_1928_году"),
    ("ru", "5 млн, 100 тысяч, 20 лет", "5_млн, 100_тысяч, 20_лет"),
    ("ru", "в 1930-х годах", "в_1930-х_годах"),
    ("ru", "в 1937 г. и 20 тыс. человек", "в_1937_г. и_20_тыс. человек"),
    ("ru", "около 100000 человек", "около 100_000_человек"),
    ("ru", "рост на 15 %", "рост на_15_%"),
    ("ru", "дом № 5, §3", "дом №_5, §_3"),
    ("ru", "В 1954 Хрущёв", "В_1954 Хрущёв"),
    ("kk", "1937 жылы 5 мың адам", "1937_жылы 5_мың адам"),
    ("kk", "1937 ж. 5 мың", "1937_ж. 5_мың"),
    ("en", "20 years and 5 million people", "20_years and 5_million people"),
])
def test_numbers_hold_on_to_the_next_word(language, given, expected):
    check(language, given, expected)


@pytest.mark.parametrize("given, expected", [
    ("1954\nгод", "1954_год"),
    ("1954 **год**", "1954_<strong>год</strong>"),
    ("**1954** год", "<strong>1954</strong>_год"),
    ("в\n*1937*\nгоду", "в_<em>1937</em>_году"),
    ("около 100\nтысяч", "около 100_тысяч"),
])
def test_numbers_across_line_breaks_and_markup(given, expected):
    assert prose(given, "ru") == expected


@pytest.mark.parametrize("language, given, expected", [
    ("ru", "сост. М. Койгелдиев", "сост._М._Койгелдиев"),
    ("ru", "ред. Л. Ким", "ред._Л._Ким"),
    ("ru", "библиотека им. Абая на ул. Абая", "библиотека им._Абая на_ул._Абая"),
    ("ru", "родился в г. Семей", "родился в_г._Семей"),
    ("ru", "Ул. Абая", "Ул._Абая"),
    ("ru", "см. с. 45 и т. 2", "см._с._45 и_т._2"),
    ("ru", "книги, журналы и т. д.", "книги, журналы и_т._д."),
    ("ru", "т. е. всё", "т._е. всё"),
    ("ru", "и т. д. и другие", "и_т._д. и_другие"),
    ("ru", "в 1990-х гг. в Казахстане", "в_1990-х_гг. в_Казахстане"),
    ("kk", "құраст. М. Қойгелдиев", "құраст._М._Қойгелдиев"),
    ("en", "Dr. Watson on p. 45", "Dr._Watson on p._45"),
])
def test_abbreviations_hold_on_to_the_name(language, given, expected):
    check(language, given, expected)


@pytest.mark.parametrize("language, given, expected", [
    ("ru", "писал А. Байтурсынов", "писал А._Байтурсынов"),
    ("ru", "А. П. Чехов", "А._П._Чехов"),
    ("ru", "А.П. Чехов", "А.П._Чехов"),
    ("ru", "Хабаров А. В. и другие", "Хабаров_А._В. и_другие"),
    ("ru", "Чехов А. П.", "Чехов_А._П."),
    ("ru", "сказал бы А. П. Чехов", "сказал_бы А._П._Чехов"),
    ("ru", "Затем А. П. Чехов", "Затем А._П._Чехов"),
    ("ru", "Салтыков-Щедрин М. Е., Чехов А. П. и другие",
     "Салтыков-Щедрин_М._Е., Чехов_А._П. и_другие"),
    ("kk", "Ә. Бөкейханов", "Ә._Бөкейханов"),
    ("en", "J. R. R. Tolkien", "J._R._R._Tolkien"),
])
def test_initials_stay_with_the_surname(language, given, expected):
    check(language, given, expected)


@pytest.mark.parametrize("given, expected", [
    ("А.\nП. Чехов", "А._П._Чехов"),
    ("сост.\nМ.\nКойгелдиев", "сост._М._Койгелдиев"),
    ("А. П. *Чехов*", "А._П._<em>Чехов</em>"),
    ("[А. П.\nЧехов](https://chekhov.ru)", '<a href="https://chekhov.ru">А._П._Чехов</a>'),
    ("Чехов\nА. П.", "Чехов_А._П."),
    ("им.\n**Абая**", "им._<strong>Абая</strong>"),
])
def test_initials_and_abbreviations_across_line_breaks_and_markup(given, expected):
    assert prose(given, "ru") == expected


@pytest.mark.parametrize("given", [
    "https://library.example.kz/a-b-c",
    "https://library.example.kz/a--b/c",
    "ISBN 978-5-4448-1257-0",
    "2026-05-31",
    "library@example.kz",
    "www.example.kz/в-и",
])
def test_addresses_isbns_and_iso_dates_are_left_alone(given):
    assert typeset(f"читайте {given} и", "ru") == f"читайте {given} и"


@pytest.mark.parametrize("given, expected", [
    ("см. https://lib.kz/a. Далее", "см._https://lib.kz/a. Далее"),
    ('"https://lib.kz"', "«https://lib.kz»"),
    ("пишите: mail@lib.kz.", "пишите: mail@lib.kz."),
])
def test_an_address_ends_before_the_punctuation_after_it(given, expected):
    check("ru", given, expected)


def test_characters_typography_uses_itself_are_kept_as_they_are_in_the_input():
    check("ru", "знак \ue001 в тексте \ufdd0 и", "знак \ue001 в_тексте \ufdd0 и")


def test_ellipsis():
    check("ru", "и так далее...", "и_так далее…")


@pytest.mark.parametrize("word, never", [
    ("Байтурсынов", True), ("Экибастузе", True), ("Мырзахметұлы", True), ("АЛЖИР", True),
    ("КарЛАГ", True), ("1930-х", True), ("Semipalatinsk", True), ("Алаш-Орда", True),
    ("Байтурсынов", True),  # a sentence's first word too: never worth a hyphen
    ("репрессированных", False), ("мырзахметұлы", False), ("воспоминаниям", False),
])
def test_words_that_are_never_hyphenated(word, never):
    assert never_hyphenated(word) is never


def test_words_kept_whole_by_the_layout_pass():
    assert not never_hyphenated("воспоминаниям")
    with keeping_whole({"воспоминаниям"}):
        assert never_hyphenated("воспоминаниям")
        assert list(pyphen.Pyphen(lang="ru").iterate("воспоминаниям")) == []
    assert list(pyphen.Pyphen(lang="ru").iterate("воспоминаниям"))


@pytest.mark.parametrize("given, expected", [
    ("на https://lib.kz/a-b и lib@mail.kz", "на [https://lib.kz/a-b] и [lib@mail.kz]"),
    ("см. www.lib.kz.", "см. [www.lib.kz]."),
    ("ISBN 978-5-4448-1257-0 и 2026-05-31", "ISBN 978-5-4448-1257-0 и 2026-05-31"),
])
def test_addresses_are_set_unhyphenated(given, expected):
    marked = given
    for start, end in reversed(addresses(given)):
        marked = f"{marked[:start]}[{marked[start:end]}]{marked[end:]}"
    assert marked == expected


@pytest.mark.parametrize("language, given, expected", [
    ("ru", "Писал *Байтурсынов*", "Писал <em>Байтурсынов</em>"),
    ("ru", "в 1930-х\nгодах в АЛЖИРе", "в\u00a01930-х\u00a0годах в\u00a0АЛЖИРе"),
    ("ru", "<https://lib.kz/a-b>", '<a href="https://lib.kz/a-b"><span class="nh">'
                                    'https://lib.kz/a-b</span></a>'),
    ("ru", "Писал & <Байтурсынов>", "Писал &amp; &lt;Байтурсынов&gt;"),
])
def test_html_marks_only_addresses(language, given, expected):
    assert to_html(given, language) == f"<p>{expected}</p>\n"


def _sample_intro() -> str:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["intro"]


@pytest.mark.parametrize("width", [50, 60, 70, 80])
def test_the_sample_introduction_is_set_the_same_however_its_source_is_wrapped(width):
    intro = _sample_intro()
    paragraphs = [" ".join(p.split()) for p in intro.split("\n\n")]
    rewrapped = "\n\n".join(textwrap.fill(p, width, break_on_hyphens=False) for p in paragraphs)
    assert rewrapped != intro
    assert to_html(rewrapped, "ru") == to_html("\n\n".join(paragraphs), "ru")


def test_the_sample_introduction_has_no_dash_nor_short_word_a_line_could_tear():
    html = to_html(_sample_intro(), "ru")
    text = re.sub(r"<[^>]+>", "", html)
    assert " - " not in text and " — " not in text
    assert "АЛЖИР\u00a0— Акмолинский" in text
    assert re.search(r"(?<![\w-])(?:в|на|и|с|к|о|у|а|не|из|за|по|от|до|об|со|во) ", text) is None
    assert re.search(r"\d (?:год|года|году|тысяч|годов)", text) is None


KAZAKH = ("Жыл сайын 31 мамырда *Қазақстанда* саяси қуғын-сүргін құрбандарын еске алу күні "
          "атап өтіледі. Абай мен Шәкәрім, Ахмет Байтұрсынұлы мен Мағжан Жұмабаев - ақындар, "
          "ғалымдар, ағартушылар. \"Қырық мысал\" кітабы 1909 жылы жарық көрді; құраст. "
          "Ә. Қайдар. Сен де оқисың ба? Толығырақ: https://kitaphana.example.kz/alash-zhyldary.")
ENGLISH = ("The camps of the 1930s - ALZHIR among them - held 5 million people, wrote "
           "Dr. Watson in \"A *Steppe* of Sorrow\". J. R. R. Tolkien and the people of the "
           "steppe remember; see p. 45 or https://library.example.org/alzhir-camp.")


@pytest.mark.parametrize("language, text", [("kk", KAZAKH), ("en", ENGLISH)])
def test_a_paragraph_is_set_the_same_however_its_source_is_wrapped(language, text):
    expected = to_html(text, language)
    for width in range(24, 90, 3):
        assert to_html(textwrap.fill(text, width, break_on_hyphens=False, break_long_words=False),
                       language) == expected
    assert " - " not in expected and " — " not in expected


def test_ranges_keep_to_their_dash_and_print_as_written():
    """«Сб 10:00–17:00» broke after its dash on the bookmark: a word joiner after the dash
    of a range (printed as nothing), not after a dash between words."""
    hours = unbroken_ranges(typeset("Пн–Пт 9:00-19:00, Сб 10:00 - 17:00", "ru"))
    assert hours == "Пн–\u2060Пт\u00a09:00–\u206019:00, Сб\u00a010:00–\u206017:00"
    assert unbroken_ranges("Жексенбі 10.00–17.00") == "Жексенбі\u00a010.00–\u206017.00"
    assert unbroken_ranges("Абай\u00a0— поэт") == "Абай\u00a0— поэт"
