"""Real-time GPEC: skills supply and demand, training, intervention scale, indicators."""
