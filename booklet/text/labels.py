"""Every fixed word a layout prints, per language, and dates written for the language."""

from __future__ import annotations

import datetime as dt

LABELS = {
    "ru": {
        "contents": "Содержание", "introduction": "Вступление", "section": "Раздел",
        "shelfmark": "Шифр", "location": "Где найти", "pages": "с.", "compiler": "сост.",
        "editor": "ред.", "translator": "пер.", "illustrator": "ил.", "foreword": "предисл.",
        "exhibition": "Книжная выставка", "recommended": "Советуем прочитать",
        "sections_list": "Разделы выставки", "more_books": "Ещё книг на выставке: {n}", "address": "Адрес", "hours": "Часы работы",
        "phone": "Телефон", "website": "Сайт", "email": "Эл. почта", "venue": "Место",
        "and_others": "и др.", "no_cover": "Обложка не указана",
        "qr_catalogue": "Каталог выставки", "qr_website": "Сайт библиотеки",
        "qr_book": "Книга онлайн",
        "authors_index": "Указатель авторов", "notes": "Для заметок",
        "invitation": "Ждём вас на выставке", "colophon_compiler": "Составитель",
        "colophon_editor": "Ответственный за выпуск", "colophon_designer": "Вёрстка и дизайн",
        "print_run": "Тираж {n} экз.",
        "slug_sheet": "лист", "slug_front": "лицо", "slug_back": "оборот",
    },
    "kk": {
        "contents": "Мазмұны", "introduction": "Кіріспе", "section": "Бөлім",
        "shelfmark": "Шифр", "location": "Қайдан табуға болады", "pages": "б.",
        "compiler": "құраст.", "editor": "ред.", "translator": "ауд.", "illustrator": "сурет.",
        "foreword": "алғы сөз", "exhibition": "Кітап көрмесі", "recommended": "Оқуға кеңес береміз",
        "sections_list": "Көрме бөлімдері", "more_books": "Көрмеде тағы {n} кітап бар", "address": "Мекенжай",
        "hours": "Жұмыс уақыты", "phone": "Телефон", "website": "Сайт", "email": "Эл. пошта",
        "venue": "Орны", "and_others": "т.б.", "no_cover": "Мұқаба жоқ",
        "qr_catalogue": "Көрме каталогы", "qr_website": "Кітапхана сайты",
        "qr_book": "Кітап онлайн",
        "authors_index": "Авторлар көрсеткіші", "notes": "Жазбаларға арналған",
        "invitation": "Көрмеге шақырамыз", "colophon_compiler": "Құрастырушы",
        "colophon_editor": "Шығарылымға жауапты", "colophon_designer": "Беттеу және дизайн",
        "print_run": "Таралымы {n} дана",
        "slug_sheet": "парақ", "slug_front": "бет жағы", "slug_back": "арт жағы",
    },
    "en": {
        "contents": "Contents", "introduction": "Introduction", "section": "Section",
        "shelfmark": "Shelf mark", "location": "Location", "pages": "p.", "compiler": "comp.",
        "editor": "ed.", "translator": "trans.", "illustrator": "ill.", "foreword": "foreword",
        "exhibition": "Book exhibition", "recommended": "We recommend",
        "sections_list": "In the exhibition", "more_books": "and {n} more in the exhibition", "address": "Address", "hours": "Opening hours",
        "phone": "Phone", "website": "Website", "email": "E-mail", "venue": "Venue",
        "and_others": "et al.", "no_cover": "No cover",
        "qr_catalogue": "Exhibition catalogue", "qr_website": "Library website",
        "qr_book": "Book online",
        "authors_index": "Index of authors", "notes": "Notes",
        "invitation": "Visit the exhibition", "colophon_compiler": "Compiled by",
        "colophon_editor": "Responsible for the edition", "colophon_designer": "Design and layout",
        "print_run": "Print run: {n} copies",
        "slug_sheet": "sheet", "slug_front": "front", "slug_back": "back",
    },
}

