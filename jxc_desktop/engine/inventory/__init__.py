"""The inventory engine: the stock ledger, valuation and the warehouse documents."""
