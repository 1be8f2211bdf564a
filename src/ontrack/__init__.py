"""ontrack: is the plan on track?

Extract targets and claims from government texts, ingest official statistics,
link one to the other, assess progress and publish the evidence.
"""

from .errors import OntrackError
from .store import Store

__version__ = "0.1.0"
__all__ = ["OntrackError", "Store", "__version__"]
