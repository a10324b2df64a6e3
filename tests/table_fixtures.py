"""Savings tables as Danish municipalities publish them, with the answers beside them.

Each :class:`Fixture` is one published layout, written from how such tables are printed
(efficiency proposals with "1.000 kr., 2020 p/l" over the years and a saving printed as a
negative budget change; a committee's list grouped by area with "I alt" rows; "Sted |
Spareemne" lists with "Kr. 1000, 2015 p/l" over the years; proposal lists with a full-year
column and an extra cost among the savings; amounts written in words; a budget follow-up
that is not savings at all). The text is invented; the layouts are the real ones.

:mod:`tests.table_writers` prints every fixture as CSV, XLSX, a ruled PDF and an unruled
PDF; ``tests/test_table_layouts.py`` reads them back and compares with ``expected``, and
``bench/tables_accuracy.py`` prints rows fully right per fixture and format.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    """What one initiative must become (money in t.kr., a saving positive, a cost negative)."""

    title: str
    expected_tkr: float | None
    gains: dict[int, float] = field(default_factory=dict)
    sectors: tuple[str, ...] = ()  # printed names, as source_sector
    municipality: str | None = None
    adopted: bool | None = None
    number: str | None = None


@dataclass(frozen=True)
class Total:
    label: str
    year: int | None
    printed_tkr: float
    computed_tkr: float


@dataclass(frozen=True)
class Fixture:
    name: str
    file_stem: str
    caption: tuple[str, ...]  # lines above the table, top first
    header: tuple[tuple[str, ...], ...]  # header rows (a band row first when there is one)
    body: tuple[tuple[str, ...], ...]  # rows as printed: initiatives, headings, totals
    notes: tuple[str, ...] = ()  # lines below the table
    expected: tuple[Row, ...] = ()
    totals: tuple[Total, ...] = ()
    unit_text: str | None = None
    price_level: str | None = None
    sign: tuple[str, str] | None = None  # (convention, printed|inferred)
    warnings: frozenset[str] = frozenset()  # codes that must be among the warnings
    refused: str | None = None  # the error a non-savings table must give (a part of it)


def _t(*cells: str) -> tuple[str, ...]:
    return tuple(cells)


# 1. A capital's efficiency proposals: years under "1.000 kr. (2020 p/l)", a saving printed as
#    a negative change, a reinvestment positive, one "I alt" row. Nothing says what a minus
#    means: decided from the figures (inferred, warned).
KK = Fixture(
    name="effektivisering_kk",
    file_stem="bilag-3-effektiviseringsforslag",
    caption=("Københavns Kommune", "Bilag 3. Effektiviseringsforslag til Budget 2020"),
    header=(_t("", "", "", "1.000 kr. (2020 p/l)", "", "", ""),
            _t("Nr.", "Forslag", "Forvaltning", "2020", "2021", "2022", "2023")),
    body=(
        _t("1", "Digital postfordeling i borgerservice", "Økonomiforvaltningen", "-1.200", "-2.400", "-2.400",
           "-2.400"),
        _t("2", "Samling af lønadministration", "Økonomiforvaltningen", "-800", "-1.600", "-1.600", "-1.600"),
        _t("3", "Færre eksterne konsulenter", "Teknik- og Miljøforvaltningen", "-500", "-500", "-500", "-500"),
        _t("4", "Investering i ny sagsbehandlingsplatform", "Teknik- og Miljøforvaltningen", "2.000", "500", "-",
           "-"),
        _t("5", "Energioptimering af skolebygninger", "Børne- og Ungdomsforvaltningen", "-300", "-900", "-1.500",
           "-1.500"),
        _t("", "I alt", "", "-800", "-4.900", "-6.000", "-6.000"),
    ),
    expected=(
        Row("Digital postfordeling i borgerservice", 2400, {2020: 1200, 2021: 2400, 2022: 2400, 2023: 2400},
            ("Økonomiforvaltningen",), "København", number="1"),
        Row("Samling af lønadministration", 1600, {2020: 800, 2021: 1600, 2022: 1600, 2023: 1600},
            ("Økonomiforvaltningen",), "København", number="2"),
        Row("Færre eksterne konsulenter", 500, {2020: 500, 2021: 500, 2022: 500, 2023: 500},
            ("Teknik- og Miljøforvaltningen",), "København", number="3"),
        Row("Investering i ny sagsbehandlingsplatform", 0, {2020: -2000, 2021: -500},
            ("Teknik- og Miljøforvaltningen",), "København", number="4"),
        Row("Energioptimering af skolebygninger", 1500, {2020: 300, 2021: 900, 2022: 1500, 2023: 1500},
            ("Børne- og Ungdomsforvaltningen",), "København", number="5"),
    ),
    totals=(Total("I alt", 2020, 800, 800), Total("I alt", 2021, 4900, 4900), Total("I alt", 2022, 6000, 6000),
            Total("I alt", 2023, 6000, 6000)),
    unit_text="1.000 kr.", price_level="2020 p/l", sign=("saving_negative", "inferred"),
    warnings=frozenset({"sign_convention_inferred", "context_from_heading"}),
)

# 2. A committee's list: areas as group headings, "I alt <area>" subtotals and a grand total,
#    a legend under the unit line, a dash for a year without effect, one subtotal that does
#    not add up (printed 10 too much).
UDVALG = Fixture(
    name="udvalg_grupper",
    file_stem="spareforslag-bu",
    caption=("Faaborg-Midtfyn Kommune", "Spareforslag, Budget 2019-2022", "Børne- og Uddannelsesudvalget",
             "Beløb i 1.000 kr., 2019-priser. Minus = mindreudgift."),
    header=(_t("Nr.", "Spareforslag", "2019", "2020", "2021", "2022"),),
    body=(
        _t("", "Dagtilbud", "", "", "", ""),
        _t("1", "Sammenlægning af to børnehuse", "-", "-450", "-900", "-900"),
        _t("2", "Færre åbningstimer om fredagen", "-120", "-300", "-300", "-300"),
        _t("3", "Fælles indkøb af legetøj", "-50", "-50", "-50", "-50"),
        _t("", "I alt Dagtilbud", "-170", "-800", "-1.250", "-1.250"),
        _t("", "Skoler", "", "", "", ""),
        _t("4", "Større klasser i udskolingen", "-1.000", "-2.500", "-2.500", "-2.500"),
        _t("5", "Lukning af skolebiblioteket i weekenden", "-80", "-80", "-80", "-80"),
        _t("6", "Ændret befordring til specialklasser", "-200", "-400", "-400", "-400"),
        _t("", "I alt Skoler", "-1.280", "-2.980", "-2.990", "-2.980"),
        _t("", "I alt Børne- og Uddannelsesudvalget", "-1.450", "-3.780", "-4.230", "-4.230"),
    ),
    expected=(
        Row("Sammenlægning af to børnehuse", 900, {2020: 450, 2021: 900, 2022: 900}, ("Dagtilbud",),
            "Faaborg-Midtfyn", number="1"),
        Row("Færre åbningstimer om fredagen", 300, {2019: 120, 2020: 300, 2021: 300, 2022: 300}, ("Dagtilbud",),
            "Faaborg-Midtfyn", number="2"),
        Row("Fælles indkøb af legetøj", 50, {2019: 50, 2020: 50, 2021: 50, 2022: 50}, ("Dagtilbud",),
            "Faaborg-Midtfyn", number="3"),
        Row("Større klasser i udskolingen", 2500, {2019: 1000, 2020: 2500, 2021: 2500, 2022: 2500}, ("Skoler",),
            "Faaborg-Midtfyn", number="4"),
        Row("Lukning af skolebiblioteket i weekenden", 80, {2019: 80, 2020: 80, 2021: 80, 2022: 80}, ("Skoler",),
            "Faaborg-Midtfyn", number="5"),
        Row("Ændret befordring til specialklasser", 400, {2019: 200, 2020: 400, 2021: 400, 2022: 400},
            ("Skoler",), "Faaborg-Midtfyn", number="6"),
    ),
    totals=(Total("I alt Dagtilbud", 2019, 170, 170), Total("I alt Dagtilbud", 2020, 800, 800),
            Total("I alt Dagtilbud", 2021, 1250, 1250), Total("I alt Dagtilbud", 2022, 1250, 1250),
            Total("I alt Skoler", 2019, 1280, 1280), Total("I alt Skoler", 2020, 2980, 2980),
            Total("I alt Skoler", 2021, 2990, 2980), Total("I alt Skoler", 2022, 2980, 2980),
            Total("I alt Børne- og Uddannelsesudvalget", 2019, 1450, 1450),
            Total("I alt Børne- og Uddannelsesudvalget", 2020, 3780, 3780),
            Total("I alt Børne- og Uddannelsesudvalget", 2021, 4230, 4230),
            Total("I alt Børne- og Uddannelsesudvalget", 2022, 4230, 4230)),
    unit_text="1.000 kr.", price_level="2019-priser", sign=("saving_negative", "printed"),
    warnings=frozenset({"table_does_not_add_up", "context_from_heading"}),
)

# 3. "Sted | Spareemne | Beskrivelse" with "Kr. 1000, 2015 p/l" over the year columns, savings
#    printed positive and one extra cost negative, the decision in a note under the table.
STED = Fixture(
    name="sted_spareemne",
    file_stem="spareforslag-2015",
    caption=("Aarhus Kommune", "Spareforslag til budget 2015-2018"),
    header=(_t("", "", "", "Kr. 1000, 2015 p/l", "", "", ""),
            _t("Sted", "Spareemne", "Beskrivelse", "2015", "2016", "2017", "2018")),
    body=(
        _t("Sundhed og Omsorg", "Færre vikartimer", "Bedre planlægning af vagter reducerer brugen af vikarer.",
           "1.500", "3.000", "3.000", "3.000"),
        _t("Sundhed og Omsorg", "Digital træning", "Skærmbaseret genoptræning i eget hjem.", "500", "1.200",
           "2.000", "2.000"),
        _t("Børn og Unge", "Samdrift af klubber", "To klubber deler ledelse og lokaler.", "750", "750", "750", "750"),
        _t("Kultur og Borgerservice", "Kortere åbningstid", "Borgerservice holder lukket om lørdagen.", "300", "300",
           "300", "300"),
        _t("Teknik og Miljø", "Øget tilskud til vintervedligehold", "Tidligere udskudt vedligehold indhentes.",
           "-400", "-400", "-", "-"),
        _t("Teknik og Miljø", "Færre tømninger af skraldespande", "Tømning hver anden uge i parker.", "250", "250",
           "250", "250"),
    ),
    notes=("Vedtaget af Byrådet den 8. oktober 2014.",),
    expected=(
        Row("Færre vikartimer", 3000, {2015: 1500, 2016: 3000, 2017: 3000, 2018: 3000}, ("Sundhed og Omsorg",),
            "Aarhus", True),
        Row("Digital træning", 2000, {2015: 500, 2016: 1200, 2017: 2000, 2018: 2000}, ("Sundhed og Omsorg",),
            "Aarhus", True),
        Row("Samdrift af klubber", 750, {2015: 750, 2016: 750, 2017: 750, 2018: 750}, ("Børn og Unge",), "Aarhus",
            True),
        Row("Kortere åbningstid", 300, {2015: 300, 2016: 300, 2017: 300, 2018: 300}, ("Kultur og Borgerservice",),
            "Aarhus", True),
        Row("Øget tilskud til vintervedligehold", 0, {2015: -400, 2016: -400}, ("Teknik og Miljø",), "Aarhus", True),
        Row("Færre tømninger af skraldespande", 250, {2015: 250, 2016: 250, 2017: 250, 2018: 250},
            ("Teknik og Miljø",), "Aarhus", True),
    ),
    unit_text="Kr. 1000", price_level="2015 p/l", sign=("saving_positive", "inferred"),
    warnings=frozenset({"sign_convention_inferred", "context_from_heading"}),
)

# 4. Proposals named as gains ("Provenu 2021" …), an explicit full-year column that differs
#    from the last year, an extra cost in the same column, adopted per row, unit "(t.kr.)".
PROVENU = Fixture(
    name="provenu_helaarseffekt",
    file_stem="effektiviseringsforslag-2021",
    caption=("Holbæk Kommune", "Effektiviseringsforslag – Budget 2021-2024 (t.kr.)"),
    header=(_t("Løbenr.", "Emne", "Område", "Provenu 2021", "Provenu 2022", "Provenu 2023", "Provenu 2024",
               "Helårseffekt", "Vedtaget"),),
    body=(
        _t("E-01", "Automatisk fakturahåndtering", "Administration", "200", "400", "600", "600", "600", "Ja"),
        _t("E-02", "Fælles vagtcentral for plejecentre", "Ældre og sundhed", "0", "350", "700", "1.050", "1.400",
           "Ja"),
        _t("E-03", "Ekstra udgift til licenser", "Administration", "-150", "-150", "-150", "-150", "-150", "Ja"),
        _t("E-04", "Mindre rengøring af kontorer", "Teknik og miljø", "300", "300", "300", "300", "300", "Nej"),
    ),
    expected=(
        Row("Automatisk fakturahåndtering", 600, {2021: 200, 2022: 400, 2023: 600, 2024: 600}, ("Administration",),
            "Holbæk", True, "E-01"),
        Row("Fælles vagtcentral for plejecentre", 1400, {2021: 0, 2022: 350, 2023: 700, 2024: 1050},
            ("Ældre og sundhed",), "Holbæk", True, "E-02"),
        Row("Ekstra udgift til licenser", -150, {2021: -150, 2022: -150, 2023: -150, 2024: -150},
            ("Administration",), "Holbæk", True, "E-03"),
        Row("Mindre rengøring af kontorer", 300, {2021: 300, 2022: 300, 2023: 300, 2024: 300}, ("Teknik og miljø",),
            "Holbæk", False, "E-04"),
    ),
    unit_text="t.kr.", price_level=None, sign=("saving_positive", "printed"),
    warnings=frozenset({"context_from_heading"}),
)

# 5. No title column: "Beskrivelse" gives the title (its first clause); amounts in kroner and
#    in words; "se bilag"; the whole list rejected in a line under it; municipality and
#    committee above.
ORD = Fixture(
    name="beskrivelse_beloeb_i_ord",
    file_stem="reduktionsforslag",
    caption=("Odsherred Kommune", "Reduktionsforslag – Teknik- og Miljøudvalget"),
    header=(_t("Nr.", "Beskrivelse", "Besparelse (kr.)"),),
    body=(
        _t("1", "Nedlæggelse af en bybusrute. Ruten har under 20 påstigere om dagen.", "450.000"),
        _t("2", "Færre slåninger af rabatter: kun to gange om året.", "500.000 kr. per år"),
        _t("3", "Lukning af genbrugspladsen om mandagen", "ca. 300.000 kr. årligt"),
        _t("4", "Salg af kommunale grunde. Provenuet afhænger af markedet.", "se bilag"),
        _t("5", "Slukning af vejbelysning om natten på landet", "0,5 mio."),
    ),
    notes=("Udvalget forkastede alle forslag på mødet den 12. juni.",),
    expected=(
        Row("Nedlæggelse af en bybusrute", 450, {}, ("Teknik- og Miljøudvalget",), "Odsherred", False, "1"),
        Row("Færre slåninger af rabatter", 500, {}, ("Teknik- og Miljøudvalget",), "Odsherred", False, "2"),
        Row("Lukning af genbrugspladsen om mandagen", 300, {}, ("Teknik- og Miljøudvalget",), "Odsherred", False,
            "3"),
        Row("Salg af kommunale grunde", None, {}, ("Teknik- og Miljøudvalget",), "Odsherred", False, "4"),
        Row("Slukning af vejbelysning om natten på landet", 500, {}, ("Teknik- og Miljøudvalget",), "Odsherred",
            False, "5"),
    ),
    unit_text="kr.", sign=("saving_positive", "printed"),
    warnings=frozenset({"title_from_description", "amount_unreadable", "context_from_heading"}),
)

# 6. A budget table in millions: "B2020 | BO2021 | …", areas printed as headings with their
#    sum, a "Samlet besparelse" total printed negative (so a minus is a saving), the unit in
#    the caption, the municipality only in the file name.
MIO = Fixture(
    name="budgetaendring_mio",
    file_stem="slagelse_budget2020_reduktionsforslag",
    caption=("Reduktionsforslag, budget 2020 (mio. kr.)",),
    header=(_t("Forslag", "B2020", "BO2021", "BO2022", "BO2023"),),
    body=(
        _t("Ældreområdet", "-1,5", "-2,7", "-3,0", "-3,0"),
        _t("Omlagt nattevagt", "-1,0", "-1,5", "-1,5", "-1,5"),
        _t("Færre hjælpemidler på lager", "-0,5", "-1,2", "-1,5", "-1,5"),
        _t("Dagtilbud", "-0,8", "-0,8", "-0,8", "-0,8"),
        _t("Fælles køkken i to institutioner", "-0,3", "-0,3", "-0,3", "-0,3"),
        _t("Færre pædagogiske konsulenter", "-0,5", "-0,5", "-0,5", "-0,5"),
        _t("Samlet besparelse", "-2,3", "-3,5", "-3,8", "-3,8"),
    ),
    expected=(
        Row("Omlagt nattevagt", 1500, {2020: 1000, 2021: 1500, 2022: 1500, 2023: 1500}, ("Ældreområdet",),
            "Slagelse"),
        Row("Færre hjælpemidler på lager", 1500, {2020: 500, 2021: 1200, 2022: 1500, 2023: 1500}, ("Ældreområdet",),
            "Slagelse"),
        Row("Fælles køkken i to institutioner", 300, {2020: 300, 2021: 300, 2022: 300, 2023: 300}, ("Dagtilbud",),
            "Slagelse"),
        Row("Færre pædagogiske konsulenter", 500, {2020: 500, 2021: 500, 2022: 500, 2023: 500}, ("Dagtilbud",),
            "Slagelse"),
    ),
    totals=(Total("Ældreområdet", 2020, 1500, 1500), Total("Ældreområdet", 2021, 2700, 2700),
            Total("Ældreområdet", 2022, 3000, 3000), Total("Ældreområdet", 2023, 3000, 3000),
            Total("Dagtilbud", 2020, 800, 800), Total("Dagtilbud", 2021, 800, 800),
            Total("Dagtilbud", 2022, 800, 800), Total("Dagtilbud", 2023, 800, 800),
            Total("Samlet besparelse", 2020, 2300, 2300), Total("Samlet besparelse", 2021, 3500, 3500),
            Total("Samlet besparelse", 2022, 3800, 3800), Total("Samlet besparelse", 2023, 3800, 3800)),
    unit_text="mio. kr.", sign=("saving_negative", "printed"),
    warnings=frozenset({"context_from_heading"}),
)

# 7. Years relative to the budget year ("Budgetår", "1. overslagsår" …), placed by "Budget 2022".
RELATIVE = Fixture(
    name="overslagsaar",
    file_stem="budgetforslag-soroe",
    caption=("Sorø Kommune", "Budget 2022 – forslag til besparelser", "Beløb i 1.000 kr."),
    header=(_t("Tiltag", "Budgetår", "1. overslagsår", "2. overslagsår", "3. overslagsår"),),
    body=(
        _t("Ny struktur for hjemmeplejens ruter", "400", "800", "800", "800"),
        _t("Færre kørselsgodtgørelser", "120", "120", "120", "120"),
        _t("Sammenlægning af to sekretariater", "250", "500", "500", "500"),
    ),
    expected=(
        Row("Ny struktur for hjemmeplejens ruter", 800, {2022: 400, 2023: 800, 2024: 800, 2025: 800}, (), "Sorø"),
        Row("Færre kørselsgodtgørelser", 120, {2022: 120, 2023: 120, 2024: 120, 2025: 120}, (), "Sorø"),
        Row("Sammenlægning af to sekretariater", 500, {2022: 250, 2023: 500, 2024: 500, 2025: 500}, (), "Sorø"),
    ),
    unit_text="1.000 kr.", sign=None,
    warnings=frozenset({"relative_year_anchored", "context_from_heading"}),
)

# 8. Parentheses whose meaning a line states: the main figure is the full-year effect, the one
#    in parentheses the first year's.
PAREN = Fixture(
    name="parenteser",
    file_stem="spareforslag-kolding",
    caption=("Kolding Kommune", "Spareforslag i mio. kr. Helårseffekt; i parentes står beløbet for 2020."),
    header=(_t("Forslag", "Område", "Besparelse"),),
    body=(
        _t("Omlægning af madservice", "Ældre", "2,2 mio. kr. (1,1 mio. kr.)"),
        _t("Færre timer til administration på skolerne", "Skole", "1,0 mio. kr. (0,4 mio. kr.)"),
        _t("Samlet indkøb af it-udstyr", "Administration", "0,8 mio. kr. (0,8 mio. kr.)"),
    ),
    expected=(
        Row("Omlægning af madservice", 2200, {2020: 1100}, ("Ældre",), "Kolding"),
        Row("Færre timer til administration på skolerne", 1000, {2020: 400}, ("Skole",), "Kolding"),
        Row("Samlet indkøb af it-udstyr", 800, {2020: 800}, ("Administration",), "Kolding"),
    ),
    unit_text="mio. kr.", sign=("saving_positive", "printed"),
)

# 9. Not savings: a budget follow-up's income statement. Refused, nothing loaded.
RESULTAT = Fixture(
    name="resultatopgoerelse",
    file_stem="budgetopfoelgning-3",
    caption=("Budgetopfølgning 3 pr. 31. oktober",),
    header=(_t("Resultatopgørelse (mio. kr.)", "Oprindeligt budget 2025", "Korrigeret budget 2025",
               "Forventet regnskab 2025", "Afvigelse"),),
    body=(
        _t("Skatter", "-2.093,8", "-2.093,8", "-2.091,7", "2,1"),
        _t("Generelle tilskud", "-988,8", "-974,2", "-980,9", "-6,7"),
        _t("Driftsudgifter i alt", "2.946,6", "2.983,3", "2.975,3", "-8,0"),
        _t("Resultat af ordinær driftsvirksomhed", "-128,8", "-77,5", "-99,0", "-21,6"),
    ),
    refused="not a savings table: it looks like",
)

# 10. Not savings either: a committee's account by area ("Regnskab 2018 | Budget 2019").
REGNSKAB = Fixture(
    name="regnskab_udvalg",
    file_stem="regnskab-2018",
    caption=("Regnskab 2018 – Social- og Sundhedsudvalget", "Beløb i 1.000 kr."),
    header=(_t("Tekst", "Regnskab 2018", "Budget 2019", "Afvigelse"),),
    body=(
        _t("Hjemmepleje", "312.400", "305.000", "7.400"),
        _t("Plejecentre", "512.100", "520.000", "-7.900"),
        _t("I alt", "824.500", "825.000", "-500"),
    ),
    refused="not a savings table: it looks like",
)


# 12. Not savings: a plain budget by line ("Tekst | Budget 2020 | …") under "Driftsbudget". Its
#     header alone could be a savings list's; the caption says it is not.
DRIFT = Fixture(
    name="driftsbudget",
    file_stem="driftsbudget-2020",
    caption=("Driftsbudget 2020-2022 – Kultur- og Fritidsudvalget", "Beløb i 1.000 kr."),
    header=(_t("Tekst", "Budget 2020", "Budget 2021", "Budget 2022"),),
    body=(
        _t("Biblioteker", "42.100", "42.300", "42.300"),
        _t("Idrætsanlæg", "18.750", "18.900", "19.100"),
        _t("Tilskud til foreninger", "6.200", "6.200", "6.200"),
    ),
    refused="not a savings table: it looks like a budget overview",
)

# 13. Committee per row ("Udvalg"), number codes ("BU-1"), a remark column the parser does not
#     map, the legend inside the unit line, an investment year before the savings.
UDVALG_KOLONNE = Fixture(
    name="udvalg_kolonne",
    file_stem="reduktionsforslag-budget-2021",
    caption=("Horsens Kommune", "Budget 2021 – oversigt over reduktionsforslag", "Beløb i 1.000 kr. (- = besparelse)"),
    header=(_t("Udvalg", "Nr.", "Forslagets titel", "2021", "2022", "2023", "2024", "Bemærkning"),),
    body=(
        _t("Børne- og Uddannelsesudvalget", "BU-1", "Reduceret åbningstid i dagtilbud", "-1.200", "-2.400", "-2.400",
           "-2.400", ""),
        _t("Børne- og Uddannelsesudvalget", "BU-2", "Ændret tildeling til skoler", "-3.000", "-3.000", "-3.000",
           "-3.000", "Kræver høring"),
        _t("Velfærds- og Sundhedsudvalget", "VS-1", "Ny rehabiliteringsindsats", "500", "-800", "-1.500", "-1.500",
           "Investering i 2021"),
        _t("I alt", "", "", "-3.700", "-6.200", "-6.900", "-6.900", ""),
    ),
    expected=(
        Row("Reduceret åbningstid i dagtilbud", 2400, {2021: 1200, 2022: 2400, 2023: 2400, 2024: 2400},
            ("Børne- og Uddannelsesudvalget",), "Horsens", number="BU-1"),
        Row("Ændret tildeling til skoler", 3000, {2021: 3000, 2022: 3000, 2023: 3000, 2024: 3000},
            ("Børne- og Uddannelsesudvalget",), "Horsens", number="BU-2"),
        Row("Ny rehabiliteringsindsats", 1500, {2021: -500, 2022: 800, 2023: 1500, 2024: 1500},
            ("Velfærds- og Sundhedsudvalget",), "Horsens", number="VS-1"),
    ),
    totals=tuple(Total("I alt", y, v, v) for y, v in ((2021, 3700), (2022, 6200), (2023, 6900), (2024, 6900))),
    unit_text="1.000 kr.", sign=("saving_negative", "printed"), warnings=frozenset({"context_from_heading"}),
)

# 14. A catalogue in capitals: the titles stand under "Effektivisering" (a word that usually
#     heads amounts: the cells say they are titles), area headings in the number column.
VERSALER = Fixture(
    name="versaler_katalog",
    file_stem="effektiviseringskatalog-2020",
    caption=("LOLLAND KOMMUNE", "EFFEKTIVISERINGSKATALOG 2020", "Mio. kr."),
    header=(_t("Nr", "Effektivisering", "2020", "2021", "2022", "2023"),),
    body=(
        _t("ADMINISTRATION", "", "", "", "", ""),
        _t("1", "Digital post til alle virksomheder", "0,5", "1,0", "1,0", "1,0"),
        _t("2", "Færre licenser til kontorprogrammer", "0,2", "0,2", "0,2", "0,2"),
        _t("ÆLDRE", "", "", "", "", ""),
        _t("3", "Nye kørselsruter i hjemmeplejen", "1,5", "3,0", "3,0", "3,0"),
        _t("Total", "", "2,2", "4,2", "4,2", "4,2"),
    ),
    expected=(
        Row("Digital post til alle virksomheder", 1000, {2020: 500, 2021: 1000, 2022: 1000, 2023: 1000},
            ("ADMINISTRATION",), "Lolland", number="1"),
        Row("Færre licenser til kontorprogrammer", 200, {2020: 200, 2021: 200, 2022: 200, 2023: 200},
            ("ADMINISTRATION",), "Lolland", number="2"),
        Row("Nye kørselsruter i hjemmeplejen", 3000, {2020: 1500, 2021: 3000, 2022: 3000, 2023: 3000}, ("ÆLDRE",),
            "Lolland", number="3"),
    ),
    totals=tuple(Total("Total", y, v, v) for y, v in ((2020, 2200), (2021, 4200), (2022, 4200), (2023, 4200))),
    unit_text="Mio. kr.", sign=None, warnings=frozenset({"context_from_heading"}),
)


def _nested() -> Fixture:
    """11. A municipality's whole savings catalogue over several pages: committees as headings,
    areas nested under them, items numbered "1.1", a subtotal per area and a total per
    committee, a grand total; "Besparelse" in every column yet every figure negative (so a
    minus is the saving: inferred, warned); one proposal whose amount is "se bilag"."""
    plan = [("Børne- og Ungdomsudvalget", [("Dagtilbud", 6), ("Skoler", 7)]),
            ("Social- og Sundhedsudvalget", [("Hjemmepleje", 6), ("Plejecentre", 5)]),
            ("Teknik- og Miljøudvalget", [("Veje og grønne områder", 6)])]
    body: list[tuple[str, ...]] = []
    expected: list[Row] = []
    totals: list[Total] = []
    grand = [0, 0, 0]
    for c, (committee, areas) in enumerate(plan, start=1):
        body.append(_t("", committee, "", "", ""))
        csum = [0, 0, 0]
        for a, (area, n) in enumerate(areas, start=1):
            body.append(_t("", area, "", "", ""))
            asum = [0, 0, 0]
            for i in range(1, n + 1):
                number = f"{c}.{a}.{i}"
                title = f"{area}: forslag {i} om færre udgifter"
                if (c, a, i) == (2, 1, 3):
                    body.append(_t(number, title, "se bilag", "se bilag", "se bilag"))
                    expected.append(Row(title, None, {}, (committee, area), "Vejle", number=number))
                    continue
                values = [50 * i + 10 * a, 100 * i + 10 * a, 100 * i + 10 * a + 25 * c]
                body.append(_t(number, title, *(f"-{_dk(v)}" for v in values)))
                expected.append(Row(title, values[-1], dict(zip(YEARS, values)), (committee, area), "Vejle",
                                    number=number))
                asum = [x + v for x, v in zip(asum, values)]
            body.append(_t("", f"Subtotal {area}", *(f"-{_dk(v)}" for v in asum)))
            totals += [Total(f"Subtotal {area}", y, v, v) for y, v in zip(YEARS, asum)]
            csum = [x + v for x, v in zip(csum, asum)]
        body.append(_t("", f"Total {committee}", *(f"-{_dk(v)}" for v in csum)))
        totals += [Total(f"Total {committee}", y, v, v) for y, v in zip(YEARS, csum)]
        grand = [x + v for x, v in zip(grand, csum)]
    body.append(_t("", "Total", *(f"-{_dk(v)}" for v in grand)))
    totals += [Total("Total", y, v, v) for y, v in zip(YEARS, grand)]
    return Fixture(
        name="katalog_flere_sider", file_stem="sparekatalog",
        caption=("Vejle Kommune", "Sparekatalog – budget 2024-2026", "Beløb i 1.000 kr."),
        header=(_t("Nr.", "Forslag", "Besparelse 2024", "Besparelse 2025", "Besparelse 2026"),),
        body=tuple(body), expected=tuple(expected), totals=tuple(totals), unit_text="1.000 kr.",
        sign=("saving_negative", "inferred"),
        warnings=frozenset({"sign_convention_inferred", "context_from_heading", "amount_unreadable"}))


YEARS = (2024, 2025, 2026)


def _dk(v: int) -> str:
    return f"{v:,}".replace(",", ".")


NESTED = _nested()
FIXTURES: tuple[Fixture, ...] = (KK, UDVALG, STED, PROVENU, ORD, MIO, RELATIVE, PAREN, NESTED, UDVALG_KOLONNE,
                                  VERSALER, RESULTAT, REGNSKAB, DRIFT)
SAVINGS = tuple(f for f in FIXTURES if f.refused is None)
