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
    "col_layout_score": ("Layout genkendt (sikkerhed)", "Layout detected (confidence)"),
    "col_reader": ("Læst med", "Read with"),
    "col_words_outside": ("PDF-ord uden for kolonner", "PDF words outside every column"),
    "pdf_tables_title": ("Tabeller læst fra PDF ({n})", "Tables read from PDF ({n})"),
    "pdf_tables_help": ("Hver tabel og hvor sikker læsningen var: camelots nøjagtighed (hvor meget af sidens "
                        "tekst passer i gitteret) og tomme celler; for tabeller læst af layoutlæseren de ord, "
                        "der faldt uden for alle celler.",
                        "Every table and how confident its reader was: camelot's accuracy (how much of the "
                        "page's text fits the grid) and empty cells; for tables read by the layout reader the "
                        "words that fell outside every cell."),
    "col_pdf_file_name": ("Fil", "File"),
    "col_pdf_page": ("Side", "Page"),
    "col_pdf_method": ("Metode", "Method"),
    "col_pdf_n_rows": ("Rækker", "Rows"),
    "col_pdf_n_cols": ("Kolonner", "Columns"),
    "col_pdf_accuracy": ("Nøjagtighed", "Accuracy"),
    "col_pdf_whitespace": ("Tomme celler", "Empty cells"),
    "col_pdf_words_outside": ("Ord uden for celler", "Words outside cells"),
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
    "sign_saving_positive": ("plus = besparelse", "plus = saving"),
    "sign_saving_negative": ("minus = besparelse", "minus = saving"),
    # the documents' formats (etl.formats, ``--format NAME``) as a reader calls them
    "format_idebank": ("KL's Idébank", "KL's Idébank"),
    "format_b17": ("B17-katalog", "B17 catalogue"),
    "format_project_list": ("Projektliste", "Project list"),
    "format_recovery_plan": ("Genopretningsplan", "Recovery plan"),
    "format_minutes": ("Mødereferat", "Minutes"),
    "format_proposal_list": ("Forslagsliste", "Proposal list"),
    "format_table": ("Tabel", "Table"),
    "warnings_title": ("Advarsler fra indlæsningen ({n})", "Parse warnings ({n})"),
    "unmapped_title": ("Sektornavne uden fast sektor ({n})", "Sector names without a canonical sector ({n})"),
    "unmapped_help": ("Navnene står som trykt i kilden. Initiativerne er indlæst, men tæller ikke med under en "
                      "sektor, før navnet får en sektor i etl/sectors.py.",
                      "The names as the source prints them. The initiatives are loaded but count under no sector "
                      "until the name is given one in etl/sectors.py."),
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
    "upload_busy": ("Ikke indlæst: en anden indlæsning kører allerede (en anden upload eller en genopbygning "
                    "af databasen). Intet blev ændret; prøv igen om lidt.",
                    "Not loaded: another load is running (another upload or a rebuild of the database). "
                    "Nothing was changed; try again in a moment."),
    "upload_bad_type": ("Filtypen kan ikke indlæses. Tilladt: {types}.",
                        "This file type cannot be loaded. Allowed: {types}."),
    "upload_empty": ("Filen er tom.", "The file is empty."),
    "upload_too_large": ("Filen er for stor ({mb} MB; grænsen er {limit} MB).",
                         "The file is too large ({mb} MB; the limit is {limit} MB)."),
    "upload_mismatch": ("Filens indhold passer ikke til endelsen {suffix}.",
                        "The file's content does not match its suffix {suffix}."),
    "filtered_counts": ("Tallene for initiativer følger filtrene.", "Initiative counts follow the filters."),
    # the savings planner (/planner)
    "page_planner": ("Spareplan", "Savings plan"),
    "pl_intro": ("Byg en sparepakke til egen kommunes budget: vælg initiativer fra dokumenterne, skalér dem til "
                 "kommunens størrelse, fordel dem over budgetåret og de tre overslagsår, og se hvad der mangler i "
                 "forhold til målet. Planen gemmes i adressen, så et bogmærke eller et delt link viser den igen.",
                 "Build a savings package for your own municipality's budget: choose initiatives from the documents, "
                 "scale them to your municipality, spread them over the budget year and the three following years, "
                 "and see what is missing against the target. The plan lives in the address, so a bookmark or a "
                 "shared link shows it again."),
    "pl_settings": ("Kommune, år og mål", "Municipality, years and target"),
    "pl_home": ("Egen kommune", "Own municipality"),
    "pl_home_none": ("Ingen (beløb som trykt)", "None (amounts as printed)"),
    "pl_home_help": ("Et initiativ fra én anden kommune skaleres med forholdet mellem indbyggertallene.",
                     "An initiative from one other municipality is scaled by the ratio of the populations."),
    "pl_start": ("Første budgetår", "First budget year"),
    "pl_target": ("Sparemål (t.kr. pr. år)", "Savings target (DKK k per year)"),
    "pl_target_help": ("Ét beløb for alle år (25000) eller en trappe (2027:5000,2028:10000). Et år uden eget trin "
                       "har det foregående trins beløb.",
                       "One amount for every year (25000) or a staircase (2027:5000,2028:10000). A year without "
                       "its own step keeps the step before it."),
    "pl_target_source": ("… eller reduktionsmål fra et dokument", "… or reduction targets from a document"),
    "pl_none": ("Intet", "None"),
    "pl_prices": ("Faste priser (PL-år)", "Fixed prices (PL year)"),
    "pl_as_printed": ("Som trykt", "As printed"),
    "pl_prudent": ("Vis forsigtigt skøn", "Show prudent estimate"),
    "pl_choose": ("Vælg initiativer", "Choose initiatives"),
    "pl_choose_help": ("Filtrene i sidepanelet (også søgning) afgrænser listen.",
                       "The filters in the sidebar (search included) narrow the list."),
    "pl_sort": ("Sortér efter", "Sort by"),
    "pl_sort_expected": ("Fuld årlig effekt", "Full-year effect"),
    "pl_sort_per_inhabitant": ("Effekt pr. indbygger", "Effect per inhabitant"),
    "pl_sort_realisation": ("Realiseringsgrad", "Realisation rate"),
    "pl_candidates": ("Kandidater efter filtrene: {n}", "Candidates after the filters: {n}"),
    "pl_add": ("Tilføj", "Add"),
    "pl_remove": ("Fjern", "Remove"),
    "pl_col_per_inhabitant": ("Kr. pr. indbygger", "DKK per inhabitant"),
    "pl_col_realisation": ("Realiseret / forventet", "Realised / expected"),
    "pl_plan": ("Planen", "The plan"),
    "pl_plan_count_one": ("{n} initiativ i planen", "{n} initiative in the plan"),
    "pl_plan_count_other": ("{n} initiativer i planen", "{n} initiatives in the plan"),
    "pl_empty": ("Planen er tom. Tilføj initiativer fra listen ovenfor.",
                 "The plan is empty. Add initiatives from the list above."),
    "pl_clear": ("Tøm planen", "Empty the plan"),
    "pl_budget": ("Budgettabel", "Budget table"),
    "pl_budget_caption": ("Alle beløb i t.kr. pr. år{prices}. Rækkerne lægger op til 'I alt'.",
                          "All amounts in DKK k per year{prices}. The rows add up to 'Total'."),
    "pl_in_prices": (", i {year}-priser", ", in {year} prices"),
    "pl_chart": ("Planens effekt mod målet", "The plan's effect against the target"),
    "pl_chart_remaining": ("Mangler", "Remaining"),
    "pl_chart_exceeded": ("Overopfyldt med", "Exceeded by"),
    "pl_chart_target": ("Mål", "Target"),
    "pl_chart_prudent": ("Forsigtigt skøn", "Prudent estimate"),
    "pl_phase": ("Indfasning (% af fuld effekt pr. år)", "Phase-in (% of the full effect per year)"),
    "pl_phase_help": ("Standard er initiativets egen indfasning fra kilden, flyttet så dets første år er første "
                      "budgetår; ellers fuld effekt fra første år. Ret tallene for at tilpasse.",
                      "The default is the initiative's own phase-in from its source, shifted so its first year is "
                      "the first budget year; else the full effect from the first year. Edit the figures to adjust."),
    "pl_phase_reset": ("Nulstil indfasning", "Reset phase-in"),
    "pl_similar": ("Lignende initiativer andre steder", "Similar initiatives elsewhere"),
    "pl_similar_help": ("Fra andre dokumenter eller kommuner, efter ligheden mellem titel og beskrivelse "
                        "(beregnet ved indlæsningen).",
                        "From other documents or municipalities, by similarity of title and description "
                        "(computed at load)."),
    "pl_similar_none": ("Ingen lignende initiativer fundet.", "No similar initiatives found."),
    "pl_similar_missing": ("Databasen har ingen tabel over lignende initiativer; byg den igen med "
                           "`python -m etl build`.",
                           "The database has no table of similar initiatives; rebuild it with `python -m etl build`."),
    "pl_col_score": ("Lighed", "Similarity"),
    "pl_col_similar_to": ("Ligner", "Similar to"),
    "pl_col_remark": ("Bemærk", "Note"),
    "pl_similar_without": ("Intet lignende fundet for:", "Nothing similar found for:"),
    "pl_rates": ("Realiseringsgrader bag det forsigtige skøn", "Realisation rates behind the prudent estimate"),
    "pl_rates_caption": ("Realiseret ÷ forventet for initiativer i alle indlæste dokumenter, hvor begge tal kendes "
                         "(højst 100 % bruges). Under {few} sager er grundlaget spinkelt.",
                         "Realised ÷ expected over initiatives in all loaded documents where both are known "
                         "(at most 100 % is used). Below {few} cases the basis is thin."),
    "pl_rate_few": ("få sager", "few cases"),
    "pl_col_n": ("Sager", "Cases"),
    "pl_col_rate": ("Observeret", "Observed"),
    "pl_all_sectors": ("Alle sektorer", "All sectors"),
    "pl_sources_note": ("Indbyggertal: {pop_source}, opgjort {pop_date}.",
                        "Populations: {pop_source}, counted {pop_date}."),
    "pl_prices_note": ("Faste priser: {source} ({status}). Prisåret for et dokuments beløb er dets trykte "
                       "prisniveau, ellers udgivelsesåret (en antagelse).",
                       "Fixed prices: {source} ({status}). The price year of a document's amounts is its printed "
                       "price level, else the year it was published (an assumption)."),
    "pl_proxy": ("Indekset er statens generelle pris- og lønindeks, brugt som tilnærmelse for det kommunale "
                 "(KL's pris- og lønskøn for kommunale serviceudgifter), som kan afvige nogle tiendedele "
                 "procentpoint om året.",
                 "The index is the state's general price and wage index, used as a proxy for the municipal one "
                 "(KL's price and wage estimate for municipal service expenditure), which can differ by a few "
                 "tenths of a percentage point a year."),
    "pl_download_help": ("Budgettabellen som CSV (dansk Excel) eller XLSX med et ark 'Om data'.",
                         "The budget table as CSV (Danish Excel) or XLSX with an 'Om data' sheet."),
    "pl_col_printed": ("Trykt (t.kr.)", "Printed (DKK k)"),
    "pl_col_scaled": ("Skaleret (t.kr.)", "Scaled (DKK k)"),
    "pl_col_note": ("Beregning", "How computed"),
    "pl_prices_elsewhere": ("Faste priser ({year}) gælder i Spareplan; de øvrige sider viser beløbene som trykt.",
                            "Fixed prices ({year}) apply on the Savings plan page; the other pages show amounts as "
                            "printed."),
    # planner notices (URL parameters)
    "notice_too_long": ("{param}='{value}' er for lang og blev ignoreret.",
                        "{param}='{value}' is too long and was ignored."),
    "notice_too_many": ("Planen har for mange initiativer ({value}); kun de første bruges.",
                        "The plan has too many initiatives ({value}); only the first are used."),
    "notice_bad_target": ("target='{value}' blev ignoreret: skriv ét beløb (25000) eller en trappe "
                          "(2027:5000,2028:10000).",
                          "target='{value}' was ignored: write one amount (25000) or a staircase "
                          "(2027:5000,2028:10000)."),
    "notice_bad_phase": ("phase='{value}' blev ignoreret: skriv ID:25/50/100/100 (procent 0–100 pr. år).",
                         "phase='{value}' was ignored: write ID:25/50/100/100 (per cent 0–100 per year)."),
    "notice_bad_flag": ("{param}='{value}' blev ignoreret (brug 1 eller 0).",
                        "{param}='{value}' was ignored (use 1 or 0)."),
    "notice_unknown_initiative": ("Initiativet '{value}' findes ikke i data og er ikke med i planen.",
                                  "The initiative '{value}' does not occur in the data and is not in the plan."),
    "notice_phase_not_in_plan": ("Indfasning for '{value}' blev ignoreret: initiativet er ikke i planen.",
                                 "The phase-in for '{value}' was ignored: the initiative is not in the plan."),
    "notice_unknown_target_source": ("target_source='{value}' har ingen reduktionsmål og blev ignoreret.",
                                     "target_source='{value}' has no reduction targets and was ignored."),
    "notice_prices_outside_index": ("prices={value} ligger uden for PL-indeksets år og blev ignoreret.",
                                    "prices={value} is outside the PL index's years and was ignored."),
    "notice_target_overridden": ("target='{value}' blev ignoreret, fordi target_source er angivet.",
                                 "target='{value}' was ignored because target_source is given."),
    # budget table (download) and its notes
    "bt_title": ("Titel", "Title"),
    "bt_origin": ("Oprindelseskommune", "Origin municipality"),
    "bt_sector": ("Sektor", "Sector"),
    "bt_printed": ("Fuld effekt som trykt (t.kr.)", "Full-year effect as printed (DKK k)"),
    "bt_scaled": ("Fuld effekt skaleret (t.kr.)", "Full-year effect scaled (DKK k)"),
    "bt_scaled_prices": ("Fuld effekt skaleret (t.kr., {year}-priser)",
                         "Full-year effect scaled (DKK k, {year} prices)"),
    "bt_note": ("Beregning", "How computed"),
    "bt_total": ("I alt", "Total"),
    "bt_target": ("Mål", "Target"),
    "bt_remaining": ("Mangler", "Remaining"),
    "bt_prudent_total": ("I alt, forsigtigt skøn", "Total, prudent estimate"),
    "bt_remaining_note": ("mål − i alt; negativ = målet er overopfyldt", "target − total; negative = target exceeded"),
    "bt_prudent_note": ("hvert initiativ × sin sektors realiseringsgrad",
                        "each initiative × its sector's realisation rate"),
    "why_no_amount": ("intet forventet beløb i kilden", "no expected amount in the source"),
    "why_scaled": ("skaleret ×{factor} ({origin} {pop_origin} → {home} {pop_home} indb.)",
                   "scaled ×{factor} ({origin} {pop_origin} → {home} {pop_home} inhabitants)"),
    "why_scale_own": ("egen kommune: ikke skaleret", "own municipality: not scaled"),
    "why_scale_no_home": ("ikke skaleret: ingen egen kommune valgt", "not scaled: no own municipality chosen"),
    "why_scale_no_origin": ("ikke skaleret: kilden nævner ingen kommune",
                            "not scaled: the source names no municipality"),
    "why_scale_several": ("ikke skaleret: fra flere kommuner", "not scaled: from several municipalities"),
    "why_scale_unknown_population": ("ikke skaleret: indbyggertal ukendt", "not scaled: population unknown"),
    "why_prices": ("{year}-priser → {prices}-priser ×{factor}", "{year} prices → {prices} prices ×{factor}"),
    "why_price_assumed": (" (prisår = udgivelsesår, antaget)", " (price year = year published, assumed)"),
    "why_no_price_year": ("som trykt: prisår ukendt", "as printed: price year unknown"),
    "why_outside_index": ("som trykt: {year} ligger uden for PL-indekset",
                          "as printed: {year} is outside the PL index"),
    "why_phase_source": ("indfasning fra kilden ({first} → {start}): {shares} %",
                         "phase-in from the source ({first} → {start}): {shares} %"),
    "why_phase_override": ("indfasning tilpasset: {shares} %", "phase-in adjusted: {shares} %"),
    "why_phase_full": ("fuld effekt fra første år", "full effect from the first year"),
    "why_prudent_sector": ("forsigtigt: ×{rate} ({sector}, {cases})", "prudent: ×{rate} ({sector}, {cases})"),
    "why_prudent_overall": ("forsigtigt: ×{rate} (alle sektorer, {cases})", "prudent: ×{rate} (all sectors, {cases})"),
    "n_cases_one": ("{n} sag", "{n} case"),
    "n_cases_other": ("{n} sager", "{n} cases"),
    "n_initiatives_without_amount_one": ("{n} initiativ uden beløb indgår ikke",
                                         "{n} initiative without an amount is not included"),
    "n_initiatives_without_amount_other": ("{n} initiativer uden beløb indgår ikke",
                                           "{n} initiatives without an amount are not included"),
    "why_same_prices": ("allerede i {prices}-priser", "already in {prices} prices"),
    "why_prudent_none": ("forsigtigt: ingen realiseringsgrad kendt", "prudent: no realisation rate known"),
    "why_few": (", få sager", ", few cases"),
    # the "Om data" sheet
    "om_item": ("Emne", "Item"),
    "om_value": ("Værdi", "Value"),
    "om_made": ("Dannet", "Made"),
    "om_link": ("Planens adresse", "The plan's address"),
    "om_years": ("Budgetår", "Budget years"),
    "om_unit": ("Enhed", "Unit"),
    "om_unit_text": ("t.kr. (1.000 kr.) pr. år; en besparelse er positiv",
                     "DKK thousand per year; a saving is positive"),
    "om_target": ("Mål", "Target"),
    "om_home": ("Egen kommune", "Own municipality"),
    "om_home_text": ("{name}: {population} indbyggere pr. {date} ({source})",
                     "{name}: {population} inhabitants on {date} ({source})"),
    "om_no_home": ("ingen valgt: beløb som trykt", "none chosen: amounts as printed"),
    "om_scaling": ("Skalering", "Scaling"),
    "om_scaling_text": ("Et initiativ fra én anden kommune × indbyggere(egen) ÷ indbyggere(oprindelse); fra flere "
                        "eller ingen kommuner eller med ukendt indbyggertal: som trykt (se kolonnen Beregning).",
                        "An initiative from one other municipality × population(own) ÷ population(origin); from "
                        "several or no municipalities or with an unknown population: as printed (see the column "
                        "How computed)."),
    "om_prices": ("Prisniveau", "Price level"),
    "om_prices_text": ("{year}-priser", "{year} prices"),
    "om_as_printed": ("som trykt i hvert dokument", "as printed in each document"),
    "om_pl": ("PL-indeks", "PL index"),
    "om_pl_text": ("{source}; år {first}–{last}; {status}", "{source}; years {first}–{last}; {status}"),
    "om_pl_proxy": ("Bemærk", "Note"),
    "om_phase": ("Indfasning", "Phase-in"),
    "om_phase_text": ("Kildens årlige gevinster ÷ fuld effekt, flyttet så første år er første budgetår (et manglende "
                      "år har året før; efter kildens sidste år fuld effekt); ellers fuld effekt fra første år; "
                      "eller brugerens procenter.",
                      "The source's yearly gains ÷ full effect, shifted so the first year is the first budget year "
                      "(a missing year keeps the year before; after the source's last year the full effect); else "
                      "the full effect from the first year; or the user's percentages."),
    "om_prudent": ("Forsigtigt skøn", "Prudent estimate"),
    "om_prudent_text": ("Effekt × observeret realiseringsgrad i initiativets sektor (højst 100 %); under {few} sager "
                        "er grundlaget spinkelt.",
                        "Effect × observed realisation rate in the initiative's sector (at most 100 %); below {few} "
                        "cases the basis is thin."),
    "om_off": ("ikke valgt", "not chosen"),
    "om_sources": ("Dokumenter", "Documents"),
    "om_rounding": ("Afrunding", "Rounding"),
    "om_rounding_text": ("Årsbeløb afrundet til 0,1 t.kr.; summerne lægger de afrundede beløb sammen.",
                         "Yearly amounts rounded to 0.1 DKK k; the totals add the rounded amounts."),
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
    "totals_agree": ({"one": "{n} sum stemmer", "other": "alle {n} summer stemmer"},
                     {"one": "{n} total agrees", "other": "all {n} totals agree"}),
    "totals_differ": ({"one": "{n} af {total} afviger (op til {diff})",
                       "other": "{n} af {total} afviger (op til {diff})"},
                      {"one": "{n} of {total} differs (by up to {diff})",
                       "other": "{n} of {total} differ (by up to {diff})"}),
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
        ("Enheden ({value}) er udledt af tal som {figures_like}: {rule}.",
         "The unit ({value}) is inferred from figures such as {figures_like}: {rule}."),
        ("Enheden ({value}) er udledt: kolonnen »{unit_of_column}« angiver den, de øvrige kolonner ikke.",
         "The unit ({value}) is inferred: the column “{unit_of_column}” states it, the other columns do not."),
        ("Enheden er ikke trykt ved beløbet; den er udledt af dokumentets øvrige beløb.",
         "The unit is not printed with the amount; it is inferred from the document's other amounts."),)),
    "price_level_inferred": (("Prisniveau udledt", "Price level inferred"), (
        ("Prisniveauet ({value}) er udledt: teksten nævner p/l uden år, og budgetåret er {budget_year}.",
         "The price level ({value}) is inferred: the text names p/l without a year, and the budget year is "
         "{budget_year}."),
        ("Prisniveauet ({value}) er udledt, ikke trykt.", "The price level ({value}) is inferred, not printed."),
        ("Prisniveauet er udledt, ikke trykt.", "The price level is inferred, not printed."))),
    "sign_convention_inferred": (("Fortegn udledt", "Sign inferred"), (
        ("Tabellen siger ikke, hvordan den fortegner besparelser; {negative} af {figures} er trykt negative, så "
         "fortegnet er udledt: {value}.",
         "The table does not say how it signs savings; {negative} of {figures} are printed negative, so the sign "
         "is inferred: {value}."),
        ("Alle tal under »{all_negative_under}« er trykt negative; fortegnet er udledt: {value}.",
         "Every figure under “{all_negative_under}” is printed negative; the sign is inferred: {value}."),
        ("Dokumentet siger ikke, hvordan det fortegner besparelser; fortegnet er udledt af tallene "
         "(besparelser er positive i dashboardet).",
         "The document does not say how it signs savings; the sign is inferred from the figures "
         "(savings are positive in the dashboard)."),)),
    "encoding_uncertain": (("Tegnsæt usikkert", "Encoding uncertain"), (
        ("Teksten er læst som {encoding}, men enkelte bogstaver kan være forkerte (fx »Ã¸« for »ø«); "
         "kontrollér teksten.",
         "The text was read as {encoding}, but some letters may be wrong (e.g. “Ã¸” for “ø”); check the text."),
        ("Enkelte bogstaver i teksten kan være forkerte; kontrollér teksten.",
         "Some letters of the text may be wrong; check the text."))),
    "table_skipped": (("Tabel ikke læst", "Table not read"), (
        ("En tabel uden en kolonne med titler blev ikke læst.", "A table without a title column was not read."),)),
    "table_does_not_add_up": (("Total passer ikke", "Total does not add up"), (
        ("Totalen »{label}« for {year} er trykt som {printed}, men rækkerne over den giver {computed} "
         "(forskel {difference}).",
         "The total “{label}” for {year} is printed as {printed}, but the rows above it add up to {computed} "
         "(difference {difference})."),
        ("Totalen »{label}« er trykt som {printed}, men rækkerne over den giver {computed} (forskel {difference}).",
         "The total “{label}” is printed as {printed}, but the rows above it add up to {computed} "
         "(difference {difference})."),
        ("{field}: årene giver ikke rækkens total ({computed} mod {printed} trykt).",
         "{field}: the years do not add up to the row's total ({computed} against {printed} printed)."),
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
    "table_not_savings": (("Ikke en spareliste", "Not a list of savings"), (
        ("En tabel er ikke indlæst: den ligner et budget, et regnskab eller en budgetopfølgning, ikke en liste "
         "over besparelser.",
         "A table was not loaded: it looks like a budget, an account or a budget follow-up, not a list of "
         "savings."),)),
    "context_from_heading": (("Læst fra sammenhængen", "Read from the context"), (
        ("{field} »{value}« for {rows} er læst fra {source}.",
         "{field} “{value}” of {rows} was read from {source}."),
        ("{field} for nogle rækker er læst fra en overskrift, teksten over tabellen eller filnavnet.",
         "{field} of some rows was read from a heading, the lines above the table or the file name."))),
    "title_from_description": (("Titel fra beskrivelse", "Title from description"), (
        ("'{topic}' rummer typer af tiltag, ikke titler: titlerne på {rows} er beskrivelsens første led.",
         "'{topic}' holds types of measure, not titles: the titles of {rows} are the first clause of their "
         "description."),
        ("Tabellen har ingen titelkolonne: titlerne på {rows} er beskrivelsens første led.",
         "The table has no title column: the titles of {rows} are the first clause of their description."),)),
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
    "encoding": ("Tegnsæt", "Encoding"), "table_totals": ("Summer", "Totals"),
}
#: Count params of warnings and the counted phrase (PLURALS) each is shown with.
WARNING_COUNTS = {"footers": "count_page_footers", "years": "count_years", "titles": "count_titles",
                  "count": "count_amounts", "figures": "count_figures", "labels": "count_rows",
                  "rows": "count_rows"}
#: Values of warning params that are words of the ETL, not document text.
WARNING_WORDS: dict[str, tuple[str, str]] = {
    "budget_year": ("dokumentets budgetår", "the document's budget year"),
    "example_start": ("året, eksemplet siger, det startede", "the year the example says it started"),
    "expected": ("forventet", "expected"), "realised": ("realiseret", "realised"),
    "heading": ("gruppeoverskriften over dem", "the group heading over them"),
    "caption": ("teksten over tabellen", "the lines above the table"), "file_name": ("filnavnet", "the file name"),
    "True": ("ja", "yes"), "False": ("nej", "no"),
    "saving_negative": ("minus = besparelse", "minus = saving"),
    "saving_positive": ("plus = besparelse", "plus = saving"),
    # how a table's unit was guessed (etl.table_amounts.infer_unit)
    "whole_kroner": ("hele tusinder, altså kroner", "whole thousands, so kroner"),
    "millions": ("små tal med decimaler, altså millioner", "small figures with decimals, so millions"),
    "thousands": ("tusinder af kroner, som danske budgettabeller trykker", "thousands of kroner, as Danish budget "
                  "tables print"),  # a yes/no read from the context (``adopted``)
}
#: Money params of warnings named without the ``_tkr`` suffix (the table reader's totals check).
WARNING_MONEY = {"printed", "computed", "difference"}


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
    """The string ``key`` for the count ``n`` in ``lang`` — the one plural helper. The form is
    chosen by Babel's CLDR plural rule for the language; ``{n}`` is the count in the language's
    number format: ``tn("count_initiatives", 1)`` → ``1 initiativ``, ``2`` → ``2 initiativer``.

    The forms are a :data:`PLURALS` entry, or ``<key>_one`` / ``<key>_other`` strings in :data:`T`."""
    form = plural_form(n, lang)
    count = fmt_num(n, lang, 0) if float(n).is_integer() else fmt_num(n, lang, 1)
    forms = PLURALS.get(key)
    if forms is not None:
        pair = forms[1 if lang == "en" else 0]
        return pair.get(form, pair["other"]).format(n=count, **kw)
    key_form = f"{key}_{form}" if f"{key}_{form}" in T else f"{key}_other"
    return t(key_form, lang, n=count, **kw)


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


def format_label(name, lang: str = "da") -> str:
    """A document format (``--format NAME``, sources.format) as a reader calls it: ``recovery_plan``
    → ``Genopretningsplan``; a format without a label shows its name."""
    key = f"format_{name}"
    return t(key, lang) if isinstance(name, str) and key in T else str(name or "")


def warning_kind(code, lang: str = "da") -> str:
    """The short name of a warning code (the kind of problem); an unknown code shows itself."""
    entry = WARNING_CODES.get(code) if isinstance(code, str) else None
    return (entry[0][1] if lang == "en" else entry[0][0]) if entry else str(code or "")


def _warning_value(name: str, value, lang: str) -> str:
    if (name.endswith("_tkr") or name in WARNING_MONEY) and isinstance(value, (int, float)):
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
