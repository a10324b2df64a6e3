"""Every UI string and number format, Danish first, English second.

Keeping the strings in one table means a page cannot forget a translation and
the tests can switch language by URL alone. Numbers go through Babel so the
thousands and decimal separators follow the language (``1.234,5`` vs ``1,234.5``)."""
from __future__ import annotations

from babel.numbers import format_decimal

from app.constants import LOCALE

T: dict[str, tuple[str, str]] = {
    # app / navigation
    "app_title": ("Sparepotentiale i kommunerne", "Savings potential in Danish municipalities"),
    "page_overview": ("Overblik", "Overview"),
    "page_evr": ("Forventet mod realiseret", "Expected vs realised"),
    "page_phase_in": ("Indfasning", "Phase-in"),
    "page_sectors": ("Sektorer", "Sectors"),
    "page_explorer": ("Initiativer", "Explorer"),
    "page_sources": ("Kilder og datakvalitet", "Sources and data quality"),
    # sidebar
    "filters": ("Filtre", "Filters"),
    "f_municipality": ("Kommune", "Municipality"),
    "f_sector": ("Sektor", "Sector"),
    "f_type": ("Type af tiltag", "Type of measure"),
    "f_source": ("Kilde", "Source"),
    "f_adopted": ("Vedtaget", "Adopted"),
    "f_year_from": ("Fuldt indfaset fra år", "Fully phased in from year"),
    "f_year_to": ("Fuldt indfaset til år", "Fully phased in up to year"),
    "f_q": ("Søg i titel og beskrivelse", "Search title and description"),
    "f_lang": ("Sprog", "Language"),
    "f_present": ("Præsentationstilstand", "Presentation mode"),
    "any": ("Alle", "All"),
    "yes": ("Ja", "Yes"),
    "no": ("Nej", "No"),
    "clear_filters": ("Ryd filtre", "Clear filters"),
    "choose": ("Vælg", "Choose"),
    "active_summary": ("Filtre: {text}", "Filters: {text}"),
    "active_filters": ("Aktive filtre: {n}", "Active filters: {n}"),
    "year_null_note": ("Et årsfilter udelukker initiativer uden kendt indfasningsår.",
                       "A year filter excludes initiatives without a known phase-in year."),
    # notices
    "notice_unknown_param": ("Ukendt parameter '{param}' i adressen blev ignoreret.",
                             "Unknown parameter '{param}' in the address was ignored."),
    "notice_bad_year": ("'{value}' er ikke et gyldigt år for {param} og blev ignoreret.",
                        "'{value}' is not a valid year for {param} and was ignored."),
    "notice_year_order": ("year_from var efter year_to; de blev byttet om.",
                          "year_from was after year_to; they were swapped."),
    "notice_bad_adopted": ("adopted='{value}' blev ignoreret (brug ja eller nej).",
                           "adopted='{value}' was ignored (use ja or nej)."),
    "notice_bad_lang": ("lang='{value}' blev ignoreret (brug da eller en).",
                        "lang='{value}' was ignored (use da or en)."),
    "notice_bad_present": ("present='{value}' blev ignoreret (brug 1).",
                           "present='{value}' was ignored (use 1)."),
    "notice_unknown_value": ("{param}='{value}' findes ikke i data og blev ignoreret.",
                             "{param}='{value}' does not occur in the data and was ignored."),
    # database
    "no_db": ("Databasen {path} findes ikke endnu.", "The database {path} does not exist yet."),
    "no_db_help": ("Byg den med `python -m etl build` (eller `make run`, som bygger og starter).",
                   "Build it with `python -m etl build` (or `make run`, which builds and starts)."),
    "db_error": ("Databasen {path} kunne ikke åbnes: {error}", "The database {path} could not be opened: {error}"),
    "db_outdated": ("Databasen {path} er skrevet af en ældre version og skal bygges igen ({error}).",
                    "The database {path} was written by an older version and must be rebuilt ({error})."),
    "db_reloaded": ("Databasen er bygget igen og genindlæst.", "The database was rebuilt and reloaded."),
    # empty
    "empty": ("Ingen initiativer matcher filtrene. Prøv at fjerne et filter eller klik 'Ryd filtre'.",
              "No initiatives match the filters. Try removing a filter or click 'Clear filters'."),
    "empty_chart": ("Intet at vise for de valgte filtre.", "Nothing to show for the selected filters."),
    # KPIs
    "kpi_initiatives": ("Initiativer", "Initiatives"),
    "kpi_municipalities": ("Kommuner", "Municipalities"),
    "kpi_expected": ("Forventet årlig gevinst", "Expected annual gain"),
    "kpi_realised": ("Realiseret (hvor kendt)", "Realised (where known)"),
    "kpi_adopted": ("Andel vedtaget", "Share adopted"),
    "kpi_expected_help": ("Summen af forventet effekt ved fuld indfasning for {n} initiativer med et beløb; "
                          "{missing} uden beløb tæller ikke med.",
                          "Sum of the expected effect at full phase-in for {n} initiatives with an amount; "
                          "{missing} without an amount are not included."),
    "kpi_realised_help": ("Realiseret gevinst for {n} initiativer, hvor den er oplyst.",
                          "Realised gain for the {n} initiatives where it is reported."),
    "kpi_adopted_help": ("Af {n} initiativer med kendt vedtagelse.", "Of {n} initiatives with known adoption."),
    # units
    "unit_mio": ("{x} mio. kr.", "{x} DKK m"),
    "unit_tkr": ("{x} t.kr.", "{x} DKK k"),
    "axis_mio": ("mio. kr. pr. år", "DKK m per year"),
    "n_initiatives": ("Antal initiativer", "Number of initiatives"),
    # charts
    "chart_by_year": ("Forventet gevinst efter år for fuld indfasning",
                      "Expected gain by year of full phase-in"),
    "chart_staircase": ("Akkumuleret forventet gevinst (trappe)", "Cumulative expected gain (staircase)"),
    "chart_sectors": ("Forventet gevinst pr. sektor", "Expected gain per sector"),
    "chart_evr": ("Forventet mod realiseret gevinst", "Expected vs realised gain"),
    "chart_rate": ("Realiseringsgrad pr. sektor", "Realisation rate per sector"),
    "chart_targets": ("Reduktionsmål, netto udestående og indfasede gevinster",
                      "Reduction targets, net outstanding and phased-in gains"),
    "year": ("År", "Year"),
    "year_full": ("År for fuld indfasning", "Year of full phase-in"),
    "expected": ("Forventet", "Expected"),
    "realised": ("Realiseret", "Realised"),
    "cumulative": ("Akkumuleret", "Cumulative"),
    "sector": ("Sektor", "Sector"),
    "no_sector": ("Uden sektor", "No sector"),
    "no_year": ("{n} initiativer uden kendt år for fuld indfasning er ikke med i årsfordelingen.",
                "{n} initiatives without a known year of full phase-in are not in the yearly breakdown."),
    "diagonal": ("Realiseret = forventet", "Realised = expected"),
    "expected_range": ("Forventet (lav–høj)", "Expected (low–high)"),
    "col_source_sector": ("Trykt som", "As printed"),
    "kind_reduction_target": ("Reduktionsmål", "Reduction target"),
    "kind_net_outstanding": ("Netto udestående", "Net outstanding"),
    "kind_unallocated": ("Ikke udmøntet", "Unallocated"),
    "kind_requirement": ("Besparelseskrav", "Savings requirement"),
    "plan_gains": ("Planens initiativer (årlig gevinst)", "Plan initiatives (gain in year)"),
    "click_hint": ("Klik på en søjle eller et punkt for at filtrere alle sider.",
                   "Click a bar or point to filter every page."),
    "hover_initiatives": ("initiativer", "initiatives"),
    # evr page
    "evr_intro": ("Kun initiativer med både forventet og realiseret gevinst kan sammenlignes. "
                  "Initiativer med kun ét tal tælles nedenfor, de springes ikke over.",
                  "Only initiatives with both an expected and a realised gain can be compared. "
                  "Initiatives with only one figure are counted below, not dropped."),
    "evr_both": ("Begge kendt", "Both known"),
    "evr_expected_only": ("Kun forventet", "Expected only"),
    "evr_realised_only": ("Kun realiseret", "Realised only"),
    "evr_neither": ("Intet beløb", "No amount"),
    "evr_rate": ("Realiseringsgrad", "Realisation rate"),
    "evr_rate_help": ("Realiseret ÷ forventet for initiativer med begge tal.",
                      "Realised ÷ expected for initiatives with both figures."),
    "evr_sample": ("Viser {shown} af {total} punkter (de største).", "Showing {shown} of {total} points (largest)."),
    "col_rate": ("Realiseringsgrad", "Realisation rate"),
    "col_n_both": ("Antal med begge tal", "Number with both figures"),
    "col_expected_both": ("Forventet (begge kendt)", "Expected (both known)"),
    "col_realised_both": ("Realiseret (begge kendt)", "Realised (both known)"),
    "col_n_expected_only": ("Kun forventet", "Expected only"),
    "col_n_realised_only": ("Kun realiseret", "Realised only"),
    # sectors page
    "sectors_note": ("Et initiativ i flere sektorer vises i hver af dem, men tælles kun én gang i totalen "
                     "({multi} initiativer ligger i mere end én sektor).",
                     "An initiative in several sectors is shown in each of them but counted once in the "
                     "total ({multi} initiatives are in more than one sector)."),
    "sectors_total": ("Total uden dobbelttælling", "Total without double counting"),
    "col_sector": ("Sektor", "Sector"),
    "col_n": ("Initiativer", "Initiatives"),
    "col_expected": ("Forventet (t.kr.)", "Expected (DKK k)"),
    "col_realised": ("Realiseret (t.kr.)", "Realised (DKK k)"),
    # phase-in page
    "targets_note": ("Mål og udestående kommer fra genopretningsplanens tabel; de filtreres kun på kilde.",
                     "Targets and outstanding amounts come from the recovery plan's table; only the source "
                     "filter applies to them."),
    "no_targets": ("Ingen reduktionsmål i de valgte kilder.", "No reduction targets in the selected sources."),
    # explorer
    "explorer_total": ("{n} initiativer matcher.", "{n} initiatives match."),
    "page_of": ("Side {page} af {pages}", "Page {page} of {pages}"),
    "page_no": ("Side", "Page"),
    "sort_by": ("Sortér efter", "Sort by"),
    "descending": ("Faldende", "Descending"),
    "select_hint": ("Vælg en række for at se detaljer.", "Select a row to see details."),
    "download_csv": ("Hent CSV", "Download CSV"),
    "download_xlsx": ("Hent Excel (XLSX)", "Download Excel (XLSX)"),
    "col_initiative_id": ("Id", "Id"),
    "col_title": ("Titel", "Title"),
    "col_municipality": ("Kommune", "Municipality"),
    "col_description": ("Beskrivelse", "Description"),
    "col_expected_tkr": ("Forventet (t.kr.)", "Expected (DKK k)"),
    "col_expected_low_tkr": ("Forventet lav (t.kr.)", "Expected low (DKK k)"),
    "col_expected_high_tkr": ("Forventet høj (t.kr.)", "Expected high (DKK k)"),
    "col_expected_text": ("Forventet (trykt)", "Expected (as printed)"),
    "col_realised_tkr": ("Realiseret (t.kr.)", "Realised (DKK k)"),
    "col_realised_text": ("Realiseret (trykt)", "Realised (as printed)"),
    "col_full_phase_in_year": ("Fuldt indfaset", "Full phase-in"),
    "col_implementation_cost_tkr": ("Implementering (t.kr.)", "Implementation cost (DKK k)"),
    "col_adopted": ("Vedtaget", "Adopted"),
    "col_status": ("Status", "Status"),
    "col_sectors": ("Sektorer", "Sectors"),
    "col_types": ("Typer", "Types"),
    "col_source": ("Kilde", "Source"),
    "col_page": ("Side", "Page"),
    "col_line": ("Linje", "Line"),
    "detail_title": ("Detaljer: {title}", "Details: {title}"),
    "detail_figures": ("Tal", "Figures"),
    "detail_printed": ("trykt: {text}", "printed: {text}"),
    "detail_appearances": ("Hvor det er trykt", "Where it is printed"),
    "detail_gains": ("Gevinster pr. år", "Gains per year"),
    "detail_warnings": ("Advarsler fra indlæsningen", "Parse warnings"),
    "detail_unknown": ("ukendt", "unknown"),
    "detail_value": ("Værdi", "Value"),
    "detail_printed_col": ("Som trykt", "As printed"),
    "detail_sectors": ("Sektorer (som trykt)", "Sectors (as printed)"),
    "detail_cost": ("Implementeringsomkostning", "Implementation cost"),
    "detail_feasibility": ("Realiserbarhed", "Feasibility"),
    "col_section": ("Afsnit", "Section"),
    "col_seq": ("Nr. i dokument", "No. in document"),
    "col_kind": ("Art", "Kind"),
    "col_amount_tkr": ("Beløb (t.kr.)", "Amount (DKK k)"),
    "col_year": ("År", "Year"),
    "col_field": ("Felt", "Field"),
    "col_message": ("Besked", "Message"),
    "col_text": ("Tekst", "Text"),
    # sources
    "col_file_name": ("Fil", "File"),
    "col_format": ("Format", "Format"),
    "col_doc_title": ("Titel", "Title"),
    "col_published_year": ("Udgivet", "Published"),
    "col_loaded_at": ("Indlæst", "Loaded"),
    "col_n_initiatives": ("Initiativer", "Initiatives"),
    "col_n_appearances": ("Trykninger", "Printings"),
    "col_n_warnings": ("Advarsler", "Warnings"),
    "col_null_expected": ("Uden forventet beløb", "No expected amount"),
    "col_null_realised": ("Uden realiseret beløb", "No realised amount"),
    "col_null_year": ("Uden indfasningsår", "No phase-in year"),
    "col_null_adopted": ("Ukendt vedtagelse", "Adoption unknown"),
    "col_n_targets": ("Mål-rækker", "Target rows"),
    "sources_intro": ("Indlæste dokumenter, og hvor mange tal der mangler (NULL) i hvert. Et manglende tal "
                      "er ukendt, ikke nul.",
                      "Loaded documents and how many figures are missing (NULL) in each. A missing figure "
                      "is unknown, not zero."),
    "readings_title": ("Sådan er beløbene læst", "How the amounts were read"),
    "readings_intro": ("Enhed, prisniveau og fortegn som dokumentet angiver dem, og om de trykte summer "
                       "stemmer med rækkerne. »udledt« betyder gættet ud fra tabellen – advarslerne nedenfor "
                       "viser grundlaget. I databasen er en besparelse altid positiv og en udgift negativ.",
                       "Unit, price level and sign convention as the document states them, and whether its "
                       "printed totals agree with their rows. 'inferred' means guessed from the table – the "
                       "warnings below show the evidence. In the database a saving is always positive and a "
                       "cost negative."),
    "col_unit": ("Enhed", "Unit"),
    "col_price_level": ("Prisniveau", "Price level"),
    "col_sign": ("Fortegn", "Sign convention"),
    "col_totals": ("Summer", "Totals"),
    "inferred": ("{x} (udledt)", "{x} (inferred)"),
    "sign_saving_positive": ("besparelse positiv", "saving positive"),
    "sign_saving_negative": ("besparelse negativ (mindreudgift)", "saving negative (reduced expenditure)"),
    "totals_agree_one": ("summen stemmer", "the total agrees"),
    "totals_agree_other": ("alle {n} summer stemmer", "all {n} totals agree"),
    "totals_differ_one": ("{k} af {n} summer afviger (største forskel {diff})",
                          "{k} of {n} totals differs (largest difference {diff})"),
    "totals_differ_other": ("{k} af {n} summer afviger (største forskel {diff})",
                            "{k} of {n} totals differ (largest difference {diff})"),
    "warnings_title": ("Advarsler fra indlæsningen ({n})", "Parse warnings ({n})"),
    "no_warnings": ("Ingen advarsler.", "No warnings."),
    "warnings_shown": ("Viser de første {shown} af {total}.", "Showing the first {shown} of {total}."),
    "no_sources": ("Ingen dokumenter er indlæst.", "No documents are loaded."),
    # adding a document from the sources page
    "upload_title": ("Tilføj et dokument", "Add a document"),
    "upload_help": ("PDF, CSV, XLSX eller tekst: et KL-katalog, en projektliste, en statusrapport eller en tabel "
                    "med én kolonne pr. felt (se README). Dokumentet læses af den samme indlæsning som de "
                    "indbyggede dokumenter; kan det ikke læses, ændres intet.",
                    "PDF, CSV, XLSX or text: a KL catalogue, a project list, a status report or a table with one "
                    "column per field (see the README). It is read by the same ETL as the built-in documents; "
                    "if it cannot be read, nothing changes."),
    "upload_file": ("Vælg fil", "Choose a file"),
    "upload_load": ("Indlæs", "Load"),
    "upload_loading": ("Indlæser {name} …", "Loading {name} …"),
    "upload_done": ("Indlæst: {summary}", "Loaded: {summary}"),
    "upload_failed": ("Ikke indlæst. {error}", "Not loaded. {error}"),
    "upload_bad_type": ("Filtypen kan ikke indlæses. Tilladt: {types}.",
                        "This file type cannot be loaded. Allowed: {types}."),
    "upload_empty": ("Filen er tom.", "The file is empty."),
    "upload_too_large": ("Filen er for stor ({mb} MB; grænsen er {limit} MB).",
                         "The file is too large ({mb} MB; the limit is {limit} MB)."),
    "upload_mismatch": ("Filens indhold passer ikke til endelsen {suffix}.",
                        "The file's content does not match its suffix {suffix}."),
    "filtered_counts": ("Tallene for initiativer følger filtrene.", "Initiative counts follow the filters."),
}


