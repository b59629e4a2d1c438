"""Credit risk scoring: probability of default for buy-now-pay-later applications."""

__version__ = "12.0.0"
