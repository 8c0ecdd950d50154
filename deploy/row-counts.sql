-- The number of tables in the schema and the total of their rows (docs/deployment.md, "Checking a backup"):
--   psql -d kttt -tA -f deploy/row-counts.sql
SELECT count(*) AS tables,
       sum((xpath('/row/c/text()',
                  query_to_xml(format('SELECT count(*) AS c FROM %I.%I', schemaname, tablename), false, true, ''))
           )[1]::text::bigint) AS total_rows
FROM pg_tables
WHERE schemaname = 'public';
