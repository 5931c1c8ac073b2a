# The compiled module; its public names are re-exported, with their stubs, by the submodules of
# `sportello`. Import from `sportello`, not from here.
from typing import Any

def __getattr__(name: str) -> Any: ...
