"""Offline training for the recommendation re-ranker."""
