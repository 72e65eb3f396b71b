// name: source_facts
// description: Everything a source said: the entities it states, with type and name.
// parameters: source:str
MATCH (n)
WHERE $source IN n.sources
RETURN DISTINCT n.id AS id, n.type AS type, n.name AS name
