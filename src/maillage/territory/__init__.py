"""Territory: communes, territories (EPCI, département, custom), tiers-lieux, distances."""
