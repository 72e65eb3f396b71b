// name: actors_by_sector_type
// description: How many actors of each type there are in each sector (no sector: persons, projects, places, ...).
// parameters: none
MATCH (n)
RETURN n.sector AS sector, n.type AS type, count(DISTINCT n.id) AS actors
