"""The demo territory: a realistic, seeded Gironde for trying the platform."""
