"""``initiative_facets_view`` (etl/schema.sql) lists each initiative's municipalities, sectors and
types from one aggregate of the three link tables (``lx``): an initiative with some of them, all
or none gets exactly its own values, sorted, with the names, labels and sector bits beside them."""
from __future__ import annotations

import duckdb
import pytest

from etl import load

# (name, municipalities, (sector, source_sector) pairs, types) of the initiative "b"; "a" and "c"
# always have their own links, so a value leaking between initiatives shows
CASES = [
    ("no links", [], [], []),
    ("municipalities only", ["Køge", "Aarhus"], [], []),
    ("sectors only, one not canonical", [], [("skole", "Skoler"), (None, "Andet")], []),
    ("types only", [], [], ["Indkøb", "Digitalisering"]),
    ("all three", ["Aalborg"], [("dagtilbud", "Dagtilbud")], ["Serviceniveau"]),
]
OTHERS = {"a": (["Esbjerg"], [("dagtilbud", "Børnehaver")], ["Indkøb"]),
          "c": (["Viborg", "Køge"], [("skole", "Skole"), ("dagtilbud", "Dagtilbud")], ["Organisering"])}


def _facets(links: dict) -> dict:
    con = duckdb.connect()
    load.create_schema(con)
    for iid, (municipalities, sectors, types) in links.items():
        con.execute("INSERT INTO initiatives (initiative_id, source_id, title) VALUES (?, 's', ?)", [iid, iid])
        for m in municipalities:
            con.execute("INSERT INTO initiative_municipalities VALUES (?, ?)", [iid, m])
        for sector, printed in sectors:
            con.execute("INSERT INTO initiative_sectors VALUES (?, ?, ?)", [iid, sector, printed])
        for t in types:
            con.execute("INSERT INTO initiative_types VALUES (?, ?)", [iid, t])
    rows = con.execute("""SELECT initiative_id, municipalities, sectors, types, sector_names, type_names,
                                 sector_labels_da, sector_mask FROM initiative_facets_view""").fetchall()
    labels = dict(con.execute("SELECT sector, label_da FROM sectors").fetchall())
    masks = dict(con.execute("SELECT sector, 1 << (sort_order - 1) FROM sectors").fetchall())
    con.close()
    return {r[0]: r[1:] for r in rows}, labels, masks


def _expected(municipalities, sectors, types, labels, masks) -> tuple:
    canonical = sorted({s for s, _ in sectors if s is not None})
    names = sorted({s if s is not None else printed for s, printed in sectors})
    labelled = sorted({labels[s] if s is not None else printed for s, printed in sectors})
    mask = 0
    for s in canonical:
        mask |= masks[s]
    return (sorted(set(municipalities)), canonical, sorted(set(types)), ", ".join(names) or None,
            ", ".join(sorted(types)) or None, "; ".join(labelled) or None, mask)


@pytest.mark.parametrize(("name", "municipalities", "sectors", "types"), CASES, ids=[c[0] for c in CASES])
def test_each_initiative_gets_its_own_lists(name, municipalities, sectors, types):
    links = {**OTHERS, "b": (municipalities, sectors, types)}
    got, labels, masks = _facets(links)
    assert set(got) == {"a", "b", "c"}
    for iid, (m, s, t) in links.items():
        assert got[iid] == _expected(m, s, t, labels, masks), iid
