"""Hand-built document models for the DOCX renderer's tests, visual checks and benchmark.

:func:`sample_document` covers every block and inline type: a cover, contents, headings,
numbered paragraphs with lettered actions, brackets, cross-references, a table, a chart and
``notes_per_objective`` footnotes for each objective.
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

OBJECTIVE_TITLES = (
    "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies",
    "Minimize the adverse drivers and structural factors that compel people to leave their country of origin",
    "Provide accurate and timely information at all stages of migration",
    "Address and reduce vulnerabilities in migration",
    "Save lives and establish coordinated international efforts on missing migrants",
)


def note(index: int, objective: int) -> Note:
    """A provenance footnote with a distinct, checkable text."""
    return Note(
        (
            Text(f"IOM, International Dialogue on Migration No. 27 (2017), p. {index + 3}; "),
            Emph((Text(f"clause idm27-p{index}-objective-{objective}-recommendation-{index}"),)),
            Text(f". Footnote marker FN{objective:02d}{index:02d}."),
        ),
        provenance=Provenance(f"idm27-p{index}", "iom-idm27", "page", str(index + 3), ("participants",), 2017),
    )


def sample_document(objectives: int = 5, notes_per_objective: int = 7, actions: int = 4) -> Document:
    """A realistic draft: cover, contents, preamble, objectives with actions and many footnotes."""
    cover = Div(
        "cover",
        [
            Para((Text("Global Compact for Safe, Orderly and Regular Migration"),), style="cover-title"),
            Para((Text("Zero draft plus: text of the objectives under negotiation"),), style="cover-subtitle"),
            Para((Text("Draft \u2014 version 0.3 \u2014 13 July 2018"),), style="cover-meta"),
            Para((Text("Prepared for the delegation of Utopia"),), style="cover-meta"),
            Para((Text("For delegation use"),), style="cover-mark"),
        ],
        id="cover",
    )
    blocks: list = [cover, TableOfContents(), PageBreak(), Heading(1, (Text("Preamble"),), id="preamble")]
    blocks.append(
        Para(
            (
                Text("This draft gathers recommendations from the thematic consultations. "),
                Strong((Text("Bracketed text"),)),
                Text(" is still under negotiation."),
            ),
            style="lead",
            id="intro",
        )
    )
    for i in range(3):
        blocks.append(
            Para(
                (
                    Text(
                        f"Preambular paragraph {i + 1}: we reaffirm the Universal Declaration of Human Rights "
                        "and the core international human rights treaties, and we acknowledge the shared "
                        "responsibility of Member States to address the needs of migrants."
                    ),
                ),
                id=f"preamble-{i + 1}",
                numbered=True,
            )
        )
    blocks.append(Heading(1, (Text("Objectives and commitments"),), id="objectives"))
    for obj in range(1, objectives + 1):
        title = OBJECTIVE_TITLES[(obj - 1) % len(OBJECTIVE_TITLES)]
        blocks.append(Heading(2, (Text(f"Objective {obj}: {title}"),), id=f"objective-{obj}"))
        blocks.append(
            Para(
                (
                    Text(f"We commit to {title[0].lower()}{title[1:]}, "),
                    Bracket(((Text("in full respect of"),), (Text("taking into account"),)), ("Utopia", "Ruritania")),
                    Text(" national sovereignty and international law"),
                    note(0, obj),
                    Text(" ("),
                    CrossRef("cf. GCM para 17", "gcm-17"),
                    Text(")."),
                ),
                id=f"commitment-{obj}",
                numbered=True,
            )
        )
        blocks.append(
            Para(
                (Text("To realize this commitment, we will draw from the following actions:"),),
                style="chapeau",
                id=f"chapeau-{obj}",
            )
        )
        items = []
        for a in range(actions):
            inlines: list = [
                Text(
                    f"Develop and implement measures for action {a + 1} of objective {obj}, "
                    "in cooperation with relevant stakeholders"
                )
            ]
            per_action = max(notes_per_objective - 1, 0) // max(actions, 1) + (
                1 if a < max(notes_per_objective - 1, 0) % max(actions, 1) else 0
            )
            for k in range(per_action):
                inlines.append(note(1 + a * 10 + k, obj))
            inlines.append(Text(";" if a < actions - 1 else "."))
            items.append(ActionItem(tuple(inlines), id=f"idm27-p{obj}-objective-{obj}-long-clause-identifier-{a}"))
        blocks.append(ActionList(items, id=f"actions-{obj}"))
        if obj == 2:
            blocks.append(
                Table(
                    [(Text("Actor"),), (Text("Position"),), (Text("Year"),)],
                    [
                        [
                            (Text("Utopia"),),
                            (Text("Supports "), Emph((Text("stronger"),)), Text(" language")),
                            (Text("2017"),),
                        ],
                        [(Text("Ruritania"),), (Text("Prefers \u201ctaking into account\u201d"),), (Text("2018"),)],
                        [(Text("Participants"),), (Text("Called for disaggregated data"),), (Text("2017"),)],
                    ],
                    caption="Table 1. Positions by actor",
                    id="positions-table",
                    widths=(2.2, 7, 1),
                )
            )
        if obj == 3:
            blocks.append(
                BarChart(
                    "Recommendations by objective",
                    [f"Objective {n}" for n in range(1, 8)],
                    [12, 7, 19, 25, 4, 9, 15],
                    caption="Figure 1. Recommendations in the selection, by objective",
                    id="chart-objectives",
                )
            )
    blocks.append(Heading(1, (Text("Not reflected in the compact"),), id="not-reflected"))
    blocks.append(Para((Text("The following recommendations are not taken up by the adopted text."),), style="note"))
    blocks.append(
        BulletList(
            [(Text("Portability of social security benefits"),), (Text("Firewalls between services"),)],
            id="not-reflected-list",
        )
    )
    blocks.append(Heading(3, (Text("Quoted agreed language"),), id="agreed"))
    blocks.append(
        Para(
            (
                Text(
                    "We will ensure that all migrants, regardless of their migration status, can exercise "
                    "their human rights through safe access to basic services."
                ),
            ),
            style="quote",
        )
    )
    blocks.append(Para((Text("Small print: generated by compact-composer."),), style="small"))
    meta = Meta(
        title="Global Compact for Migration: draft objectives",
        subtitle="Zero draft plus",
        kind="draft",
        date="2018-07-13",
        version="0.3",
        status="Draft",
        delegation="Utopia",
        subject="Draft text of the Global Compact for Safe, Orderly and Regular Migration",
        keywords=("GCM", "draft", "objective 1"),
    )
    return Document(meta, blocks)
