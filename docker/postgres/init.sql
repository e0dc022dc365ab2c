-- Run once by the postgres image on an empty volume (docker-compose.yml, profile postgres):
-- the lobby uses the database "skirmish" (POSTGRES_DB), the orchestrator its own.
CREATE DATABASE orchestrator OWNER skirmish;
