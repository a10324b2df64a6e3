"""The dashboard's pages, in navigation order: URL path (contract §3), title, icon, renderer.

Adding a page: write ``app/pages/<name>.py`` with ``def render(c: Ctx) -> None`` (queries
through ``c.query(queries.<fn>, …)``, figures from ``app.figures``) and add one
:class:`PageSpec` line below. ``dashboard.py`` turns each into an ``st.Page``.

WHY here and not in a top-level ``pages/`` folder: a folder of that name next to the entry
point puts Streamlit into its legacy multipage mode until ``st.navigation`` first runs, so a
bookmarked ``/explorer?…`` as the first request after a server start ran the page file bare."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.page import Ctx
from app.pages import expected_vs_realised, explorer, overview, phase_in, planner, sectors, sources


@dataclass(frozen=True)
class PageSpec:
    url_path: str  # "" = the default page, served at /
    title_key: str  # app.i18n key
    icon: str
    render: Callable[[Ctx], None]

    @property
    def path(self) -> str:
        """The public URL path: ``/`` or ``/<url_path>``."""
        return "/" + self.url_path


PAGES: tuple[PageSpec, ...] = (
    PageSpec("", "page_overview", ":material/dashboard:", overview.render),
    PageSpec("expected-vs-realised", "page_evr", ":material/compare_arrows:", expected_vs_realised.render),
    PageSpec("phase-in", "page_phase_in", ":material/stairs:", phase_in.render),
    PageSpec("sectors", "page_sectors", ":material/category:", sectors.render),
    PageSpec("explorer", "page_explorer", ":material/table_view:", explorer.render),
    PageSpec("sources", "page_sources", ":material/description:", sources.render),
    PageSpec("planner", "page_planner", ":material/savings:", planner.render),
)
