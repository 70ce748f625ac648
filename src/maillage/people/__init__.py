"""People and organisations: accounts, buyers, groups, the carrier structure, workers, roles."""
