"""Helpers shared by the churn notebooks and the Flask app."""
