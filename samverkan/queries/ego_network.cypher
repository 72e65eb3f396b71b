// name: ego_network
// description: The actors within $depth relations (1 to 3, any direction) of the actor $id, with their distance.
// parameters: id:id, depth:int(1-3)=1
MATCH path = (start {id: $id})-[*1..3]-(n)
WHERE length(path) <= $depth AND n.id <> $id
RETURN n.id AS actor, min(length(path)) AS distance
