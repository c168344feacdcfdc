"""Language identification: ISO 639-1 codes, confidence on short or mixed text, bad input."""

from __future__ import annotations

import pytest

from newsdrop.text.language import detect_language, iso_code

PARAGRAPHS = {
    "en": "The city council voted on Tuesday to approve a new budget that raises spending on schools and "
    "roads, the mayor said after a long session.",
    "de": "Der Stadtrat hat am Dienstag einen neuen Haushalt beschlossen, der mehr Geld für Schulen und "
    "Straßen vorsieht, sagte der Bürgermeister nach einer langen Sitzung.",
    "fr": "Le conseil municipal a approuvé mardi un nouveau budget qui augmente les dépenses pour les écoles "
    "et les routes, a déclaré le maire après une longue séance.",
    "es": "El ayuntamiento aprobó el martes un nuevo presupuesto que aumenta el gasto en escuelas y "
    "carreteras, dijo el alcalde tras una larga sesión.",
    "ru": "Городской совет во вторник утвердил новый бюджет, который увеличивает расходы на школы и дороги, "
    "заявил мэр после долгого заседания.",
    "zh": "市议会周二投票通过了一项新预算，增加了学校和道路的开支，市长在长时间会议后表示。"
    "这项预算将在下个月进行最后审议。",
    "ja": "市議会は火曜日、学校と道路への支出を増やす新しい予算を承認したと、市長が長い会議の後に述べた。",
    "ar": "صوّت مجلس المدينة يوم الثلاثاء على الموافقة على ميزانية جديدة تزيد الإنفاق على المدارس والطرق، "
    "حسبما قال رئيس البلدية بعد جلسة طويلة.",
    "he": "מועצת העיר הצביעה ביום שלישי בעד תקציב חדש שמגדיל את ההוצאות על בתי ספר וכבישים, כך אמר ראש "
    "העירייה לאחר ישיבה ארוכה.",
}


@pytest.mark.parametrize(("code", "text"), sorted(PARAGRAPHS.items()))
def test_paragraphs(code: str, text: str) -> None:
    assert detect_language(text) == (code, True)


@pytest.mark.parametrize("text", ["", "   ", "12345 678", "!!!", "a"])
def test_no_language(text: str) -> None:
    assert detect_language(text) == (None, False)


@pytest.mark.parametrize("text", ["Hello", "Der Hund", "ok ok ok"])
def test_short_text_is_not_confident(text: str) -> None:
    _, confident = detect_language(text)
    assert confident is False


def test_control_characters_do_not_break_detection() -> None:
    text = PARAGRAPHS["fr"].replace("é", "\x8f") + "\x00\x92"
    assert detect_language(text)[0] == "fr"


def test_long_text_completes() -> None:
    assert detect_language(PARAGRAPHS["en"] * 5000)[0] == "en"


@pytest.mark.parametrize(
    ("label", "iso"),
    [("en", "en"), ("zh-Hant", "zh"), ("iw", "he"), ("in", "id"), ("no", "nb"), ("ceb", "ceb")],
)
def test_iso_codes(label: str, iso: str) -> None:
    assert iso_code(label) == iso


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("", 40, 0),
        ("12 345 _ 6", 40, 0),
        ("ab1c", 40, 3),
        ("Straße señor", 40, 11),
        ("abc " * 50, 40, 40),  # stops at the limit: the thresholds need no more
        ("ab", 1, 1),
    ],
)
def test_count_letters_up_to_a_limit(text: str, limit: int, expected: int) -> None:
    from newsdrop.text.language import count_letters

    assert count_letters(text, limit) == expected


def test_confidence_needs_enough_letters_even_past_many_digits() -> None:
    # GIVEN clear English words after a long run of digits (the count must not stop early at the digits)
    text = "1234567890 " * 20 + "The council approved the new budget for the schools and the roads today."
    assert detect_language(text) == ("en", True)
    # AND the same words cut below the confident letter count
    assert detect_language("1234567890 " * 20 + "The council approved")[1] is False


def _article(code: str) -> str:
    return "\n\n".join([PARAGRAPHS[code]] * 6)  # longer than the two probes read first


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_probe_answer_is_the_whole_sample_answer(monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    from newsdrop.text import language

    quick = detect_language(_article(code))
    monkeypatch.setattr(language, "PROBE_PROBABILITY", 1.1)  # never trust the probes
    assert quick == detect_language(_article(code)) == (code, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A lead paragraph in another language: the probes disagree, the whole sample decides.
        (PARAGRAPHS["de"] + "\n\n" + PARAGRAPHS["en"] * 8, "en"),
        (PARAGRAPHS["en"] * 8 + "\n\n" + PARAGRAPHS["fr"] * 8, "fr"),
        (PARAGRAPHS["en"] * 4 + "\n\n" + PARAGRAPHS["es"] * 12, "es"),
        # Few letters in the first probe (digits first): the whole sample decides.
        ("1234 5678 " * 40 + PARAGRAPHS["fr"] * 3, "fr"),
    ],
)
def test_disagreeing_probes_fall_back_to_the_sample(
    monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    from newsdrop.text import language

    quick = detect_language(text)
    monkeypatch.setattr(language, "PROBE_PROBABILITY", 1.1)  # the whole sample alone
    assert quick == detect_language(text)
    assert quick[0] == expected


def test_probes_are_the_start_and_end_of_the_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdrop.text import language

    calls: list[str] = []
    predict = language._predict
    monkeypatch.setattr(language, "_predict", lambda line: calls.append(line) or predict(line))
    text = "Start   words here. " + PARAGRAPHS["en"] * 20
    sample = " ".join(text[: language.MAX_CHARS].split())
    detect_language(text)
    assert calls == [sample[: language.PROBE_CHARS], sample[-language.PROBE_CHARS :]]
    calls.clear()
    monkeypatch.setattr(language, "PROBE_PROBABILITY", 1.1)
    detect_language(text)
    assert calls == [sample[: language.PROBE_CHARS], sample]
