"""Importing cormorant loads the engine only: pandas, numpy and pyarrow (three times its memory)
are imported when first needed (issue 12, per-query and import overhead)."""

import json
import pickle
import subprocess
import sys

import pandas as pd

import cormorant.exceptions as ex


def _run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


_MODULES = '[m for m in ("pandas", "numpy", "pyarrow") if m in sys.modules]'
_LOADED = f"json.dumps({_MODULES})"


def test_import_loads_none_of_pandas_numpy_pyarrow():
    assert _run(f"import json, sys; import cormorant.pandas as cpd; print({_LOADED})") == []


def test_first_result_loads_them_and_is_right():
    code = (
        "import json, sys; import cormorant.pandas as cpd\n"
        "s = cpd.Session()\n"
        "df = s.read_sql('SELECT * FROM range(5) t(x)')\n"
        "out = df[df.x > 1].sort_values('x').to_pandas()\n"
        f"print(json.dumps([{_MODULES}, out['x'].tolist(), str(out['x'].dtype)]))"
    )
    loaded, values, dtype = _run(code)
    assert set(loaded) == {"pandas", "numpy", "pyarrow"}
    assert (values, dtype) == ([2, 3, 4], "Int64")


def test_unalignable_error_is_still_pandas_indexing_error():
    assert issubclass(ex.UnalignableError, pd.errors.IndexingError)
    assert issubclass(ex.UnalignableError, ex.CormorantError)
    assert ex.UnalignableError is ex.UnalignableError  # made once
    again = pickle.loads(pickle.dumps(ex.UnalignableError("Unalignable boolean Series")))
    assert type(again) is ex.UnalignableError and str(again) == "Unalignable boolean Series"


def test_errors_raised_before_pandas_is_loaded_have_their_class():
    code = (
        "import json, sys; import cormorant.pandas as cpd; import cormorant.exceptions as ex\n"
        "s = cpd.Session()\n"
        "df = s.read_sql('SELECT 1 AS x')\n"
        "try:\n"
        "    df['nope']\n"
        "except ex.ColumnNotFoundError as e:\n"
        f"    print(json.dumps([type(e).__name__, isinstance(e, KeyError), {_MODULES}]))"
    )
    name, is_key_error, loaded = _run(code)
    assert (name, is_key_error) == ("ColumnNotFoundError", True)
    assert "pandas" not in loaded
