"""Weekly demand forecasting pipeline."""
