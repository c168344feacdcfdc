"""Entity recognition: types, full names, surname and acronym aliases, roles, sentence starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdrop.models import Entity
from newsdrop.pipeline import summarize
from newsdrop.text.entities import extract_entities
from newsdrop.text.sentences import split_sentences

SAMPLE = Path(__file__).resolve().parents[2] / "events" / "articles" / "000_ad279fb4c748556f.txt"


def entities(text: str) -> dict[str, Entity]:
    return {e.name: e for e in extract_entities(text, split_sentences(text))}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Officials met Maria Gonzalez in Lisbon on Monday.", "Maria Gonzalez", "PERSON"),
        ("Officials met Maria Gonzalez in Lisbon on Monday.", "Lisbon", "LOCATION"),
        ("Shares of Acme Widgets Inc rose after the report.", "Acme Widgets Inc", "ORGANIZATION"),
        ("He joined the Green Valley Party last year.", "Green Valley Party", "ORGANIZATION"),
        ("Talks were held at the University of Leeds today.", "University of Leeds", "ORGANIZATION"),
        ("Boats sailed down the Orinoco River at dawn.", "Orinoco River", "LOCATION"),
        ("Trade with Brazil and Peru grew, officials said.", "Brazil", "LOCATION"),
        ("Trade with Brazil and Peru grew, officials said.", "Peru", "LOCATION"),
        ("The rules were set by the IMF in its report.", "IMF", "ORGANIZATION"),
        ("A report by the ZQX found no fault.", "ZQX", "ORGANIZATION"),  # an unknown acronym
        ("MADRID 2024-03-01\nPrices rose.", "Madrid", "LOCATION"),  # a dateline
        ("Talks involved Standard & Poor's analysts.", "Standard & Poor", "ORGANIZATION"),
        ("He met Joost van der Merwe in Cape Town.", "Joost van der Merwe", "PERSON"),
        ("Fans cheered as P. Kowalski scored twice.", "P. Kowalski", "PERSON"),
        ("Shares of Boatmen's Bancshares Inc rose.", "Boatmen's Bancshares Inc", "ORGANIZATION"),
        ("A spokesman for Britain's Foreign Office said so.", "Britain", "LOCATION"),
        ("A spokesman for Britain's Foreign Office said so.", "Foreign Office", "ORGANIZATION"),
        ("The German Foreign Ministry said on Friday it agreed.", "Foreign Ministry", "ORGANIZATION"),
        ("He joined the Scottish National Party in May.", "Scottish National Party", "ORGANIZATION"),
        ("A Paris-based group said it would act.", "Paris", "LOCATION"),
        ("The crash near Lockerbie, Scotland, killed many.", "Lockerbie", "LOCATION"),
        ("Prime Minister Hun Sen spoke on Monday.", "Hun Sen", "PERSON"),
        ("Crowds cheered Queen Elizabeth II in York.", "Elizabeth II", "PERSON"),
        ("The Red Cross and the North Korean Red Cross met.", "North Korean Red Cross", "ORGANIZATION"),
        ("Shares of Zorvex rose after Zorvex said it would cut jobs.", "Zorvex", "ORGANIZATION"),
        ("Fans saw Leeds beat Chelsea 2-1 in the league. Leeds scored twice, the coach said.", "Leeds",
         "ORGANIZATION"),  # a town as a team, in a sports report
    ],
)
def test_types(text: str, name: str, kind: str) -> None:
    found = entities(text)
    assert name in found, sorted(found)
    assert found[name].type == kind


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("However, the talks failed. Despite this, they met.", "However"),
        ("However, the talks failed. Despite this, they met.", "Despite"),
        ("On Tuesday the bank cut rates.", "Tuesday"),
        ("Western countries imposed sanctions.", "Western"),  # a demonym, not a place
        ("I think so, he said.", "I"),
        ("Police said the road was closed. The police left.", "Police"),  # seen lower-case too
        ("Fans watched the World Cup final in Rome.", "World Cup"),  # an event, not an organization
        ("Sen. Ann Ray (D-Mass.) objected.", "D-Mass"),  # a party and state tag
        ("The F-16 jets flew over Basra.", "F-16"),
        ("The German Foreign Ministry said so.", "German Foreign Ministry"),
    ],
)
def test_not_entities(text: str, absent: str) -> None:
    assert absent not in entities(text)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("President Ana Ruiz spoke first.", "Ana Ruiz", "President"),
        ("The talks, said Chilean President Ana Ruiz, went well.", "Ana Ruiz", "Chilean President"),
        ("Acme spokeswoman Laura Chen declined to comment.", "Laura Chen", "Acme spokeswoman"),
        ("He met Kenyan Foreign Minister Peter Otieno.", "Peter Otieno", "Kenyan Foreign Minister"),
        ("It was said by Finance Minister, Karl Berg, yesterday.", "Karl Berg", "Finance Minister"),
        ("Tomas Novak, the Czech finance minister, said so.", "Tomas Novak", "Czech finance minister"),
        ("Talks with UK Secretary of State David Hale ended.", "David Hale", "UK Secretary of State"),
    ],
)
def test_roles_are_kept_out_of_names(text: str, name: str, role: str) -> None:
    found = entities(text)
    assert name in found, sorted(found)
    assert found[name].type == "PERSON"
    assert role in found[name].roles


def test_surname_is_an_alias_counted_in_mentions() -> None:
    text = "Prime Minister Mark Tully arrived. Later, Tully said he was tired. Tully left at noon."
    tully = entities(text)["Mark Tully"]
    assert tully.aliases == ["Tully"]
    assert tully.mentions == 3


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        ("The European Union said the EU would act.", "European Union", "EU"),
        ("The United States said the US would act.", "United States", "US"),
        ("Officials at the World Food Council said the WFC agreed.", "World Food Council", "WFC"),
    ],
)
def test_acronym_joins_its_expansion(text: str, name: str, alias: str) -> None:
    found = entities(text)
    assert name in found, sorted(found)
    assert alias in found[name].aliases
    assert alias not in found


def test_headline_form_of_an_alias_is_counted() -> None:
    text = "PUTIN WARNS WEST OVER SANCTIONS\nVladimir Putin spoke on Friday. Putin said more."
    putin = entities(text)["Vladimir Putin"]
    assert putin.mentions == 3
    assert putin.aliases == ["Putin"]


def test_title_case_headline_is_not_one_long_name() -> None:
    text = "Putin Warns Ukraine Over Troop Buildup\nVladimir Putin said Russia would act in Ukraine."
    found = entities(text)
    assert set(found) == {"Vladimir Putin", "Ukraine", "Russia"}
    assert found["Vladimir Putin"].aliases == ["Putin"]
    assert found["Ukraine"].mentions == 2


def test_dateline_place_is_title_cased() -> None:
    found = entities("BRUSSELS 2024-05-01\nMinisters met on Friday, officials said.")
    assert "Brussels" in found
    assert found["Brussels"].type == "LOCATION"


def test_headline_in_capitals_counts_known_entities() -> None:
    text = "NORWAY BEATS FINLAND IN TALKS\nNorway and Finland signed a deal, officials in Oslo said."
    found = entities(text)
    assert found["Norway"].mentions == 2
    assert "NORWAY BEATS FINLAND" not in found


def test_sample_article() -> None:
    summary = summarize(SAMPLE.read_bytes(), name=SAMPLE.name, content_type="text/plain")
    found = {e.name: e for e in summary.entities}
    people = {
        "Joe Biden": ("Biden", "President"),
        "Vladimir Putin": ("Putin", "Russian President"),
        "Jen Psaki": ("Psaki", "White House spokeswoman"),
        "Antony Blinken": ("Blinken", "US Secretary of State"),
        "Sergei Lavrov": (None, "Russian Foreign Minister"),
        "Dmytro Kuleba": (None, "Ukrainian Foreign Minister"),
    }
    for name, (alias, role) in people.items():
        assert found[name].type == "PERSON", name
        assert role in found[name].roles, (name, found[name].roles)
        if alias:
            assert alias in found[name].aliases
    for place in ("Ukraine", "Russia", "Moscow", "United States", "Luhansk", "Donetsk", "Britain"):
        assert found[place].type == "LOCATION", place
    for org in ("White House", "NATO", "European Union"):
        assert found[org].type == "ORGANIZATION", org
    assert "US" in found["United States"].aliases
    assert found["Vladimir Putin"].mentions >= 7


def test_empty_text() -> None:
    assert extract_entities("", []) == []
    assert extract_entities("   \n ", []) == []


def test_many_capitalized_words_complete() -> None:
    """100,000 capitalized words: linear work, sane output (no wall-clock assertion)."""
    words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet"]
    text = " ".join(words[i % len(words)] + ("." if i % 97 == 96 else "") for i in range(100_000))
    found = extract_entities(text, split_sentences(text))
    assert isinstance(found, list)
    assert all(e.mentions >= 1 and e.name for e in found)
    assert all(len(e.name) < 2000 for e in found)


def test_long_text_without_newlines_completes() -> None:
    text = "Officials from Norway met in Oslo. " * 20_000
    found = entities(text)
    assert found["Norway"].mentions == 20_000


@pytest.mark.parametrize(
    "text",
    [
        "-".join(["Ab"] * 20_000) + "!",  # one long hyphenated word
        '"' * 10_000 + "Putin" + "'" * 10_000,  # runs of quote marks
        "A." * 20_000,  # a dotted acronym without end
        "O'" * 20_000 + "x",
        "NATO\n" * 20_000,  # many one-word lines
        "J. " * 20_000 + "Smith",  # many initials
    ],
)
def test_adversarial_input_completes(text: str) -> None:
    found = extract_entities(text, split_sentences(text))
    assert all(e.mentions >= 1 and e.name.strip() for e in found)


# --- reading in windows: a long text gives exactly what one pass over it gives --------------------------

_WINDOW_TEXTS = [
    # names, roles and appositions at line ends and starts; a name split over two lines
    "Talks opened in Geneva.\nForeign Minister, Anna Lindqvist said the Bank\nof Norway would help.\n"
    "Lindqvist met Pedro Alvarez, the Chilean ambassador.\nAlvarez said so.\n",
    # capital headlines and a sports report with scores on their own lines
    "LEEDS WIN AGAIN.\nLEEDS 1996-08-30\nLeeds beat Chelsea 2-1 in the league.\nChelsea 1 Leeds 2.\n"
    "Arsenal 3 Everton 0.\nThe coach said the team played well.\nLEEDS\n4 CHELSEA 1.\n",
    # a word written in lower case only late in the text still demotes an early sentence-initial word
    "Reform was promised by Maria Costa.\nCosta spoke in Lisbon.\nMany expect reform soon, said Costa.\n",
    # two sports words only ("beat", "won"): no sports report, however the text is cut
    "Fans in Leeds cheered.\nLeeds beat Chelsea.\nLeeds won.\nThe mayor of Leeds spoke.\n",
    # abbreviations at line ends are no cut: "Inc." and "U.S." end their lines
    "Shares of Zorvex Inc.\nrose in the U.S.\nZorvex said it would hire. Officials in Ohio agreed.\n",
    # lines ending with a quotation: a cut after the closing quote
    "'We will act,' said Maria Costa.'\nCosta, the Portuguese minister, spoke in Lisbon.’\n"
    "“Reform,” said Costa.”\nThe Bank of Portugal agreed.\n",
]


@pytest.mark.parametrize("text", _WINDOW_TEXTS)
@pytest.mark.parametrize("size", [1, 40, 10_000])
def test_windows_give_the_same_entities(text: str, size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdrop.text import entities as module
    from newsdrop.text import entity_tokens

    expected = [e.model_dump() for e in extract_entities(text, split_sentences(text))]
    cuts = list(entity_tokens.windows(text, size))
    monkeypatch.setattr(module, "windows", lambda t: iter(cuts))
    assert [e.model_dump() for e in extract_entities(text, split_sentences(text))] == expected
    if size == 1 and "Inc." not in text:
        assert len(cuts) > 2  # these texts are cut (the last one has no line a window may end with)
    if size == 10_000:
        assert cuts == [(0, len(text))]


@pytest.mark.parametrize(
    ("text", "size", "cuts"),
    [
        ("Ab cd.\nEf gh.\nIj.", 1, [(0, 7), (7, 14), (14, 17)]),
        ("Ab cd.\nEf.\n", 1, [(0, 7), (7, 11)]),  # no empty window at the end
        ("Ab cd.\nEf gh.\nIj.", 8, [(0, 14), (14, 17)]),  # windows are at least ``size`` long
        ("Ab cd!\n\nEf?\nGh", 1, [(0, 7), (7, 12), (12, 14)]),  # a blank line ends no sentence
        ("Zorvex Inc.\nrose", 1, [(0, 16)]),  # the period of "Inc." is no sentence end
        ("In the U.S.\nrose", 1, [(0, 16)]),
        ("Ab cd\nEf.", 1, [(0, 9)]),  # no sentence end before the line break
        ("Ab cd.'\nEf.", 1, [(0, 8), (8, 11)]),  # a sentence end and a closing quote
        ("Ab “cd.”\nEf.", 1, [(0, 9), (9, 12)]),
        ("Ab cd'\nEf.", 1, [(0, 10)]),  # a quote without a sentence end before it
        ("", 1, [(0, 0)]),
    ],
)
def test_window_cuts(text: str, size: int, cuts: list[tuple[int, int]]) -> None:
    from newsdrop.text.entity_tokens import windows

    assert list(windows(text, size)) == cuts


def test_long_text_memory_is_bounded() -> None:
    """Tokens are held one window at a time: the peak does not grow with one object per token."""
    import tracemalloc

    paragraph = ("Officials from Norway met Anna Lindqvist in Oslo on Monday, and the talks went on "
                 "for hours before anyone spoke to reporters waiting outside in the cold. ")
    text = "\n".join(f"{paragraph * 3}Delegate Number{i} said so." for i in range(1000))  # ~0.5 MB
    sentences = split_sentences(text)
    extract_entities("Warm up in Oslo.", [])
    tracemalloc.start()
    try:
        found = extract_entities(text, sentences)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert {e.name for e in found} >= {"Norway", "Anna Lindqvist", "Oslo"}
    assert peak < len(text) * 4  # one object per token would take about 30 bytes per character


# --- runs of one mark: a few tokens whatever their length, the same entities as mark by mark -------------

_RUN_TEXTS = [
    "{run} Police said Maria Costa spoke in Lisbon.",  # a run at a line start: is "Police" sentence-initial
    "Talks opened in Geneva.{run} Anna Lindqvist said so.",  # a run of the sentence-end mark
    "The report{run}Pedro Alvarez, the Chilean ambassador, agreed.",  # a run just before a name
    "Anna Lindqvist{run} met Pedro Alvarez in Oslo.",  # just after a name
    "Shares of Boatmen{run}s Bancshares Inc rose.",  # apostrophes before a possessive "s"
]


@pytest.mark.parametrize("text", _RUN_TEXTS)
@pytest.mark.parametrize("mark", ['"', ".", "*", "-", "(", "’"])
@pytest.mark.parametrize("length", [40, 1_000, 100_000])
def test_runs_of_a_mark_give_the_same_entities(text: str, mark: str, length: int) -> None:
    def found(n: int) -> list[dict]:
        t = text.format(run=mark * n)
        return [e.model_dump() for e in extract_entities(t, split_sentences(t))]

    assert found(length) == found(30)  # a run of 30 is read mark by mark


@pytest.mark.parametrize("text", ['"' * 200_000, "." * 200_000, "Oslo " + "“" * 200_000 + " Oslo."])
def test_a_run_of_a_mark_is_a_few_tokens(text: str) -> None:
    from newsdrop.text.entity_tokens import RUN_EDGE, TextStats, tokenize

    window = tokenize(text, set(), TextStats(), ())
    assert len(window.words) <= 2 * RUN_EDGE + 5
    pieces = [text[window.offsets[i]:window.end(i)] for i in range(len(window.words))]
    assert "".join(pieces) == text.replace(" ", "")


# --- sentence starts: which words open a sentence, a line or a quotation -------------------------------


@pytest.mark.parametrize(
    ("text", "starts", "word", "initial"),
    [
        ("Officials met Putin today.", (), "Putin", False),
        ("Officials met. Putin left.", (), "Putin", True),  # after a sentence end
        ("Officials said “Putin left.”", (), "Putin", True),  # after an opening quote
        ("Officials met (Putin left).", (), "Putin", False),  # a bracket opens no sentence
        ("Officials met. (Putin left).", (), "Putin", True),  # ... but keeps one open
        ("Officials met, Putin left.", (), "Putin", False),
        ("Officials met\nPutin left.", (), "Putin", True),  # a line start
        ("-- Putin left.", (), "Putin", True),  # marks at a line start
        ("Officials met Putin today.", (14,), "Putin", True),  # a sentence start given by the splitter
        ("Officials said. ” Putin left.", (), "Putin", True),  # a closing quote keeps the sentence open
        ("Officials said 2 Putin left.", (), "Putin", False),  # a number closes it
        ("Officials met. " + "." * 50 + " Putin left.", (), "Putin", True),  # a run of marks reads as one
        ("Officials met " + "*" * 50 + " Putin left.", (), "Putin", False),
    ],
)
def test_initial_words(text: str, starts: tuple[int, ...], word: str, initial: bool) -> None:
    from newsdrop.text.entity_tokens import TextStats, tokenize

    window = tokenize(text, set(starts), TextStats(), ())
    assert window.initial(window.words.index(word)) is initial


@pytest.mark.parametrize(
    ("text", "words", "lowers", "caps"),
    [
        ("A Paris-based firm.", ["A", "Paris", "-based", "firm", "."],
         ["a", "paris", "-based", "firm", "."], []),
        ("Zorvex Inc. said", ["Zorvex", "Inc.", "said"], ["zorvex", "inc", "said"], []),
        ("PUTIN'S WAR", ["PUTIN", "'S", "WAR"], ["putin", "'S", "war"], [0, 1, 2]),  # a capital headline
        ("3M rose", ["3M", "rose"], ["3M", "rose"], []),  # not a word: kept as written
        ("iPhone 4WD 'S", ["iPhone", "4WD", "'S"], ["iphone", "4WD", "'S"], []),  # only words are lowered
        ("Acme Inc. rose.", ["Acme", "Inc.", "rose", "."], ["acme", "inc", "rose", "."], []),
        ("Acme rose. Oslo", ["Acme", "rose", ".", "Oslo"], ["acme", "rose", ".", "oslo"], []),  # "." alone
        # a run of periods (all its marks but the last, cut as ``RUN_EDGE`` marks at each end) ends no word
        ("e.g. Mr." + "." * 40, ["e.g.", "Mr.", *["."] * 16, "." * 7, *["."] * 17],
         ["e.g", "mr", *["."] * 16, "." * 7, *["."] * 17], []),
    ],
)
def test_tokens(text: str, words: list[str], lowers: list[str], caps: list[int]) -> None:
    from newsdrop.text.entity_tokens import TextStats, tokenize

    window = tokenize(text, set(), TextStats(), ())
    assert window.words == words
    assert window.lowers == lowers
    assert sorted(window.caps) == caps
    assert [window.text[window.offsets[i]:window.end(i)] for i in range(len(words))] == words


@pytest.mark.parametrize(
    ("text", "begin", "end"),
    [
        ("Oslo  \n\t met\u00a0Bergen .  ", 0, None),
        ("Oslo" + " " * 10_000, 0, None),  # a long trailing run of spaces: read once, not once per space
        ("   ", 0, None),
        ("Mr. Smith's U.S.-based firm e.g. ran", 0, None),
        ("a b   Oslo  c", 2, 9),  # a window ends inside white space
        ("x Oslo\u2003\u2003", 1, None),  # other white space
    ],
)
def test_tokens_are_those_of_the_token_pattern(text: str, begin: int, end: int | None) -> None:
    from newsdrop.text.entity_tokens import _TOKEN, TextStats, tokenize

    stop = len(text) if end is None else end
    window = tokenize(text, set(), TextStats(), (), begin, stop)
    expected = list(_TOKEN.finditer(text, begin, stop))
    assert window.words == [m[0] for m in expected]
    assert window.offsets == [m.start() for m in expected]


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        ("Officials met Putin today.", "Putin", "name"),
        ("Putin left early.", "Putin", "name"),  # sentence-initial, never written in lower case
        ("The talks ended.", "The", "drop"),  # a sentence-initial common word
        ("Reform stalled. Talks went on, reform failed.", "Reform", "drop"),  # written in lower case too
        ("Officials met in March.", "March", "drop"),  # a month
        ("Talks with the Minister ended.", "Minister", "role"),  # a title without a name
        ("Officials met the CEO today.", "CEO", "drop"),  # an acronym that is a common noun
        ("Officials met X today.", "X", "drop"),  # one letter
    ],
)
def test_one_word_spans(text: str, word: str, kind: str) -> None:
    from newsdrop.text import entities as module
    from newsdrop.text.entity_tokens import TextStats, tokenize

    stats = TextStats()
    window = tokenize(text, set(), stats, ())
    found = module._single(window, window.words.index(word), stats.lower_seen, module.load())
    assert found == {"drop": module._DROP, "role": module._ROLE, "name": module._NAME}[kind]


@pytest.mark.parametrize(
    ("words", "start", "end", "expected"),
    [
        (["West", "Indian"], 0, 1, True),  # the last word is checked by the caller
        (["South", "African", "Airways"], 0, 2, True),
        (["Cleveland", "Indians"], 0, 1, False),  # a town, not a compass word or demonym
        (["German", "Swiss", "Bank"], 0, 2, True),
        (["Indian"], 0, 0, True),  # nothing left to check
        (["Big", "German"], 0, 1, False),
    ],
)
def test_all_demonym_or_compass(words: list[str], start: int, end: int, expected: bool) -> None:
    from newsdrop.text.entities import _all_demonym_or_compass, load

    lowers = [w.lower() for w in words]
    assert _all_demonym_or_compass(lowers, start, end, load().demonyms) is expected
