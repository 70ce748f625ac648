"""Hard rules of the consolidation problem, one module per rule.

Each module filters eligible (mission, worker) pairs, checks an incremental schedule, and/or
posts its rule into a CP-SAT sub-model (see :mod:`..model`).
"""
