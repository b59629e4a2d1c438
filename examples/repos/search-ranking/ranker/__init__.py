"""Neural re-ranker for storefront search."""
