// name: linking_people
// description: People who hold a role in, or are members of, two organisations: the links between them.
// parameters: none
MATCH (x:Organisation)<-[:HOLDS_ROLE_IN|MEMBER_OF]-(p:Person)-[:HOLDS_ROLE_IN|MEMBER_OF]->(y:Organisation)
WHERE x.id < y.id
RETURN DISTINCT p.id AS person, x.id AS a, y.id AS b
