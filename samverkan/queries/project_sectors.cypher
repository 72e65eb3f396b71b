// name: project_sectors
// description: Every project with the sectors of the organisations involved in it and how many of each.
// parameters: none
MATCH (x:Organisation)-[:LEADS|PARTICIPATES_IN|FUNDS|INITIATED_BY]-(p:Project)
WHERE x.sector IS NOT NULL
RETURN p.id AS project, x.sector AS sector, count(DISTINCT x.id) AS organisations
