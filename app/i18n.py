"""Every UI string and number format, Danish first, English second.

Keeping the strings in one table means a page cannot forget a translation and
the tests can switch language by URL alone. Numbers go through Babel so the
thousands and decimal separators follow the language (``1.234,5`` vs ``1,234.5``)."""
from __future__ import annotations

import functools
import json
from string import Formatter

from babel import Locale
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
    "no_db_help": ("Byg den fra projektets mappe med kommandoen herunder (eller `make run`, som bygger og "
                   "starter).",
                   "Build it from the project folder with the command below (or `make run`, which builds and "
                   "starts)."),
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
    # {initiatives}: a counted phrase (PLURALS "count_initiatives"), {missing}: PLURALS "count_missing_amount"
    "kpi_expected_help": ("Summen af forventet effekt ved fuld indfasning for {initiatives} med et beløb; "
                          "{missing}.",
                          "Sum of the expected effect at full phase-in for {initiatives} with an amount; "
                          "{missing}."),
    "kpi_realised_help": ("Realiseret gevinst for {initiatives}, hvor den er oplyst.",
                          "Realised gain for {initiatives} where it is reported."),
    "kpi_adopted_help": ("Af {initiatives} med kendt vedtagelse.", "Of {initiatives} with known adoption."),
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
    "chart_targets": ("Mål og krav fra dokumenterne", "Targets and requirements from the documents"),
    "year": ("År", "Year"),
    "year_full": ("År for fuld indfasning", "Year of full phase-in"),
    "expected": ("Forventet", "Expected"),
    "realised": ("Realiseret", "Realised"),
    "cumulative": ("Akkumuleret", "Cumulative"),
    "sector": ("Sektor", "Sector"),
    "no_sector": ("Uden sektor", "No sector"),
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
    "col_rate": ("Realiseringsgrad", "Rate"),
    "col_n_both": ("Begge tal", "Both figures"),
    "col_expected_both": ("Forventet (t.kr.)", "Expected (DKK k)"),
    "col_realised_both": ("Realiseret (t.kr.)", "Realised (DKK k)"),
    "evr_table_note": ("Realiseringsgrad, forventet og realiseret gælder initiativerne med begge tal; »Kun "
                       "forventet« og »Kun realiseret« tæller dem med ét tal.",
                       "Rate, expected and realised are over the initiatives with both figures; “Expected only” "
                       "and “Realised only” count those with one figure."),
    "col_n_expected_only": ("Kun forventet", "Expected only"),
    "col_n_realised_only": ("Kun realiseret", "Realised only"),
    # sectors page
    "sectors_note": ("Et initiativ i flere sektorer vises i hver af dem, men tælles kun én gang i totalen "
                     "({multi}).",
                     "An initiative in several sectors is shown in each of them but counted once in the "
                     "total ({multi})."),
    "sectors_total": ("Total uden dobbelttælling", "Total without double counting"),
    "col_sector": ("Sektor", "Sector"),
    "col_n": ("Initiativer", "Initiatives"),
    "col_expected": ("Forventet (t.kr.)", "Expected (DKK k)"),
    "col_realised": ("Realiseret (t.kr.)", "Realised (DKK k)"),
    # phase-in page
    "targets_note": ("Hvert dokuments mål og krav vises for sig og lægges aldrig sammen med et andet dokuments; "
                     "kun kildefiltret gælder for dem.",
                     "Each document's targets and requirements are shown on their own and never added to another "
                     "document's; only the source filter applies to them."),
    "no_targets": ("Ingen mål eller krav i de valgte kilder.", "No targets or requirements in the selected sources."),
    # explorer
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
    "col_full_phase_in_year": ("Fuldt indfaset (år)", "Full phase-in (year)"),
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
    "col_null_expected": ("Uden forventet", "No expected"),
    "col_null_realised": ("Uden realiseret", "No realised"),
    "col_null_year": ("Uden år", "No year"),
    "col_null_adopted": ("Vedtagelse ukendt", "Adoption unknown"),
    "col_n_targets": ("Mål og krav", "Targets and requirements"),
    "sources_intro": ("Hvor mange af hvert dokuments initiativer der mangler et forventet beløb, et realiseret "
                      "beløb, et år for fuld indfasning eller en vedtagelse (NULL). Et manglende tal er ukendt, "
                      "ikke nul.",
                      "How many of each document's initiatives have no expected amount, no realised amount, no "
                      "year of full phase-in or no known adoption (NULL). A missing figure is unknown, not zero."),
    "missing_title": ("Manglende tal", "Missing figures"),
    "sources_documents": ("De indlæste dokumenter, og hvad hvert bidrog med: initiativer, måltal (reduktionsmål og "
                          "udestående pr. år) og besparelseskrav.",
                          "The loaded documents and what each contributed: initiatives, target figures (reduction "
                          "targets and outstanding amounts per year) and savings requirements."),
    "warnings_title": ("Advarsler fra indlæsningen ({n})", "Parse warnings ({n})"),
    "no_warnings": ("Ingen advarsler.", "No warnings."),
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

