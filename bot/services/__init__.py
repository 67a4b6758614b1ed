"""Use cases: intake, replies, status, delivery bookkeeping; one transaction per use case."""
