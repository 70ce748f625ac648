"""Pages: thin views over the domain services, one home per role."""
