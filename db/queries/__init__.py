"""Read queries, aggregated in SQL. Services and pages never write SQL themselves."""
