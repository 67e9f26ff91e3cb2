"""Default themes of a human-rights review of a coalition agreement, with the words and treaties that indicate them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ThemeProfile:
    """A default theme: its titles, and what in a passage points to it.

    ``keywords_nl``/``keywords_en`` follow the catalogue's matching rules (short words whole, 5-7 characters at a
    word start, 8+ anywhere in a compound). ``instruments`` and ``articles`` link treaty suggestions to the theme.
    """

    title_nl: str
    title_en: str
    keywords_nl: tuple[str, ...]
    keywords_en: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()

    def title(self, lang: str = "nl") -> str:
        """The title in ``lang``."""
        return self.title_nl if lang == "nl" else self.title_en


# Ordered as the sections of a typical response letter: asylum first, the Kingdom and foreign policy last.
THEME_PROFILES: tuple[ThemeProfile, ...] = (
    ThemeProfile(
        "Asiel en migratie", "Asylum and migration",
        keywords_nl=("asiel", "asielzoeker", "vluchteling", "migratie", "migrant", "vreemdeling", "opvang", "azc",
                     "coa", "ind", "terugkeer", "uitzetting", "uitgeprocedeerd", "ongedocumenteerd", "statushouder",
                     "verblijfsvergunning", "nareis", "gezinshereniging", "grensprocedure", "vreemdelingenbewaring",
                     "vreemdelingendetentie", "lvv", "amv", "unhcr", "migratiepact", "inburgering", "staatloosheid",
                     "staatlozen"),
        keywords_en=("asylum", "refugee", "migration", "migrant", "reception", "deportation", "return",
                     "family reunification", "immigration detention", "unhcr"),
        instruments=("refugee_convention", "eu_apd_2013", "eu_apr_2024", "eu_ammr_2024", "eu_pact_other_2024",
                     "eu_rcd", "eu_return_directive", "eu_family_reunification"),
        articles=("echr:P4-4", "echr:P7-1", "eu_charter:18", "eu_charter:19", "crc:10", "crc:22", "udhr:14",
                  "iccpr:13", "cat:3", "esc:13"),
    ),
    ThemeProfile(
        "Democratische rechtsstaat", "Democratic rule of law",
        keywords_nl=("rechtsstaat", "rechtspraak", "rechter", "rechterlijke", "rechtsbescherming", "rechtsbijstand",
                     "toegang tot het recht", "grondwet", "constitutionele toetsing", "constitutioneel hof",
                     "democratie", "parlement", "tweede kamer", "raad van state", "ombudsman", "toeslagenaffaire",
                     "uitvoeringsorganisaties", "openbaar ministerie", "strafvordering", "wetgevingskwaliteit",
                     "integriteit", "transparantie", "openbaarheid", "kiesrecht", "verkiezingen"),
        keywords_en=("rule of law", "judiciary", "court", "access to justice", "legal aid", "constitution",
                     "democracy", "parliament", "elections"),
        articles=("echr:6", "echr:7", "echr:13", "echr:P1-3", "iccpr:14", "eu_charter:47",
                  "grondwet:algemene-bepaling", "grondwet:17", "grondwet:18", "grondwet:93", "grondwet:94",
                  "grondwet:120"),
    ),
    ThemeProfile(
        "Gelijke behandeling en discriminatie", "Equal treatment and discrimination",
        keywords_nl=("discriminatie", "gelijke behandeling", "ongelijke behandeling", "racisme", "etnisch profileren",
                     "antisemitisme", "moslimhaat", "homohaat", "lhbti", "emancipatie", "kansengelijkheid",
                     "gelijke kansen", "seksuele gerichtheid", "seksuele geaardheid", "afkomst", "huidskleur",
                     "gendergelijkheid", "loonkloof", "beperking", "handicap", "toegankelijkheid", "slavernijverleden"),
        keywords_en=("discrimination", "equal treatment", "racism", "ethnic profiling", "equality", "disability",
                     "gender equality"),
        instruments=("icerd", "cedaw", "crpd"),
        articles=("echr:14", "echr:P12-1", "iccpr:2", "iccpr:26", "icescr:2(2)", "crc:2", "eu_charter:20",
                  "eu_charter:21", "grondwet:1", "udhr:1", "udhr:2", "refugee_convention:3"),
    ),
    ThemeProfile(
        "Privacy en surveillance", "Privacy and surveillance",
        keywords_nl=("privacy", "persoonsgegevens", "gegevensbescherming", "gegevensuitwisseling", "avg",
                     "surveillance", "cameratoezicht", "camerabewaking", "gezichtsherkenning", "inlichtingendiensten",
                     "aivd", "mivd", "algoritme", "algoritmes", "profilering", "risicoprofiel", "datagebruik",
                     "biometrie", "persoonlijke levenssfeer", "telecommunicatiegeheim"),
        keywords_en=("privacy", "personal data", "data protection", "surveillance", "algorithm", "profiling",
                     "intelligence services", "facial recognition"),
        articles=("echr:8", "iccpr:17", "eu_charter:7", "eu_charter:8", "grondwet:10", "grondwet:12",
                  "grondwet:13"),
    ),
    ThemeProfile(
        "Vrijheid van meningsuiting, vergadering en godsdienst", "Freedom of expression, assembly and religion",
        keywords_nl=("meningsuiting", "persvrijheid", "journalist", "desinformatie", "censuur", "demonstratie",
                     "demonstratierecht", "betoging", "protest", "godsdienst", "godsdienstvrijheid", "religie",
                     "levensovertuiging", "academische vrijheid", "maatschappelijke organisaties",
                     "verenigingsvrijheid"),
        keywords_en=("freedom of expression", "press freedom", "journalists", "protest", "assembly",
                     "freedom of religion", "civil society"),
        articles=("echr:9", "echr:10", "echr:11", "iccpr:18", "iccpr:19", "iccpr:21", "iccpr:22", "eu_charter:10",
                  "eu_charter:11", "eu_charter:12", "grondwet:6", "grondwet:7", "grondwet:8", "grondwet:9",
                  "udhr:19", "udhr:20"),
    ),
    ThemeProfile(
        "Politie, strafrecht en detentie", "Policing, criminal justice and detention",
        keywords_nl=("politie", "politiegeweld", "strafrecht", "straffen", "gevangenis", "gevangeniswezen",
                     "detentie", "vrijheidsbeneming", "hechtenis", "ondermijning", "terrorisme", "opsporing",
                     "geweld", "foltering", "marteling", "isoleercel", "jeugdstrafrecht", "mensenhandel"),
        keywords_en=("police", "criminal justice", "prison", "detention", "torture", "ill-treatment",
                     "human trafficking"),
        instruments=("cat",),
        articles=("echr:2", "echr:3", "echr:4", "echr:5", "iccpr:7", "iccpr:9", "iccpr:10", "crc:37", "crc:40",
                  "eu_charter:4", "eu_charter:6", "grondwet:11", "grondwet:15", "udhr:5", "udhr:9"),
    ),
    ThemeProfile(
        "Sociale rechten", "Social rights",
        keywords_nl=("bestaanszekerheid", "armoede", "schulden", "bijstand", "uitkering", "toeslagen",
                     "minimumloon", "sociale zekerheid", "huisvesting", "woningnood", "woningbouw", "dakloos",
                     "betaalbare woningen", "gezondheidszorg", "zorg", "ggz", "onderwijs", "arbeidsmarkt",
                     "werkgelegenheid", "pensioen", "voedselbank", "energiearmoede"),
        keywords_en=("social security", "poverty", "housing", "homelessness", "health care", "education",
                     "standard of living", "labour market"),
        instruments=("icescr", "esc"),
        articles=("echr:P1-2", "crc:24", "crc:27", "crc:28", "crpd:19", "crpd:24", "crpd:28", "grondwet:19",
                  "grondwet:20", "grondwet:22", "grondwet:23", "udhr:25"),
    ),
    ThemeProfile(
        "Kinderrechten", "Children's rights",
        keywords_nl=("kinderen", "kind", "minderjarigen", "minderjarige", "jeugd", "jeugdzorg", "jongeren",
                     "kinderrechten", "kinderarmoede", "kinderopvang", "uithuisplaatsing", "leerplicht",
                     "belang van het kind"),
        keywords_en=("children", "child", "minors", "youth", "best interests of the child"),
        instruments=("crc",),
        articles=("eu_charter:24", "eu_return_directive:17", "eu_rcd:23", "eu_apd_2013:25"),
    ),
    ThemeProfile(
        "Klimaat en mensenrechten", "Climate and human rights",
        keywords_nl=("klimaat", "klimaatverandering", "klimaatbeleid", "klimaatdoelen", "klimaatakkoord",
                     "stikstof", "uitstoot", "co2", "broeikasgas", "fossiel", "fossiele", "energietransitie",
                     "milieu", "luchtkwaliteit", "leefomgeving", "biodiversiteit",
                     "klimaatrechtvaardigheid"),
        keywords_en=("climate", "climate change", "emissions", "fossil", "environment"),
        articles=("echr:2", "echr:8"),
    ),
    ThemeProfile(
        "Koninkrijk en buitenlands beleid", "Kingdom and foreign policy",
        keywords_nl=("koninkrijk", "caribisch", "aruba", "curaçao", "sint maarten", "bonaire", "sint eustatius",
                     "saba", "buitenlands beleid", "mensenrechtenbeleid", "ontwikkelingssamenwerking",
                     "internationale rechtsorde", "strafhof", "defensie", "wapenexport", "sancties",
                     "handelsbeleid", "verenigde naties", "navo", "europese unie", "oekraïne", "humanitaire"),
        keywords_en=("kingdom", "caribbean", "foreign policy", "development cooperation", "international legal order",
                     "arms export", "sanctions", "united nations", "humanitarian"),
        instruments=("rome_statute", "un_charter"),
        articles=("grondwet:90",),
    ),
)

DEFAULT_THEMES_NL: tuple[str, ...] = tuple(profile.title_nl for profile in THEME_PROFILES)
DEFAULT_THEMES_EN: tuple[str, ...] = tuple(profile.title_en for profile in THEME_PROFILES)


def default_themes(lang: str = "nl") -> tuple[str, ...]:
    """The default theme titles in ``lang`` ('nl' or 'en'), in letter order."""
    return DEFAULT_THEMES_NL if lang == "nl" else DEFAULT_THEMES_EN


def profile_for(title: str) -> ThemeProfile | None:
    """The default theme with this Dutch or English title (case and spacing ignored), or None for a custom theme."""
    key = " ".join(title.casefold().split())
    for profile in THEME_PROFILES:
        if key in (profile.title_nl.casefold(), profile.title_en.casefold()):
            return profile
    return None


def translate_theme(title: str, lang: str) -> str:
    """A default theme's title in ``lang``; custom titles come back unchanged."""
    profile = profile_for(title)
    return profile.title(lang) if profile else title
