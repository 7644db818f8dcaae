"""The cormorant demo: the Palmer penguins, read, filtered, computed on, printed.

Runs on the embedded default warehouse. Usage: python examples/demo.py path/to/penguins.csv
"""

import sys

import cormorant.pandas as cpd


def main(path: str) -> None:
    penguins = cpd.read_csv(path)  # lazy: nothing is read yet
    print(f"{path}: {penguins.shape[0]} rows; dtypes:")
    print(penguins.dtypes.to_string(), end="\n\n")

    heavy = penguins[(penguins["body_mass_g"] > 4500) & penguins["sex"].notna()]
    heavy["body_mass_kg"] = heavy["body_mass_g"] / 1000
    heavy["bill_ratio"] = heavy["bill_length_mm"] / heavy["bill_depth_mm"]
    shown = heavy[["species", "island", "sex", "body_mass_kg", "bill_ratio"]]

    print(f"penguins over 4.5 kg: {len(shown)}")
    print(shown.head(10), end="\n\n")
    print("the SQL cormorant ran for that (DuckDB, embedded):")
    print(shown.head(10).sql)
    summary = penguins.groupby("species").agg(
        mean_mass_g=("body_mass_g", "mean"), heaviest_g=("body_mass_g", "max"), birds=("sex", "count")
    )
    print("\nper species (a groupby, also run in the engine):")
    print(summary)
    result = shown.to_pandas()  # a real pandas DataFrame with nullable dtypes
    print(f"\nto_pandas(): {type(result).__module__}.{type(result).__name__}, dtypes "
          f"{', '.join(str(d) for d in result.dtypes)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".deps/data/penguins.csv")
