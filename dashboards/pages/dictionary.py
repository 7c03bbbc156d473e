"""Gegevenswoordenboek: every published table and column with its Dutch description, from the warehouse."""

from __future__ import annotations

import html

from dashboards.data import SiteData
from dashboards.layout import Block, Page, table


def build(data: SiteData) -> Page:
    sections = []
    for t in data.tables.itertuples():
        columns = data.columns[
            (data.columns["schema_name"] == t.schema_name) & (data.columns["table_name"] == t.table_name)
        ]
        sections.append(
            f'<h3 id="{t.schema_name}.{t.table_name}">{html.escape(t.schema_name)}.{html.escape(t.table_name)}</h3>'
            f"<p>{html.escape(t.comment or '')}</p>"
            + table(
                ["kolom", "type", "omschrijving"],
                [[c.column_name, c.data_type, c.comment] for c in columns.itertuples()],
                caption=f"Kolommen van {t.schema_name}.{t.table_name}",
            )
        )
    return Page(
        file="woordenboek.html",
        title="Gegevenswoordenboek",
        intro="Alle tabellen en kolommen van het gepubliceerde datawarehouse (data/warehouse.duckdb) met hun "
        "omschrijving, rechtstreeks uit de commentaren in de databank.",
        blocks=[
            Block(
                "Tabellen en kolommen",
                "Bron: de COMMENTs van data/warehouse.duckdb.",
                {"": "".join(sections)},
                by_year=False,
            )
        ],
    )