# --------------------------------------------------------------------------- readable charts and tables
T.update({
    "no_year_bar": ("Uden kendt år", "No known year"),
    "staircase_note": ("Trappen ender ved {end}, totalen er {total}: forskellen er {rest}.",
                       "The staircase ends at {end}, the total is {total}: the difference is {rest}."),
    "chart_targets_of": ("Mål og krav i »{source}«", "Targets and requirements in “{source}”"),
    "target_col": ("{kind} (t.kr.)", "{kind} (DKK k)"),
    "sort_relevance": ("Relevans (bedste match først)", "Relevance (best match first)"),
    "sort_expected_tkr_desc": ("Forventet gevinst, største først", "Expected gain, largest first"),
    "sort_expected_tkr_asc": ("Forventet gevinst, mindste først", "Expected gain, smallest first"),
    "sort_realised_tkr_desc": ("Realiseret gevinst, største først", "Realised gain, largest first"),
    "sort_title_asc": ("Titel A–Å", "Title A–Z"),
    "sort_title_desc": ("Titel Å–A", "Title Z–A"),
    "sort_municipality_asc": ("Kommune A–Å", "Municipality A–Z"),
    "sort_full_phase_in_year_asc": ("Fuldt indfaset, tidligste først", "Full phase-in, earliest first"),
    "sort_full_phase_in_year_desc": ("Fuldt indfaset, seneste først", "Full phase-in, latest first"),
    "sort_adopted_desc": ("Vedtagne først", "Adopted first"),
    "col_contribution": ("Bidrag til data", "Contributed"),
    "evr_expected_both": ("Forventet, hvor begge er kendt", "Expected where both are known"),
    "evr_realised_both": ("Realiseret, hvor begge er kendt", "Realised where both are known"),
    "contribution_none": ("intet", "nothing"),
    "col_warning": ("Advarsel", "Warning"),
    "col_warning_kind": ("Art", "Kind"),
})


