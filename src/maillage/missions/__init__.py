"""Needs and missions: what a buyer asks for, where, when, and its lifecycle."""
