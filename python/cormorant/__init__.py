"""cormorant: the pandas API on data larger than memory.

Every DataFrame is a lazy plan that cormorant's C++ core compiles to SQL and runs in an
embedded DuckDB. Use it as ``import cormorant.pandas as cpd``.
"""

from cormorant import exceptions

__version__ = "0.1.0"
__all__ = ["exceptions", "__version__"]