# --------------------------------------------------------------------------- counted phrases
#: Strings that contain a count: for each language the CLDR plural forms (``one``, ``other``)
#: that Babel's plural rules choose between (:func:`tn`). ``{n}`` is the count, formatted in the
#: language's number format. Every count the dashboard shows in a sentence goes through here.
PLURALS: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "count_initiatives": ({"one": "{n} initiativ", "other": "{n} initiativer"},
                          {"one": "{n} initiative", "other": "{n} initiatives"}),
    "count_missing_amount": ({"one": "{n} uden beløb tæller ikke med", "other": "{n} uden beløb tæller ikke med"},
                             {"one": "{n} without an amount is not included",
                              "other": "{n} without an amount are not included"}),
    "count_multi_sector": ({"one": "{n} initiativ ligger i mere end én sektor",
                            "other": "{n} initiativer ligger i mere end én sektor"},
                           {"one": "{n} initiative is in more than one sector",
                            "other": "{n} initiatives are in more than one sector"}),
    "no_year": ({"one": "{n} initiativ uden kendt år for fuld indfasning står i den grå søjle »{bar}« og er "
                        "ikke med i trappen.",
                 "other": "{n} initiativer uden kendt år for fuld indfasning står i den grå søjle »{bar}« og er "
                          "ikke med i trappen."},
                {"one": "{n} initiative without a known year of full phase-in is in the grey bar “{bar}” and not "
                        "in the staircase.",
                 "other": "{n} initiatives without a known year of full phase-in are in the grey bar “{bar}” and "
                          "not in the staircase."}),
    "explorer_total": ({"one": "{n} initiativ matcher.", "other": "{n} initiativer matcher."},
                       {"one": "{n} initiative matches.", "other": "{n} initiatives match."}),
    "evr_sample": ({"one": "Viser {shown} af {n} punkt (de største).", "other": "Viser {shown} af {n} punkter "
                    "(de største)."},
                   {"one": "Showing {shown} of {n} point (largest).", "other": "Showing {shown} of {n} points "
                    "(largest)."}),
    "warnings_shown": ({"one": "Viser de første {shown} af {n} advarsel.",
                        "other": "Viser de første {shown} af {n} advarsler."},
                       {"one": "Showing the first {shown} of {n} warning.",
                        "other": "Showing the first {shown} of {n} warnings."}),
    "count_warnings": ({"one": "{n} advarsel", "other": "{n} advarsler"},
                       {"one": "{n} warning", "other": "{n} warnings"}),
    "count_target_figures": ({"one": "{n} måltal", "other": "{n} måltal"},
                             {"one": "{n} target figure", "other": "{n} target figures"}),
    "count_requirements": ({"one": "{n} besparelseskrav", "other": "{n} besparelseskrav"},
                           {"one": "{n} savings requirement", "other": "{n} savings requirements"}),
    "count_both": ({"one": "{n} initiativ med begge tal", "other": "{n} initiativer med begge tal"},
                   {"one": "{n} initiative with both figures", "other": "{n} initiatives with both figures"}),
    "count_no_year_gain": ({"one": "{amount} fra {n} initiativ uden kendt indfasningsår",
                            "other": "{amount} fra {n} initiativer uden kendt indfasningsår"},
                           {"one": "{amount} from {n} initiative without a known phase-in year",
                            "other": "{amount} from {n} initiatives without a known phase-in year"}),
    "count_page_footers": ({"one": "{n} sidefod", "other": "{n} sidefødder"},
                           {"one": "{n} page footer", "other": "{n} page footers"}),
    "count_years": ({"one": "{n} år", "other": "{n} år"}, {"one": "{n} year", "other": "{n} years"}),
    "count_titles": ({"one": "{n} titel", "other": "{n} titler"}, {"one": "{n} title", "other": "{n} titles"}),
    "count_amounts": ({"one": "{n} beløb", "other": "{n} beløb"}, {"one": "{n} amount", "other": "{n} amounts"}),
    "count_figures": ({"one": "{n} tal", "other": "{n} tal"}, {"one": "{n} figure", "other": "{n} figures"}),
    "count_rows": ({"one": "{n} række", "other": "{n} rækker"}, {"one": "{n} row", "other": "{n} rows"}),
}


