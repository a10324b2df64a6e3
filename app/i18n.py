"""Every UI string and number format, Danish first, English second.

Keeping the strings in one table means a page cannot forget a translation and
the tests can switch language by URL alone. Numbers go through Babel so the
thousands and decimal separators follow the language (``1.234,5`` vs ``1,234.5``)."""
from __future__ import annotations

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
    "unmapped_title": ("Sektornavne uden fast sektor ({n})", "Sector names without a canonical sector ({n})"),
    "unmapped_help": ("Navnene står som trykt i kilden. Initiativerne er indlæst, men tæller ikke med under en "
                      "sektor, før navnet får en sektor i etl/sectors.py.",
                      "The names as the source prints them. The initiatives are loaded but count under no sector "
                      "until the name is given one in etl/sectors.py."),
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
    "pl_col_realisation": ("Realiseret/forventet", "Realised/expected"),
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


def t(key: str, lang: str = "da", **kw) -> str:
    """The UI string ``key`` in ``lang``; unknown keys show themselves (visible, not a crash)."""
    pair = T.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kw) if kw else text


def tn(key: str, n: int, lang: str = "da", **kw) -> str:
    """A string with a count: ``<key>_one`` or ``<key>_other`` by the language's plural rule (Babel's
    CLDR rules), the count formatted as ``{n}``: "1 sag", "2 sager"."""
    form = Locale.parse(LOCALE.get(lang, LOCALE["da"])).plural_form(n)
    key_form = f"{key}_{form}" if f"{key}_{form}" in T else f"{key}_other"
    return t(key_form, lang, n=fmt_num(n, lang, 0), **kw)


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
