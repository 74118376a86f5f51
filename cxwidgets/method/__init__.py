"""The method's core: the journey-mapping exercise as data and rules, nothing else.

What a workshop holds (model), the 16 steps (steps), the words people read (words), the
rules across entities (rules), the shared views of a map (views) and the decisions the
method makes (personas compared, priorities ranked, plans judged, versions compared,
the diagnosis scored). Every other part of the kit (store, widgets, charts, exports,
evidence) builds on this package; it imports none of them, only `cxwidgets.exceptions`,
so it can be read, tested and reused on its own (tests/test_import_rules.py checks it).
"""

#: Every module: the core is the vocabulary the rest of the kit speaks.
__all__ = ["checks", "diagnosis", "diff", "gate", "kinds", "model", "moderation", "personas",
           "plan", "priorities", "roles", "rules", "steps", "techniques", "validation",
           "views", "words"]
