// name: sector_gaps
// description: Themes and places that projects work on where no organisation of the sector $sector is involved.
// parameters: sector:str=civil_society
MATCH (:Project)-[:ABOUT_THEME|LOCATED_IN]->(t)
WITH DISTINCT t
WHERE NOT EXISTS {
  MATCH (t)<-[:ABOUT_THEME|LOCATED_IN]-(:Project)-[:LEADS|PARTICIPATES_IN|FUNDS|INITIATED_BY]-(x:Organisation)
  WHERE x.sector = $sector
}
RETURN t.id AS id, t.name AS name
