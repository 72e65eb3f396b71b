// name: cross_sector_ties
// description: Pairs of organisations from different sectors involved in the same project, with the project.
// parameters: none
MATCH (x:Organisation)-[:LEADS|PARTICIPATES_IN|FUNDS|INITIATED_BY]-(p:Project),
      (y:Organisation)-[:LEADS|PARTICIPATES_IN|FUNDS|INITIATED_BY]-(p)
WHERE x.id < y.id AND x.sector <> y.sector
RETURN DISTINCT x.id AS a, x.sector AS a_sector, y.id AS b, y.sector AS b_sector, p.id AS project
