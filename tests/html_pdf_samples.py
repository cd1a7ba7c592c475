"""Hand-built documents for the HTML/PDF renderer tests and benchmark.

They cover every block and inline type of the model with text shaped like a briefing pack:
a cover, contents, numbered paragraphs with provenance footnotes, lettered actions, brackets
with proposers, a table long enough to span pages and a bar chart. ``sections`` scales the
document (about 6 pages per section at the defaults) for the benchmark.
"""

from __future__ import annotations

from composer.model.document import (
    ActionItem,
    ActionList,
    BarChart,
    Bracket,
    BulletList,
    CrossRef,
    Div,
    Document,
    Emph,
    Heading,
    Meta,
    Note,
    PageBreak,
    Para,
    Provenance,
    Strong,
    Table,
    TableOfContents,
    Text,
)

THEMES = [
    ("Human rights of all migrants", "the protection of the human rights of all migrants, regardless of status"),
    ("Drivers of migration", "the adverse drivers and structural factors that compel people to leave"),
    ("Climate and disasters", "displacement in the context of sudden-onset and slow-onset disasters"),
    ("Regular pathways", "the availability and flexibility of pathways for regular migration"),
    ("Decent work", "fair and ethical recruitment and conditions that ensure decent work"),
    ("Data and evidence", "accurate and disaggregated data as a basis for evidence-based policies"),
    ("Return and reintegration", "safe and dignified return, readmission and sustainable reintegration"),
    ("International cooperation", "international cooperation and global partnerships for migration"),
]

SOURCES = ["GFMD 2017", "IOM IDM 27", "UNHCR 2016", "ILO 2017"]
ACTORS = ["Mexico", "Switzerland", "Bangladesh", "Morocco", "Germany", "Philippines", "IOM", "OHCHR"]


def note_text(n: int) -> str:
    """A provenance footnote with a deterministic, distinct text (the checks look for each one)."""
    source = SOURCES[n % len(SOURCES)]
    actor = ACTORS[n % len(ACTORS)]
    page = 3 + (n * 7) % 70
    extra = ""
    if n % 5 == 0:
        extra = (
            " The statement was made in the roundtable on partnerships and repeated in the closing "
            "session, where several delegations asked that it be reflected in the zero draft."
        )
    return f"{source}, Geneva, session report, p. {page}. Stated by {actor} (clause c{n:03d}).{extra}"


