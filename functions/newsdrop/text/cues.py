"""Word lists for quote attribution: cue verbs, pronouns, titles and gendered role words.

Data only; ``quotes.py`` holds the logic. Words are lower-case unless noted.
"""

from __future__ import annotations

# Verbs of saying, as lemmas. Regular forms (-s, -ed, -ing) are derived below.
_REGULAR_LEMMAS = """
add ask answer acknowledge admit announce argue assert assure boast brag caution chant claim comment complain
concede conclude confirm continue counter declare deadpan demand emphasize emphasise exclaim explain insist
joke lament maintain mock muse note observe plead pledge post predict proclaim promise quip recall recount
remark reply report respond retort scoff scold scream shout sigh snap state stress suggest testify tweet urge
vow warn whisper wonder yell concur contend charge allege estimate reason reassure recommend reiterate
""".split()

# Irregular or awkward forms, written out.
_IRREGULAR_FORMS = """
said says say saying told tells telling wrote writes writing written sang sings singing
""".split()

# Verbs that double their last consonant before -ed and -ing.
_DOUBLING = frozenset("snap quip admit chat".split())

# Forms that read as nouns too often to be cues on their own.
_AMBIGUOUS = frozenset("report reports post posts charge charges state states note notes".split())


def _inflect(lemma: str) -> set[str]:
    """Third person, past and -ing forms of a regular verb (good enough for this list)."""
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith("e"):
        return {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma in _DOUBLING:
        return {lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    suffix = "es" if lemma.endswith(("sh", "ch", "ss", "x")) else "s"
    return {lemma + suffix, lemma + "ed", lemma + "ing"}


CUE_VERBS: frozenset[str] = (
    frozenset({form for lemma in _REGULAR_LEMMAS for form in _inflect(lemma)} | set(_IRREGULAR_FORMS))
    - _AMBIGUOUS
)

# The core verbs of reported speech: a quoted term in their "that" clause is the speaker's word.
REPORTING = frozenset("said says say told tells added adds wrote writes".split())

# Verbs whose object is the listener ("told reporters"): never followed by the speaker.
LISTENER_VERBS = frozenset("told tells telling assured assures reassured reassures".split())

# Verb forms that need "on" to be a cue ("went on", "goes on").
PHRASAL_ON = frozenset("went goes going".split())

# Words that may sit between a speaker and the cue verb ("Smith later said", "she has told").
BETWEEN = frozenset(
    """also later then again once previously recently earlier further repeatedly publicly privately
    famously frequently often reportedly quickly simply has had have will would did does do is was
    already never even still just first last finally flatly bluntly angrily jokingly
    """.split()
)

PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
PRONOUNS = frozenset("he she they we i it you who which".split())

DETERMINERS = frozenset(
    "the a an his her their its our my your this that these those one another some".split()
)

# Capitalised titles that precede a name and are not part of it ("Sen. Bob Smith").
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sen senator rep representative gov governor gen general president
    vice chief secretary minister prime foreign defense defence state judge justice mayor sir lord lady
    speaker chairman chairwoman chair director commissioner ambassador attorney officer sheriff deputy pope
    king queen prince princess rev reverend father sister brother capt captain lt col sgt adm admiral
    former us u.s. acting press house white federal rabbi imam bishop cardinal councilman councilwoman
    congressman congresswoman dame st del delegate
    """.split()
)

FEMALE_ROLES = frozenset(
    """mrs ms miss madam madame lady dame queen princess duchess countess spokeswoman chairwoman
    congresswoman councilwoman businesswoman congresswomen sportswoman anchorwoman
    policewoman actress waitress hostess heiress empress widow wife mother daughter sister
    grandmother granddaughter aunt niece girlfriend girl woman
    stepmother mom mum bride nun
    """.split()
)

MALE_ROLES = frozenset(
    """mr sir lord king prince duke count earl spokesman chairman congressman councilman
    businessman sportsman anchorman policeman alderman husband father son brother grandfather grandson
    uncle nephew
    boyfriend boy man stepfather dad widower groom monk
    """.split()
)

# Lower-case heads of a noun phrase that name a person by role ("the spokeswoman said").
PERSON_ROLES = (
    FEMALE_ROLES
    | MALE_ROLES
    | frozenset(
        """spokesperson president secretary minister official officer director senator governor mayor
    leader chief adviser advisor aide candidate nominee lawmaker representative ambassador diplomat
    analyst economist professor expert pollster strategist manager executive founder lawyer attorney
    judge prosecutor commissioner chair head ceo deputy source
    """.split()
    )
)

# Name suffixes that are not surnames.
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
