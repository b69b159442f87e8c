"""Constants shared by the loader tests: paths, the frozen clock, the dtypes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

DATA = Path(__file__).parents[1] / "data"
REAL = DATA / "conversation-real-2022.json"
NOW = "2026-11-30T12:00:00Z"

STRING = pd.StringDtype("pyarrow")
LIST = pd.ArrowDtype(pa.list_(pa.string()))
UTC = pd.DatetimeTZDtype("ms", "UTC")
INT = pd.Int64Dtype()
BOOL = pd.BooleanDtype()
CATEGORY = "category"
