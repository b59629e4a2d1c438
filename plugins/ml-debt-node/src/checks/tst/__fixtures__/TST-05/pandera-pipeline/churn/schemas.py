import pandera as pa

CUSTOMERS = pa.DataFrameSchema(
    {
        "customer_id": pa.Column(str, unique=True),
        "tenure_months": pa.Column(int, pa.Check.in_range(0, 600)),
        "monthly_spend": pa.Column(float, pa.Check.ge(0)),
    }
)
