"""compact-composer: curate GCM recommendations, compose briefs and draft text, compare drafts.

The package is a pipeline (see README): ``library`` loads and validates clauses, ``model``
holds the one document model, ``assemble`` builds documents from the library, ``render`` writes
them, ``compare`` diffs two documents, ``trace`` links clauses to the adopted compact.
"""

__version__ = "0.1.0"
