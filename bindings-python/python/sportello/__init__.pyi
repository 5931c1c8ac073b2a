from sportello.errors import *
from sportello.money import *
from sportello.identifiers import *
from sportello.calendar import *
from sportello.chamber import *
from sportello.identity import *
from sportello.registry import *
from sportello.profile import *
from sportello.catalog import *
from sportello.dossier import *
from sportello.fees import *
from sportello.payments import *
from sportello.allocation import *
from sportello.satisfaction import *

__version__: str

# No __all__ here: the runtime builds it as the submodules' __all__ (each checked by stubtest) plus
# __version__, and mypy cannot follow `__all__ += module.__all__` (see stubtest-allowlist.txt).
