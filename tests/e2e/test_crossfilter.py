"""A click on a chart bar filters every page (the cross-filter): the URL gains the parameter,
so the narrowed view can be shared like any other, and the key figures follow."""
from __future__ import annotations

from tests.e2e import oracle
from tests.e2e.ui import (
    bars,
    category_labels,
    click_mark,
    expect_url_param,
    metric_number,
    open_page,
    query_of,
    tr,
    wait_idle,
)


def test_clicking_a_sector_bar_filters_by_that_sector(page, server, sql):
    everything = oracle.total(sql).count
    open_page(page, server.url, "/")
    assert metric_number(page, tr("kpi_initiatives")) == everything

    by_label = {label: sector for sector, label in sql("SELECT sector, label_da FROM sectors")}
    labels = category_labels(page, "ov_sectors")  # bar i is drawn for label i
    marks = bars(page, "ov_sectors")
    assert marks.count() == len(labels) > 0
    # the widest bar whose sector narrows the data (a click on "all of them" would prove nothing)
    candidates = []
    for i, label in enumerate(labels):
        sector = by_label.get(label)
        if sector and 0 < oracle.filtered(sql, sector=[sector]).count < everything:
            candidates.append((marks.nth(i).locator("path").bounding_box()["width"], i, sector))
    assert candidates, f"no sector bar narrows the data: {labels}"
    _, i, sector = max(candidates)

    click_mark(page, marks.nth(i).locator("path"))

    expect_url_param(page, "sector", sector)
    wait_idle(page)
    want = oracle.filtered(sql, sector=[sector])
    assert metric_number(page, tr("kpi_initiatives")) == want.count != everything


def test_clicking_a_year_bar_adds_the_year_to_the_current_filter(page, server, sql):
    shared = oracle.shared_filter(sql)
    sector = shared["sector"]
    open_page(page, server.url, "/", {"sector": sector})
    before = oracle.filtered(sql, sector=[sector])
    assert metric_number(page, tr("kpi_initiatives")) == before.count

    years = category_labels(page, "ov_by_year", axis="x")
    marks = bars(page, "ov_by_year")
    assert marks.count() == len(years) > 0
    # the tallest bar of a year that leaves some initiatives out
    candidates = [(marks.nth(i).locator("path").bounding_box()["height"], i, int(y)) for i, y in enumerate(years)
                  if oracle.filtered(sql, sector=[sector], year_from=int(y), year_to=int(y)).count < before.count]
    assert candidates, f"every initiative of {sector} is in one year"
    _, i, year = max(candidates)

    click_mark(page, marks.nth(i).locator("path"))

    expect_url_param(page, "year_from", str(year))
    expect_url_param(page, "year_to", str(year))
    wait_idle(page)
    assert query_of(page)["sector"] == [sector], "the click narrows the filter, it does not replace it"
    want = oracle.filtered(sql, sector=[sector], year_from=year, year_to=year)
    assert metric_number(page, tr("kpi_initiatives")) == want.count
