"""Listing image moderation."""