# the language a book was translated from, as records name it: «пер. с англ.» (7.1-2003,
# abbreviations of GOST 7.0.12), «перевод с английского» (7.0.100), «ағылшын тілінен
# аударған», "translated from English"
SOURCE_LANGUAGES = {  # code: (ru abbreviated, ru in full, kk, en)
    "ru": ("рус.", "русского", "орыс", "Russian"),
    "kk": ("каз.", "казахского", "қазақ", "Kazakh"),
    "en": ("англ.", "английского", "ағылшын", "English"),
    "de": ("нем.", "немецкого", "неміс", "German"),
    "fr": ("фр.", "французского", "француз", "French"),
    "es": ("исп.", "испанского", "испан", "Spanish"),
    "it": ("итал.", "итальянского", "итальян", "Italian"),
    "pt": ("порт.", "португальского", "португал", "Portuguese"),
    "pl": ("пол.", "польского", "поляк", "Polish"),
    "cs": ("чеш.", "чешского", "чех", "Czech"),
    "sk": ("словац.", "словацкого", "словак", "Slovak"),
    "uk": ("укр.", "украинского", "украин", "Ukrainian"),
    "be": ("белорус.", "белорусского", "белорус", "Belarusian"),
    "bg": ("болг.", "болгарского", "болгар", "Bulgarian"),
    "sr": ("серб.", "сербского", "серб", "Serbian"),
    "hr": ("хорв.", "хорватского", "хорват", "Croatian"),
    "sl": ("словен.", "словенского", "словен", "Slovenian"),
    "ro": ("рум.", "румынского", "румын", "Romanian"),
    "hu": ("венг.", "венгерского", "венгр", "Hungarian"),
    "el": ("греч.", "греческого", "грек", "Greek"),
    "la": ("лат.", "латинского", "латын", "Latin"),
    "tr": ("тур.", "турецкого", "түрік", "Turkish"),
    "az": ("азерб.", "азербайджанского", "әзірбайжан", "Azerbaijani"),
    "uz": ("узб.", "узбекского", "өзбек", "Uzbek"),
    "ky": ("кирг.", "киргизского", "қырғыз", "Kyrgyz"),
    "tk": ("туркм.", "туркменского", "түрікмен", "Turkmen"),
    "tt": ("тат.", "татарского", "татар", "Tatar"),
    "ba": ("башк.", "башкирского", "башқұрт", "Bashkir"),
    "mn": ("монг.", "монгольского", "моңғол", "Mongolian"),
    "zh": ("кит.", "китайского", "қытай", "Chinese"),
    "ja": ("яп.", "японского", "жапон", "Japanese"),
    "ko": ("кор.", "корейского", "корей", "Korean"),
    "ar": ("араб.", "арабского", "араб", "Arabic"),
    "fa": ("перс.", "персидского", "парсы", "Persian"),
    "he": ("иврита", "иврита", "иврит", "Hebrew"),
    "hi": ("хинди", "хинди", "хинди", "Hindi"),
    "hy": ("арм.", "армянского", "армян", "Armenian"),
    "ka": ("груз.", "грузинского", "грузин", "Georgian"),
    "no": ("норв.", "норвежского", "норвег", "Norwegian"),
    "sv": ("швед.", "шведского", "швед", "Swedish"),
    "da": ("дат.", "датского", "дат", "Danish"),
    "fi": ("фин.", "финского", "фин", "Finnish"),
    "et": ("эст.", "эстонского", "эстон", "Estonian"),
    "lv": ("латыш.", "латышского", "латыш", "Latvian"),
    "lt": ("литов.", "литовского", "литва", "Lithuanian"),
    "nl": ("нидерл.", "нидерландского", "нидерланд", "Dutch"),
    "is": ("исл.", "исландского", "исланд", "Icelandic"),
}

MONTHS = {
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "kk": "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан",
    "en": "January February March April May June July August September October November December",
}


def labels(language: str) -> dict[str, str]:
    return LABELS[language]


def format_dates(start: dt.date, end: dt.date, language: str) -> str:
    """«25 мая — 10 июня 2026 г.», «2026 жылғы 31 мамыр», «5 October 2026», «25–31 May 2026»."""
    month = MONTHS[language].split()
    nb = "\u00a0"
    dash = "–" if language == "en" else "—"  # a range with words: spaced em dash in ru and kk

    def day(d: dt.date, with_month=True) -> str:
        return f"{d.day}{nb}{month[d.month - 1]}" if with_month else str(d.day)

    if language == "kk":
        year = f"{start.year}{nb}жылғы "
        if start == end:
            return f"{year}{day(start)}"
        if start.year != end.year:
            return f"{year}{day(start)}{nb}{dash} {end.year}{nb}жылғы {day(end)}"
        if start.month == end.month:
            return f"{year}{start.day}–{day(end)}"
        return f"{year}{day(start)}{nb}{dash} {day(end)}"
    suffix = f"{nb}г." if language == "ru" else ""
    if start == end:
        return f"{day(start)} {start.year}{suffix}"
    if start.year != end.year:
        return f"{day(start)} {start.year}{suffix}{nb}{dash} {day(end)} {end.year}{suffix}"
    if start.month == end.month:
        return f"{start.day}–{day(end)} {end.year}{suffix}"
    return f"{day(start)}{nb}{dash} {day(end)} {end.year}{suffix}"
