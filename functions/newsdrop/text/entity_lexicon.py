"""Word lists and cue data of the entity recognizer (``entities.py``): type labels, vote weights,
titles and roles, organization and place suffixes, context words. Data only, no logic."""

from __future__ import annotations


def _words(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


PERSON, ORG, LOC, MISC = "PERSON", "ORGANIZATION", "LOCATION", "MISC"
TEAM = "TEAM"  # not a type: marks a place name used for a sports team somewhere in the article
STRONG, WEAK = 3, 1  # vote weights: decisive and supporting evidence

# Honorifics: evidence of a person, stripped from the name, not kept as roles.
HONORIFICS = _words("mr mrs ms miss messrs mme mlle dr sir dame herr monsieur madame")

# Titles and occupations written before a name or in apposition: a person follows.
ROLE_HEADS = _words(
    """
    president vice-president president-elect minister secretary secretary-general spokeswoman spokesman
    spokesperson chancellor senator sen gov governor governor-general ceo cfo coo chairman chairwoman
    chairperson director director-general leader king queen prince princess pope coach captain skipper
    manager striker midfielder defender goalkeeper keeper forward winger ambassador envoy judge mayor
    commissioner chief premier lawmaker congressman congresswoman rep representative attorney prosecutor
    lawyer analyst economist official diplomat negotiator head founder co-founder executive adviser
    advisor aide ayatollah sheikh emir sultan cardinal bishop archbishop rabbi imam colonel col lt gen
    general sergeant sgt capt cmdr admiral adm marshal professor prof speaker mp mep treasurer editor
    correspondent reporter columnist researcher scientist nominee candidate challenger teammate
    all-rounder batsman bowler spinner off-spinner leg-spinner opener pitcher quarterback champion
    titleholder driver rider cyclist boxer jockey trainer owner publisher producer director actor actress
    singer guitarist author writer novelist playwright poet artist dictator strongman chairman
    superintendent inspector detective officer constable deputy vice commander warlord rebel
    """
)
ABBREVIATED_TITLES = _words("sen gov gen col lt rep sgt capt adm prof cmdr pres supt insp")
# Family words: a person follows ("his wife Hillary"), but they are not titles.
KIN = _words("wife husband son daughter father mother brother sister widow uncle aunt cousin nephew niece")

REGNAL = frozenset("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split())  # "Elizabeth II"
# Government portfolios: "Foreign Ministry", "Interior Minister".
PORTFOLIOS = _words(
    """
    foreign interior defence defense finance economy trade justice health education energy agriculture
    environment culture transport home treasury
    """
)
# Capitalized words that name no person, place or organization.
MISC_WORDS = _words(
    """
    olympics olympic paralympics euro euros dollar internet bible koran quran christmas easter ramadan
    hanukkah diwali thanksgiving
    """
)
# Words that may stand in a role phrase before its head ("Russian Foreign Minister").
ROLE_MODIFIERS = _words(
    """
    foreign deputy vice former prime chief senior acting interim state defence defense finance interior
    economy economic trade justice health education energy agriculture environment culture transport
    labour labor home security national general executive assistant associate managing press presidential
    opposition party team club county top first head junior military police army government affairs
    public development industry information communications sports sport interior-ministry new outgoing
    incoming current then-president then of the federal regional provincial local
    """
)

# The last word of an organization name.
ORG_SUFFIXES = _words(
    """
    inc corp corporation co ltd llc plc ag gmbh sa nv bv spa group holdings holding party ministry bank
    banks university council association club fc united rovers wanderers athletic albion company
    companies agency authority commission committee board bureau department office institute institution
    foundation fund trust federation union league organisation organization alliance front movement army
    navy force forces police court parliament assembly senate congress cabinet government administration
    service services airlines airways motors systems technologies technology industries international
    news times post journal television tv radio network exchange church school college academy hospital
    centre center museum team brigade guard corps society studios records pictures media oil petroleum
    telecom communications securities capital partners investments insurance reserve tribunal chamber
    commission council secretariat mission brothers bros laboratories labs pharmaceuticals newsroom desk
    newsdesk daily power electric cables copper steel chemical chemicals foods mining energy bancorp
    bancshares financial resources medical healthcare electronics software enterprises trading shipping
    construction properties realty commodities textiles cement motor treasury treasuries
    """
)
# Legal-form suffixes: nothing else ends that way ("Acme Holdings Inc").
CORPORATE_SUFFIXES = _words(
    """
    inc corp corporation co ltd llc plc ag gmbh sa nv bv spa holdings bros group ab asa oy oyj kk bhd pty
    pte tbk sae srl se s.a n.v a.g b.v l.p s.p.a
    """
)
# The first word of "<X> of <Y>" organization names ("Bank of England", "University of Texas").
ORG_HEADS_OF = _words(
    """
    bank university ministry department council federation association church college institute court
    house chamber board office league union school academy commission organisation organization party
    society museum army bureau agency committee parliament assembly
    """
)
# The last word of a place name, and the first word of "<X> of <Y>" or "<X> <Y>" place names.
LOC_SUFFIXES = _words(
    """
    river sea ocean lake mountain mountains hills valley island islands isles peninsula bay gulf strait
    straits coast desert forest park street road avenue square bridge canal province region county city
    district territory village town heights canyon falls beach harbour harbor plain plateau basin delta
    stadium arena oval airport boulevard lane highway motorway
    """
)
LOC_HEADS = _words("mount lake cape fort port gulf bay isle sea strait republic kingdom state city province")

# Connectors allowed inside a name when a capitalized word follows.
CONNECTORS = _words("of de van von der den la le du da di del della dos das al bin ibn el y and & for on the")

# Capitalized words that are not names on their own (checked lower-cased).
STOPWORDS = _words(
    """
    a an the this that these those there here i he she it we you they his her its our your their my me him
    us them who whom whose which what when where why how if but and or nor so yet for of in on at by to from
    with without into onto over under after before since until while during about against between among
    through throughout despite although though because as than then also still even only just not no yes
    all any some many much more most few several each every both either neither other another such same
    one two three four five six seven eight nine ten first second third fourth fifth sixth seventh eighth
    ninth tenth last next new old however meanwhile
    moreover furthermore nevertheless instead indeed perhaps maybe already again always never often
    sometimes now today yesterday tomorrow tonight earlier later soon once twice mr mrs ms dr is are was were
    be been being has have had do does did will would shall should can could may might must let please
    thank thanks according asked said says told added so-called around across along behind beyond near
    within upon via per unlike like up down out off away back well very too quite rather almost nearly
    about above below under above is isn't don't can't won't it's that's there's here's what's let's
    mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday january february
    march april june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec pct percent am pm i'm i've i'd i'll we're we've they're you're he's she's
    """
)
MONTHS_AND_DAYS = _words(
    """
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
COMPASS = _words("north south east west northern southern eastern western central latin upper lower")
# Acronyms that are common nouns, not names.
COMMON_ACRONYMS = _words(
    """
    ceo cfo coo cto gdp tv pm am ok dna hiv aids covid fm mp mps vat ipo pc pr ai it ufo gmt est edt pst
    pdt cet utc bst usd eur gbp jpy id ii iii iv vi vii viii ix xi xii xx nb ps vs etc faq gps suv atm
    pin sms lcd led cd dvd cctv vip rip lol omg ad bc ce rpm mph kph km kg mw gw kw ppm cm mm ft lb rbi era
    """
)
# Verbs of saying after a single word: a person ("Psaki told").
SAY_VERBS = _words("said says told added asked replied wrote tweeted insisted warned stressed explained")
STOCK_WORDS = _words("shares stock stocks stake")
LOC_PREPOSITIONS = _words("in at near from to outside inside across toward towards via into")
POSSESSIVES = frozenset(("'s", "’s"))
NAME_PARTICLES = _words("van von de der den la le du da di del della dos das al bin ibn el")

# Words of sports reports; in such an article a town or region next to a score or a result verb is a team.
SPORTS_WORDS = _words(
    """
    beat beats drew draw lost won win defeated scored score goals goal innings wickets runs match matches
    league cup season striker midfielder goalkeeper coach halftime half-time penalty playoff playoffs
    championship tournament seed seeded round quarter-final semi-final final points standings innings
    batsman bowler pitcher inning homer touchdown race lap podium medal soccer football cricket tennis golf
    rugby hockey basketball baseball game games team teams division
    """
)
TEAM_VERBS = _words("beat beats drew draw lost defeated edged routed thrashed hammered crushed upset v vs at")
# The last word of an event's name: not a person, place or organization ("World Cup", "U.S. Open").
EVENT_SUFFIXES = _words(
    """
    cup open championship championships series games olympics olympiad classic trophy tournament prix
    award awards prize festival day week war treaty accord accords act bill plan index masters marathon tour
    rally grand slam derby bowl
    """
)
