"""sportello: the online one-stop counter of Italian Chambers of Commerce.

A thin Python face over the Rust core: money is :class:`decimal.Decimal`, dates are
:class:`datetime.date`, errors derive from :class:`SportelloError`.
"""

from sportello._native import __version__
from sportello.errors import *  # noqa: F403
from sportello.money import *  # noqa: F403
from sportello.identifiers import *  # noqa: F403
from sportello.calendar import *  # noqa: F403
from sportello.chamber import *  # noqa: F403
from sportello.identity import *  # noqa: F403
from sportello.registry import *  # noqa: F403
from sportello.profile import *  # noqa: F403
from sportello.catalog import *  # noqa: F403
from sportello.dossier import *  # noqa: F403
from sportello.fees import *  # noqa: F403
from sportello.payments import *  # noqa: F403
from sportello.allocation import *  # noqa: F403
from sportello.satisfaction import *  # noqa: F403

from sportello import errors as _errors, money as _money
from sportello import identifiers as _identifiers
from sportello import calendar as _calendar
from sportello import chamber as _chamber
from sportello import identity as _identity
from sportello import registry as _registry
from sportello import profile as _profile
from sportello import catalog as _catalog
from sportello import dossier as _dossier
from sportello import fees as _fees
from sportello import payments as _payments
from sportello import allocation as _allocation
from sportello import satisfaction as _satisfaction

__all__ = ["__version__"]
__all__ += _errors.__all__
__all__ += _money.__all__
__all__ += _identifiers.__all__
__all__ += _calendar.__all__
__all__ += _chamber.__all__
__all__ += _identity.__all__
__all__ += _registry.__all__
__all__ += _profile.__all__
__all__ += _catalog.__all__
__all__ += _dossier.__all__
__all__ += _fees.__all__
__all__ += _payments.__all__
__all__ += _allocation.__all__
__all__ += _satisfaction.__all__
