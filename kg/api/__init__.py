"""The Python API: ``kg.open()`` gives a :class:`Graph` with one method per named question,
returning typed results (:mod:`kg.api.results`) that wrap what the :mod:`kg.query` functions
return. Importing ``kg`` does not import this package; ``kg.open`` and ``kg.Graph`` do, on
first use."""
from kg.api.graph import Graph
from kg.api.results import (Approval, Contradiction, Entity, Evidence, GraphPath, Record, Result, Results,
                            TargetDrug, Trial)

__all__ = ["Graph", "Result", "Record", "Results", "Approval", "Evidence", "Trial", "TargetDrug", "Contradiction",
           "GraphPath", "Entity"]
