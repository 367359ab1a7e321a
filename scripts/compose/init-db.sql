-- Run by the postgres image once, when its data volume is first initialised
-- (mounted into /docker-entrypoint-initdb.d by docker-compose.yml).
-- Temporal's auto-setup creates and migrates its own databases (temporal, temporal_visibility)
-- on the same server; the app keeps its tables in a database of its own, so that neither
-- side's migrations can touch the other's schema.
CREATE DATABASE fengqiao;
