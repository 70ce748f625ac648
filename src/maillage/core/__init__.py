"""Shared mechanisms of the platform: state machines, security headers, navigation."""
