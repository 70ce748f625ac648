"""The public API (/api/v1/), thin over the domain services and selectors."""
