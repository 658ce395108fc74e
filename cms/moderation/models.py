"""Models of the procedure before publication: task types (tasks.py), the secrecy review record
(records.py), and the admin-edited lists the personal-data guard reads (lists.py)."""

from .lists import PublicContact, SensitiveWord  # noqa: F401
from .records import Outcome, SecrecyReview  # noqa: F401
from .tasks import ApprovalTask, ApprovalTaskState, SecrecyReviewTask  # noqa: F401