# --------------------------------------------------------------------------- parse warnings
#: Each warning code of the ETL (etl.core.model.Code, docs/schema.md): a short name (the kind of
#: problem) and the sentence shown in the warnings table. A sentence may name the warning's
#: ``params`` (JSON in parse_warnings.params) and ``{field}``, the field's label (WARNING_FIELDS);
#: several sentences are tried in order and the first whose names are all known is shown.
#: Amount params (``*_tkr``) are formatted as t.kr., counts through PLURALS (WARNING_COUNTS).
WARNING_CODES: dict[str, tuple[tuple[str, str], tuple[tuple[str, str], ...]]] = {
    "title_unknown": (("Titel ikke trykt", "Title not printed"), (
        ("Dokumentets titel er ikke trykt, hvor layoutet placerer den.",
         "The document's title is not printed where the layout puts it."),)),
    "published_year_unknown": (("Udgivelsesår ikke trykt", "Year not printed"), (
        ("Udgivelsesåret er ikke trykt, hvor layoutet placerer det; det er ukendt.",
         "The year of publication is not printed where the layout puts it; it is unknown."),)),
    "pages_approximate": (("Sidetal omtrentlige", "Pages approximate"), (
        ("Sidetal er kun trykt i {footers}; et initiativ mellem to synlige sidetal får den lavest mulige side.",
         "Page numbers are printed in only {footers}; an initiative between two visible page numbers gets "
         "the lowest page it can be on."),
        ("Sidetal er ikke trykt på alle sider; sidetallene er de lavest mulige.",
         "Page numbers are not printed on every page; pages are the lowest possible."))),
    "unit_inferred": (("Enhed udledt", "Unit inferred"), (
        ("Enheden er ikke trykt ved beløbet; den er udledt af dokumentets øvrige beløb.",
         "The unit is not printed with the amount; it is inferred from the document's other amounts."),)),
    "price_level_inferred": (("Prisniveau udledt", "Price level inferred"), (
        ("Prisniveauet ({value}) er udledt, ikke trykt.", "The price level ({value}) is inferred, not printed."),
        ("Prisniveauet er udledt, ikke trykt.", "The price level is inferred, not printed."))),
    "sign_convention_inferred": (("Fortegn udledt", "Sign inferred"), (
        ("Dokumentet siger ikke, hvordan det fortegner besparelser; fortegnet er udledt af tallene "
         "(besparelser er positive i dashboardet).",
         "The document does not say how it signs savings; the sign is inferred from the figures "
         "(savings are positive in the dashboard)."),)),
    "table_skipped": (("Tabel ikke læst", "Table not read"), (
        ("En tabel uden en kolonne med titler blev ikke læst.", "A table without a title column was not read."),)),
    "table_does_not_add_up": (("Total passer ikke", "Total does not add up"), (
        ("Den trykte total for {year} ({printed_tkr}) afviger fra summen af rækkerne ({computed_tkr}).",
         "The printed total for {year} ({printed_tkr}) differs from the sum of its rows ({computed_tkr})."),
        ("En trykt total afviger fra summen af rækkerne.", "A printed total differs from the sum of its rows."))),
    "table_figures_unplaced": (("Tabeltal uden række", "Table figures unplaced"), (
        ("Tabellens {figures} kunne ikke fordeles på {labels}; de er ikke indlæst.",
         "The table's {figures} could not be given to its {labels}; they are not loaded."),
        ("Tabellens tal kunne ikke fordeles på rækkerne; de er ikke indlæst.",
         "The table's figures could not be given to its rows; they are not loaded."))),
    "table_read_by_row": (("Tabel læst række for række", "Table read by row"), (
        ("Tabellen var forvansket og blev læst række for række, fordi kun den rækkefølge summerer rigtigt.",
         "The table was scrambled and was read row by row, because only that order adds up."),)),
    "block_missing": (("Felt mangler", "Field missing"), (
        ("{field}: feltet, som layoutet trykker, mangler.", "{field}: the field the layout prints is absent."),)),
    "text_outside_field": (("Tekst uden felt", "Text outside a field"), (
        ("Tekst, som layoutet ikke har plads til; den er ikke indlæst (se teksten).",
         "Text the layout has no place for; it is not loaded (see the text)."),)),
    "row_without_title": (("Række uden titel", "Row without title"), (
        ("En tabelrække uden titel blev sprunget over.", "A table row without a title was skipped."),)),
    "reprint_differs": (("Genoptryk afviger", "Reprint differs"), (
        ("Eksemplet er trykt under {titles}; den længste titel er brugt.",
         "The example is printed under {titles}; the longest title is kept."),
        ("Kortet er trykt igen med andet indhold i: {fields}; det første tryk er brugt.",
         "The card is printed again with different {fields}; the first printing is kept."),
        ("Kortet er trykt igen med andet indhold; det første tryk er brugt.",
         "The card is printed again with different content; the first printing is kept."))),
    "late_block": (("Felt trykt for sent", "Late field"), (
        ("{field} er trykt efter det næste kort og er ført tilbage til sit eget kort.",
         "{field} is printed after the next card and was given back to its own card."),)),
    "amount_missing": (("Beløb mangler", "Amount missing"), (
        ("{field}: intet beløb er trykt for {year}; beløbet er ukendt.",
         "{field}: no amount is printed for {year}; the amount is unknown."),
        ("{field}: intet beløb er trykt; beløbet er ukendt.",
         "{field}: no amount is printed; the amount is unknown."))),
    "amount_unreadable": (("Beløb ikke læst", "Amount not read"), (
        ("{field} for {year}: det trykte er ikke ét beløb; beløbet er ukendt.",
         "{field} for {year}: what is printed is not one amount; the amount is unknown."),
        ("{field}: det trykte er ikke ét beløb; beløbet er ukendt.",
         "{field}: what is printed is not one amount; the amount is unknown."))),
    "amount_no_unit": (("Beløb uden enhed", "Amount without unit"), (
        ("{field}: kolonnen »{column}« nævner ingen enhed (t.kr., 1.000 kr., mio. kr. eller kr.); "
         "beløbene er ukendte, aldrig gættet.",
         "{field}: the column “{column}” names no unit (t.kr., 1.000 kr., mio. kr. or kr.); its amounts are "
         "unknown, never guessed."),
        ("{field}: beløbet har ingen enhed; det er ukendt, aldrig gættet.",
         "{field}: the amount has no unit; it is unknown, never guessed."))),
    "amount_contradicted": (("Tekst og tabel uenige", "Text and table disagree"), (
        ("Tekst og tabel angiver forskellige beløb for {year}: {prose_tkr} i teksten, {table_tkr} i tabellen.",
         "Text and table state different amounts for {year}: {prose_tkr} in the text, {table_tkr} in the table."),
        ("Tekst og tabel angiver forskellige beløb.", "Text and table state different amounts."))),
    "amount_chosen": (("Ét af flere beløb valgt", "One of several amounts"), (
        ("{field}: der er trykt {count}; ét er valgt.", "{field}: {count} are printed; one was taken."),
        ("{field}: der er trykt flere beløb; ét er valgt.", "{field}: several amounts are printed; one was taken."))),
    "amount_only_percent": (("Kun en procentsats", "Only a percentage"), (
        ("Kravet er trykt som en andel ({percent} %) uden beløb i kroner; beløbet er ukendt.",
         "The requirement is printed as a share ({percent}%) without an amount in kroner; the amount is unknown."),
        ("Kravet er trykt som en andel uden beløb i kroner; beløbet er ukendt.",
         "The requirement is printed as a share without an amount in kroner; the amount is unknown."))),
    "amount_one_off": (("Engangsbeløb", "Money once"), (
        ("{amount_tkr} er et engangsbeløb, ikke en årlig gevinst; det er ikke indlæst.",
         "{amount_tkr} is money once, not a yearly gain; it is not loaded."),
        ("Et engangsbeløb, ikke en årlig gevinst; det er ikke indlæst.",
         "Money once, not a yearly gain; it is not loaded."))),
    "amount_period_total": (("Samlet beløb delt på år", "Total over years"), (
        ("{total_tkr} over {years} er indlæst som det årlige gennemsnit.",
         "{total_tkr} over {years} is loaded as its yearly average."),
        ("Et samlet beløb over flere år er indlæst som det årlige gennemsnit.",
         "A total over several years is loaded as its yearly average."))),
    "amount_parenthesised": (("Beløb i parentes", "Amount in parentheses"), (
        ("Et beløb i parentes er udeladt: hverken teksten eller dokumentet siger, hvad parentesen angiver.",
         "An amount in parentheses was left out: neither the text nor the document says what it stands for."),)),
    "relative_year_anchored": (("Relativt år fastlagt", "Relative year anchored"), (
        ("»År 1« er sat til {anchor_year} ud fra {basis} (»{evidence}«).",
         "“Year 1” is taken as {anchor_year} from {basis} (“{evidence}”)."),
        ("»År 1« er sat til {anchor_year}.", "“Year 1” is taken as {anchor_year}."))),
    "year_unreadable": (("År ikke læst", "Year not read"), (
        ("{field}: det trykte er ikke ét år; året er ukendt.", "{field}: what is printed is not one year; "
         "the year is unknown."),)),
    "year_missing": (("År mangler", "Year missing"), (
        ("{field}: intet år er trykt; året er ukendt.", "{field}: no year is printed; the year is unknown."),)),
    "yes_no_unreadable": (("Hverken ja eller nej", "Neither yes nor no"), (
        ("{field}: hverken ja eller nej; ukendt.", "{field}: neither yes nor no; unknown."),)),
    "value_missing": (("Værdi mangler", "Value missing"), (
        ("{field}: ingen værdi er trykt.", "{field}: no value is printed."),)),
    "municipality_unreadable": (("Kommune ikke læst", "Municipality not read"), (
        ("»Kommune:« nævner ingen kommune.", "“Kommune:” names no municipality."),)),
    "sector_unmapped": (("Sektor uden fælles navn", "Sector not mapped"), (
        ("Sektoren »{sector}« svarer ikke til en fælles sektor; den er bevaret som trykt.",
         "The sector “{sector}” has no common sector; it is kept as printed."),)),
    "gain_duplicate": (("Gevinst to gange", "Gain twice"), (
        ("En anden gevinst ({kind}) for {year} blev ignoreret.", "A second gain ({kind}) for {year} was ignored."),)),
}
#: A warning's ``field`` (a table column or a part of the layout) as a reader calls it; a field
#: not listed is shown as it is stored.
WARNING_FIELDS: dict[str, tuple[str, str]] = {
    "expected_tkr": ("Forventet gevinst", "Expected gain"), "expected": ("Forventet gevinst", "Expected gain"),
    "realised_tkr": ("Realiseret gevinst", "Realised gain"), "realised": ("Realiseret gevinst", "Realised gain"),
    "implementation_cost_tkr": ("Implementeringsomkostning", "Implementation cost"),
    "cost": ("Implementeringsomkostning", "Implementation cost"),
    "full_phase_in_year": ("År for fuld indfasning", "Year of full phase-in"),
    "year": ("År for fuld indfasning", "Year of full phase-in"),
    "adopted": ("Vedtaget", "Adopted"), "status": ("Status", "Status"),
    "feasibility": ("Realiserbarhed", "Feasibility"), "title": ("Titel", "Title"),
    "description": ("Beskrivelse", "Description"), "municipality": ("Kommune", "Municipality"),
    "sector": ("Sektor", "Sector"), "sectors": ("Sektorer", "Sectors"), "type": ("Type", "Type"),
    "gains": ("Gevinst pr. år", "Gain per year"), "targets": ("Mål", "Targets"),
    "page": ("Sidetal", "Page numbers"), "published_year": ("Udgivelsesår", "Year of publication"),
    "unit_text": ("Enhed", "Unit"), "price_level": ("Prisniveau", "Price level"),
    "sign_convention": ("Fortegn", "Sign convention"), "handling": ("Behandling", "Handling"),
    "further_info": ("Yderligere information", "Further information"), "reprint": ("Genoptryk", "Reprint"),
    "economy": ("Økonomi", "Economy"), "contact": ("Kontakt", "Contact"),
}
#: Count params of warnings and the counted phrase (PLURALS) each is shown with.
WARNING_COUNTS = {"footers": "count_page_footers", "years": "count_years", "titles": "count_titles",
                  "count": "count_amounts", "figures": "count_figures", "labels": "count_rows"}
