// name: silo_pairs
// description: Units directly part of the same organisation that share no project and have no direct collaboration.
// parameters: none
MATCH (x:Organisation)-[:PART_OF]->(o:Organisation)<-[:PART_OF]-(y:Organisation)
WHERE x.id < y.id
  AND NOT EXISTS { MATCH (x)-[:COLLABORATES_WITH]-(y) }
  AND NOT EXISTS { MATCH (x)-[:LEADS|PARTICIPATES_IN|FUNDS|INITIATED_BY]-(:Project)-[:LEADS|PARTICIPATES_IN|FUNDS|INITIATED_BY]-(y) }
RETURN DISTINCT x.id AS a, y.id AS b, o.id AS organisation
