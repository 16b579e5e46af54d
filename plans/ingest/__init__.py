"""The reader of a signed plan document (.docx, .pdf with text, pasted text): plain Python, no network.

`read_plan_file(data, name=…, register=…)` → `PlanDraft` (header, areas, tasks, warnings); nothing is
written to the database. Modules: sources (hostile-file guards, blocks in document order), text
(folding, broken wraps), header, structure (appendix table or numbered sections), departments
(matching the bodies' register), timing (rules and decisions in its docstring).
"""

from .departments import Body, Register
from .reader import PlanDraft, read_plan_file, read_plan_text
from .sources import IngestError

__all__ = ["Body", "IngestError", "PlanDraft", "Register", "read_plan_file", "read_plan_text"]