def t(key: str, lang: str = "da", **kw) -> str:
    """The UI string ``key`` in ``lang``; unknown keys show themselves (visible, not a crash)."""
    pair = T.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kw) if kw else text


def fmt_num(value, lang: str = "da", decimals: int = 1) -> str:
    """``1234.5`` → ``1.234,5`` (da) or ``1,234.5`` (en); None → an en dash."""
    if value is None or value != value:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE.get(lang, "da_DK"))


def fmt_mio(tkr, lang: str = "da", decimals: int = 1) -> str:
    """Thousands of DKK shown in millions: ``1.234,5 mio. kr.`` / ``DKK 1,234.5 m``."""
    if tkr is None or tkr != tkr:
        return "–"
    return t("unit_mio", lang, x=fmt_num(tkr / 1000.0, lang, decimals))


def fmt_tkr(tkr, lang: str = "da", decimals: int = 0) -> str:
    if tkr is None or tkr != tkr:
        return "–"
    return t("unit_tkr", lang, x=fmt_num(tkr, lang, decimals))


def fmt_pct(share, lang: str = "da", decimals: int = 1) -> str:
    """``0.873`` → ``87,3 %`` / ``87.3%``."""
    if share is None or share != share:
        return "–"
    n = fmt_num(share * 100.0, lang, decimals)
    return f"{n} %" if lang == "da" else f"{n}%"


def separators(lang: str) -> str:
    """plotly ``layout.separators``: decimal mark first, then thousands."""
    return ",." if lang == "da" else ".,"