#: Values of warning params that are words of the ETL, not document text.
WARNING_WORDS: dict[str, tuple[str, str]] = {
    "budget_year": ("dokumentets budgetår", "the document's budget year"),
    "example_start": ("året, eksemplet siger, det startede", "the year the example says it started"),
    "expected": ("forventet", "expected"), "realised": ("realiseret", "realised"),
}


def t(key: str, lang: str = "da", **kw) -> str:
    """The UI string ``key`` in ``lang``; unknown keys show themselves (visible, not a crash)."""
    pair = T.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kw) if kw else text


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALE.get(lang, LOCALE["da"]))


def plural_form(n, lang: str = "da") -> str:
    """The CLDR plural category of ``n`` in ``lang`` (Babel's rules): ``one`` or ``other``."""
    return _locale(lang).plural_form(abs(n))


def tn(key: str, n, lang: str = "da", **kw) -> str:
    """The counted phrase ``key`` (:data:`PLURALS`) for ``n`` in ``lang``, ``n`` in the language's
    number format: ``tn("count_initiatives", 1)`` → ``1 initiativ``, ``2`` → ``2 initiativer``."""
    forms = PLURALS.get(key)
    if forms is None:
        return key
    form = forms[1 if lang == "en" else 0]
    text = form.get(plural_form(n, lang), form["other"])
    count = fmt_num(n, lang, 0) if float(n).is_integer() else fmt_num(n, lang, 1)
    return text.format(n=count, **kw)


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


