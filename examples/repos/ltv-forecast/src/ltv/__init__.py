"""Customer lifetime value forecast."""
