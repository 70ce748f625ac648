"""Ethical pricing charter, transparent quotes and anti-dumping."""