class _Notes:
    """Counts notes as they are made, so that note *n* carries text ``note_text(n)``."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> Note:
        self.count += 1
        n = self.count
        provenance = Provenance(f"c{n:03d}", f"src{n % 4}", "page", str(3 + (n * 7) % 70), (ACTORS[n % 8],), 2017)
        return Note((Text(note_text(n)),), provenance)


def _long_sentence(theme: str, n: int) -> str:
    return (
        f"Participants stressed that {theme} requires a whole-of-government and whole-of-society "
        f"approach, anchored in international law and in the 2030 Agenda for Sustainable Development, "
        f"and recalled that States retain the sovereign right to determine their national migration "
        f"policy (point {n}). They called for measurable commitments, regular review at regional level "
        f"and the meaningful participation of migrants, diaspora, local authorities, the private sector "
        f"and trade unions in the design, implementation and follow-up of the commitments."
    )


def _section(index: int, title: str, theme: str, notes: _Notes, with_table: bool) -> list:
    blocks: list = [
        Heading(1, (Text(f"{index}. {title}"),), id=f"sec-{index}"),
        Para((Text(f"This section gathers what was recommended on {theme}."),), style="lead", id=f"lead-{index}"),
        Para(
            (Strong((Text("Agreed language (GCM para 15): "),)), Emph((Text(f"We commit to address {theme}."),))),
            style="quote",
            id=f"agreed-{index}",
        ),
        Heading(2, (Text("Key recommendations"),), id=f"sec-{index}-key"),
    ]
    for k in range(3):
        blocks.append(
            Para((Text(_long_sentence(theme, k)), notes(), Text(" (")), id=f"s{index}-p{k}", numbered=True)
        )
        blocks[-1].content = (*blocks[-1].content, CrossRef(f"cf. GCM para {16 + k}({'abc'[k]})", "16"), Text(")."))
    blocks.append(
        Para(
            (
                Text("States should "),
                Bracket(((Text("ensure"),), (Text("endeavour to ensure"),)), ("Mexico", "Switzerland")),
                Text(" access to basic services for all migrants"),
                notes(),
                Text(", and "),
                Bracket(((Text("shall"),), (Text("should"),), (Text("may"),))),
                Text(" report on progress"),
                notes(),
                Text("."),
            ),
            id=f"s{index}-brackets",
            numbered=True,
        )
    )
    blocks.append(Para((Text("To realize this commitment, we will draw from the following actions:"),), style="chapeau"))
    blocks.append(
        ActionList(
            [
                ActionItem((Text(f"Develop national strategies on {theme}"), notes(), Text(";")), id=f"s{index}-a1"),
                ActionItem((Text("Strengthen cooperation with countries of origin, transit and destination;"),)),
                ActionItem(
                    (Text("Establish a mechanism to review progress every two years"), notes(), Text(".")),
                    id=f"s{index}-a3",
                ),
            ],
            id=f"s{index}-actions",
        )
    )
    blocks.append(Heading(3, (Text("Good practices reported"),), id=f"sec-{index}-practice"))
    blocks.append(
        BulletList(
            [
                (Text("A one-stop shop for migrant workers, with information in twelve languages"), notes()),
                (Text("Bilateral labour agreements with portable social security entitlements."),),
            ],
            id=f"s{index}-bullets",
        )
    )
    blocks.append(Para((Text("Clauses in this section are verbatim; see the annex for sources."),), style="note"))
    blocks.append(Para((Text("Footnotes give the page of the session report."),), style="small"))
    if with_table:
        header = [(Text("Country or organisation"),), (Text("Position"),), (Text("Obj."),), (Text("Source"),)]
        rows = []
        for r in range(38):
            actor = ACTORS[r % len(ACTORS)]
            position: tuple = (Strong((Text("Recommendation: "),)), Text(_long_sentence(theme, r).split(", and recalled")[0] + "."))
            if r % 9 == 0:
                position = (*position, notes())
            rows.append([(Text(actor),), position, (Text(str(1 + r % 23)),), (Text(f"{SOURCES[r % 4]}, p. {r + 3}"),)])
        blocks.append(Table(header, rows, caption="Positions by actor", id=f"s{index}-table", widths=(2.2, 7, 0.9, 2.4)))
    return blocks


def sample_document(sections: int = 6, *, date: str = "2017-04-06") -> Document:
    """A briefing-pack-like document: about 8 footnotes per section, a long table in section 2."""
    notes = _Notes()
    cover = Div(
        "cover",
        [
            Para((Text("Briefing pack \u2014 Cluster 1: Human rights of all migrants"),), style="cover-title"),
            Para((Text("Global Compact for Safe, Orderly and Regular Migration"),), style="cover-subtitle"),
            Para((Text("Informal thematic session, Geneva, 8\u20139 May 2017"),), style="cover-meta"),
            Para((Text("Prepared for the delegation of Freedonia"),), style="cover-meta"),
            Para((Text("6 April 2017 \u2014 version 3"),), style="cover-meta"),
            Para((Text("For delegation use"),), style="cover-mark"),
        ],
        id="cover",
    )
    blocks: list = [cover, TableOfContents()]
    blocks.append(Heading(1, (Text("Scope"),), id="scope"))
    blocks.append(
        Para((Text("This pack gathers what was recommended in the run-up to the compact."), notes()), style="lead")
    )
    labels = [f"{i + 1} {THEMES[i % len(THEMES)][0]}" for i in range(min(sections + 2, 10))]
    blocks.append(
        BarChart(
            "Clauses per objective",
            labels,
            [12, 7, 19, 3, 0, 9, 14, 5, 11, 2][: len(labels)],
            caption="Figure 1. Clauses per objective (primary objective)",
            id="chart-objectives",
        )
    )
    for i in range(sections):
        title, theme = THEMES[i % len(THEMES)]
        blocks.append(Div("section", _section(i + 1, title, theme, notes, with_table=(i == 1)), id=f"div-{i + 1}"))
    blocks.append(PageBreak())
    blocks.append(
        Div(
            "annex",
            [
                Heading(1, (Text("Annex: Sources"),), id="annex-sources"),
                Table(
                    [(Text("Source"),), (Text("Organisation, event, place, date"),), (Text("Clauses"),)],
                    [[(Text(s),), (Text(f"{s} report, Geneva"), notes()), (Text(str(10 + k)),)] for k, s in enumerate(SOURCES)],
                    caption="Source documents",
                    id="sources-table",
                    widths=(3, 6, 1.2),
                ),
            ],
            id="annex",
        )
    )
    meta = Meta(
        title="Briefing pack \u2014 Cluster 1: Human rights of all migrants",
        subtitle="Global Compact for Safe, Orderly and Regular Migration",
        date=date,
        version="3",
        delegation="Freedonia",
        classification="For delegation use",
        subject="GCM briefing pack: Cluster 1",
        keywords=("GCM", "migration", "briefing"),
    )
    return Document(meta, blocks)
