"""Loads and evaluates the pricing rules."""
from dataclasses import dataclass

import yaml


@dataclass
class Context:
    sku: str
    category: str
    month: int
    stock_weeks: float


def load_rules(path: str = "rules/pricing_rules.yaml") -> dict:
    with open(path) as fh:
        return yaml.safe_load(fh)


def matches(condition: dict, ctx: Context) -> bool:
    if "stock_weeks_gt" in condition and not ctx.stock_weeks > condition["stock_weeks_gt"]:
        return False
    if "category_in" in condition and ctx.category not in condition["category_in"]:
        return False
    if "month_in" in condition and ctx.month not in condition["month_in"]:
        return False
    return True


def rule_discount(rules: dict, ctx: Context) -> tuple[str, float]:
    for rule in rules["rules"]:
        if matches(rule["when"], ctx):
            return rule["name"], float(rule["discount"])
    return "none", 0.0
