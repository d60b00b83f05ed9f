"""Write services of the programs app, one module per topic. Each runs under `require_actor()`,
inside a transaction, validates fully before writing, and writes the audit trail."""
