"""HTTP API: rule discount, capped by the elasticity model."""
import math
from datetime import date

import joblib
import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel, Field

from engine.rules import Context, load_rules, rule_discount

app = FastAPI(title="pricing-rules-engine")
rules = load_rules()
elasticity_model = joblib.load("models/elasticity.joblib")


class QuoteRequest(BaseModel):
    sku: str
    category: str
    base_price: float = Field(gt=0)
    unit_cost: float = Field(gt=0)
    stock_weeks: float = Field(ge=0)


class Quote(BaseModel):
    sku: str
    price: float
    rule: str
    predicted_uplift: float


@app.post("/quote", response_model=Quote)
def quote(request: QuoteRequest) -> Quote:
    ctx = Context(request.sku, request.category, date.today().month, request.stock_weeks)
    rule, discount = rule_discount(rules, ctx)
    price = request.base_price * (1 - discount)
    x = np.array([[math.log(price / request.base_price), request.stock_weeks]])
    predicted_uplift = float(math.expm1(elasticity_model.predict(x)[0]))
    # discounts that do not move volume are not worth the margin
    if discount > 0 and not predicted_uplift > 0.15:
        price, rule = request.base_price, f"{rule}-rejected"
    floor = request.unit_cost * (1 + rules["floor_margin"])
    return Quote(sku=request.sku, price=round(max(price, floor), 2), rule=rule, predicted_uplift=predicted_uplift)