#: Amounts in t.kr. in every table, card and download label: whole t.kr., with decimals only
#: where the value has them (a source that printed "189,37"), at most two.
AMOUNT_PATTERN = "#,##0.##"


def fmt_amount(tkr, lang: str = "da") -> str:
    """An amount in t.kr. without its unit: ``10000`` → ``10.000``, ``189.37`` → ``189,37``."""
    if tkr is None or tkr != tkr:
        return "–"
    return format_decimal(tkr, format=AMOUNT_PATTERN, locale=LOCALE.get(lang, "da_DK"))


def fmt_tkr(tkr, lang: str = "da") -> str:
    """An amount with its unit: ``10.000 t.kr.`` / ``10,000 DKK k``."""
    if tkr is None or tkr != tkr:
        return "–"
    return t("unit_tkr", lang, x=fmt_amount(tkr, lang))


def fmt_pct(share, lang: str = "da", decimals: int = 1) -> str:
    """``0.873`` → ``87,3 %`` / ``87.3%``."""
    if share is None or share != share:
        return "–"
    n = fmt_num(share * 100.0, lang, decimals)
    return f"{n} %" if lang == "da" else f"{n}%"


def separators(lang: str) -> str:
    """plotly ``layout.separators``: decimal mark first, then thousands."""
    return ",." if lang == "da" else ".,"


