"""Chart data in the one shape static/js/charts.js draws (statistics page, dashboard)."""


def chart(kind: str, labels: list, datasets: list[tuple[str, list]]) -> dict:
    """{type, labels, datasets: [{label, data}]} for a <canvas data-chart> and its json_script."""
    return {"type": kind, "labels": labels, "datasets": [{"label": label, "data": data} for label, data in datasets]}
