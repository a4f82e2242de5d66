"""Scoring: sentiment, complaint probability, category and urgency for one mention. Pure, no I/O."""
