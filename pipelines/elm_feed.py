"""The catalogue feed for the leer- en loopbaanrekening and Europass: every current offer as an ELM v3
LearningOpportunity (JSON-LD, one catalogue document with an @graph), and its validation against the EU's
SHACL shapes of the Learning Opportunities and Qualifications profile (data/reference/elm/, unchanged copies).

One catalogue file, not one per offer or provider: Europass and the leer- en loopbaanrekening take a provider's or
a register's catalogue as one JSON-LD dataset, and one file is one atomic version of the whole offer.

JSON-LD is read fully offline: the ELM context is loaded from the committed copy, never fetched; a document that
names any other remote context is refused instead of downloaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import rdflib
from rdflib.namespace import RDF, SH

from pipelines.settings import REFERENCE_DIR

ELM_DIR = REFERENCE_DIR / "elm"
SHAPES_FILE = ELM_DIR / "LOQ-constraints.ttl"
CONTEXT_FILE = ELM_DIR / "edc-ap-context.jsonld"
# The address under which the EU publishes the context (the `@context` of European Digital Credentials).
CONTEXT_URL = "http://data.europa.eu/snb/model/context/edc-ap"
FEED_NAME = "catalogus.jsonld"
FEED_FOLDER = "elm"
ELM = rdflib.Namespace("http://data.europa.eu/snb/model/elm/")
# The shapes' patterns are Java regular expressions; these are their Python equivalents (SOURCE.md): Java's
# nested character classes are unions, `\p{L}\p{Nl}\p{Nd}` is what Python's `\w` matches (plus `_`), and an
# inline `(?i)` after `^` becomes the SHACL flag "i".
JAVA_TO_PYTHON = (
    ("[[A-Fa-f0-9]\\:\\.]", "[A-Fa-f0-9:.]"),
    ("[%[\\p{L}\\p{Nl}\\p{Nd}]]", "[%\\w]"),
)
CASE_INSENSITIVE = "^(?i)"
MAX_LISTED = 10
# What a SHACL constraint that fails means, in the users' words; another constraint keeps pySHACL's message.
CONSTRAINTS_NL = {
    SH.MinCountConstraintComponent: "verplicht, maar ontbreekt",
    SH.MaxCountConstraintComponent: "te veel waarden",
    SH.DatatypeConstraintComponent: "verkeerd gegevenstype",
    SH.ClassConstraintComponent: "verwijst niet naar een knoop van de vereiste klasse",
    SH.ClosedConstraintComponent: "eigenschap die het profiel niet kent",
    SH.NodeConstraintComponent: "waarde voldoet niet aan de vorm",
    SH.AndConstraintComponent: "waarde voldoet niet aan de vorm",
    SH.OrConstraintComponent: "waarde voldoet niet aan de vorm",
    SH.PatternConstraintComponent: "ongeldig formaat",
    SH.UniqueLangConstraintComponent: "meer dan een waarde in dezelfde taal",
}


class FeedInvalid(Exception):
    """The feed does not conform to the ELM shapes; the message names each offer and property, in Dutch."""

    def __init__(self, message: str, count: int = 0, examples: str = ""):
        super().__init__(message)
        self.count = count
        self.examples = examples


@dataclass(frozen=True)
class Violation:
    opportunity: str
    path: str
    message: str


def feed_path(folder: Path) -> Path:
    return folder / FEED_NAME


def homepage_url(site_url: str) -> str:
    """The offer browser of the published site, where every offer has its own entry."""
    return site_url.rstrip("/") + "/aanbod-zoeken.html#"


def write_feed(con: duckdb.DuckDBPyConnection, target: Path, site_url: str) -> Path:
    """The JSON-LD catalogue of marts.elm_opportunities, each node with its homepage, as one document."""
    (document,) = con.execute(
        """
        SELECT json_object(
            '@context', $1,
            '@graph', coalesce(list(json_merge_patch(node, json_object(
                'homepage', json_object('@type', 'WebResource',
                                        'contentURL', $2 || url_encode(provider_id || '/' || offer_id))))
                ORDER BY provider_id, offer_id), []))
        FROM marts.elm_opportunities
        """,
        [CONTEXT_URL, homepage_url(site_url)],
    ).fetchone()
    target.write_text(document, encoding="utf-8")
    return target


@cache
def _context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def offline_document(document: dict) -> dict:
    """The document with the ELM context in place of its address, so that no JSON-LD processor fetches it."""

    def resolve(context: object) -> object:
        if isinstance(context, list):
            return [resolve(c) for c in context]
        if isinstance(context, str):
            if context.rstrip("/") != CONTEXT_URL:
                raise FeedInvalid(f"Onbekende JSON-LD-context {context!r}: alleen de ELM-context ({CONTEXT_URL}).")
            return _context()
        return context

    return {**document, "@context": resolve(document.get("@context"))}


def feed_graph(path: Path) -> rdflib.Graph:
    """The RDF graph of a feed file, parsed offline."""
    document = offline_document(json.loads(path.read_text(encoding="utf-8")))
    graph = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    graph.bind("dc", rdflib.DCTERMS, replace=True)
    graph.bind("elm", ELM)
    return graph


@cache
def shapes_graph() -> rdflib.Graph:
    """The LOQ shapes as published, with their Java patterns in the Python form pySHACL compiles."""
    graph = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    for shape, pattern in list(graph.subject_objects(SH.pattern)):
        text = str(pattern)
        for java, python in JAVA_TO_PYTHON:
            text = text.replace(java, python)
        if text.startswith(CASE_INSENSITIVE):
            text = "^" + text.removeprefix(CASE_INSENSITIVE)
            graph.add((shape, SH.flags, rdflib.Literal("i")))
        graph.set((shape, SH.pattern, rdflib.Literal(text)))
    return graph


def violations(graph: rdflib.Graph) -> list[Violation]:
    """Every violation of the LOQ shapes, each placed at the learning opportunity it belongs to."""
    # pySHACL takes a tenth of a second to import: not at every load of the code location.
    import pyshacl

    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none", abort_on_first=False)
    if conforms:
        return []
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        component = results.value(result, SH.sourceConstraintComponent)
        found.append(
            Violation(
                opportunity=_opportunity_of(graph, focus),
                path=_short(graph, path) if path is not None else "(knoop)",
                message=CONSTRAINTS_NL.get(component) or str(results.value(result, SH.resultMessage) or ""),
            )
        )
    return sorted(found, key=lambda v: (v.opportunity, v.path, v.message))


def _opportunity_of(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    """The learning opportunity a (nested) node belongs to: the nearest one above it."""
    seen = set()
    todo = [node]
    while todo:
        current = todo.pop(0)
        if (current, RDF.type, ELM.LearningOpportunity) in graph:
            return str(current)
        seen.add(current)
        todo.extend(s for s in graph.subjects(None, current) if s not in seen)
    return str(node)


def _short(graph: rdflib.Graph, path: rdflib.term.Node) -> str:
    try:
        return graph.namespace_manager.normalizeUri(path)
    except Exception:  # noqa: BLE001 - a path that is no IRI (a SHACL path expression) is shown as it is
        return str(path)


def check_feed(path: Path) -> int:
    """The number of learning opportunities in a conforming feed; FeedInvalid (in Dutch) otherwise."""
    graph = feed_graph(path)
    found = violations(graph)
    if found:
        listed = "; ".join(f"{v.opportunity}: {v.path}: {v.message}" for v in found[:MAX_LISTED])
        more = f" (en nog {len(found) - MAX_LISTED})" if len(found) > MAX_LISTED else ""
        raise FeedInvalid(
            f"De ELM-catalogus {path.name} voldoet niet aan de EU-vormregels (LOQ-constraints): "
            f"{len(found)} overtreding(en), bv. {listed}{more}. "
            "Europass zou de feed weigeren; hij is niet gepubliceerd.",
            count=len(found),
            examples=listed + more,
        )
    return len(set(graph.subjects(RDF.type, ELM.LearningOpportunity)))