def warning_field(field, lang: str = "da") -> str:
    """A warning's ``field`` as a reader calls it (WARNING_FIELDS), else as stored; none → ''."""
    if not isinstance(field, str) or not field:
        return ""
    pair = WARNING_FIELDS.get(field)
    return (pair[1] if lang == "en" else pair[0]) if pair else field


def warning_kind(code, lang: str = "da") -> str:
    """The short name of a warning code (the kind of problem); an unknown code shows itself."""
    entry = WARNING_CODES.get(code) if isinstance(code, str) else None
    return (entry[0][1] if lang == "en" else entry[0][0]) if entry else str(code or "")


def _warning_value(name: str, value, lang: str) -> str:
    if name.endswith("_tkr") and isinstance(value, (int, float)):
        return fmt_tkr(value, lang)
    if name in WARNING_COUNTS and isinstance(value, (int, float)):
        return tn(WARNING_COUNTS[name], value, lang)
    if name == "fields" and isinstance(value, str):
        return ", ".join(warning_field(f.strip(), lang) for f in value.split(","))
    if name in ("year", "anchor_year") and isinstance(value, (int, float)):
        return str(int(value))
    if isinstance(value, float):
        return fmt_num(value, lang, 0 if value.is_integer() else 1)
    if isinstance(value, str) and value in WARNING_WORDS:
        return WARNING_WORDS[value][1 if lang == "en" else 0]
    return str(value)


def warning_text(code, field, params, lang: str = "da", fallback: str | None = None) -> str:
    """The sentence for one parse warning in ``lang``: its code's first sentence whose names
    ``params`` (a dict or the JSON of parse_warnings.params) and ``field`` supply. An unknown
    code gives ``fallback`` (the ETL's English message)."""
    entry = WARNING_CODES.get(code) if isinstance(code, str) else None
    if entry is None:
        return fallback or str(code or "")
    if isinstance(params, str):
        try:
            params = json.loads(params)
        except ValueError:
            params = None
    if not isinstance(params, dict):  # NULL (None or NaN from pandas), or not a JSON object
        params = {}
    values = {k: _warning_value(k, v, lang) for k, v in params.items() if v is not None and isinstance(k, str)}
    label = warning_field(field, lang)
    if label:
        values["field"] = label
    sentences = entry[1]
    for da, en in sentences:
        text = en if lang == "en" else da
        names = {name for _, name, _, _ in Formatter().parse(text) if name}
        if names <= values.keys():
            return text.format(**values)
    da, en = sentences[-1]  # a field-less warning: the sentence without its field
    text = (en if lang == "en" else da).replace("{field}: ", "").replace("{field} ", "")
    return text[:1].upper() + text[1:]
