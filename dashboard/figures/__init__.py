"""Pure figure builders: metric results (dataclasses) -> Plotly figures, one theme."""
