"""Pages of tierslieux."""
