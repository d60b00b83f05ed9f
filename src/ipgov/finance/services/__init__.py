"""Write services of the finance app, one module per topic (see programs.services for the rules)."""
