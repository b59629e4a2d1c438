"""Loads config.yaml, the prod overlay and settings.json into one dict."""
import json
import os
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _merge(base, overlay):
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_settings():
    with open(ROOT / "config.yaml") as fh:
        cfg = yaml.safe_load(fh)
    if os.environ.get("FORECAST_ENV") == "prod":
        with open(ROOT / "config_prod.yaml") as fh:
            cfg = _merge(cfg, yaml.safe_load(fh))
    # HACK: settings.json is what the Airflow workers mount, it wins over both yaml files
    settings_file = ROOT / "settings.json"
    if settings_file.exists():
        with open(settings_file) as fh:
            cfg = _merge(cfg, json.load(fh))
    return cfg
