-- Synthetic search data for bench/search-sql.sh: 1 000 people, 1 000 communities (every tenth
-- private), 1 000 collections, 100 000 resources in three languages with subjects, levels,
-- licences and types, 10 000 threads. Rows go through the search triggers like any write.
insert into person (id, ap_id, username, display_name) select gen_random_uuid(), 'x:p' || g, 'user' || g, 'User ' || g from generate_series(1, 1000) g;
insert into community (id, ap_id, name, title, summary, visibility)
  select gen_random_uuid(), 'x:c' || g, 'comm' || g, (array['Physics','Mathematics','Histoire','Biología','Chemistry'])[1 + g % 5] || ' group ' || g,
  'A community about teaching', case when g % 10 = 0 then 'PRIVATE' else 'PUBLIC' end from generate_series(1, 1000) g;
create temp table cs as select id, row_number() over () n from community;
create temp table ps as select id, row_number() over () n from person;
insert into content (id, ap_id, kind, community_id, author_id, title, body)
  select gen_random_uuid(), 'x:col' || c.n, 'COLLECTION', c.id, (select id from ps where n = 1 + c.n % 1000), 'Collection ' || c.n, 'Materials' from cs c;
create temp table cols as select id, community_id, row_number() over () n from content where kind = 'COLLECTION';
insert into content (id, ap_id, kind, community_id, author_id, collection_id, position, url, title, body, language, subject, level, licence, resource_type)
  select gen_random_uuid(), 'x:r' || g, 'RESOURCE', col.community_id, (select id from ps where n = 1 + g % 1000), col.id, g, 'https://e/' || g,
    (array['Fractions worksheet','Quantum physics primer','Ejercicios de fracciones','Physique quantique','Photosynthesis lab','La révolution française','Álgebra lineal','Cell biology quiz'])[1 + g % 8] || ' ' || g,
    (array['Practise adding and subtracting fractions with pizzas','Waves, particles and uncertainty for beginners','Las fracciones explicadas con ejemplos','Une introduction à la mécanique quantique','How plants turn light into sugar','Les causes et les conséquences de la révolution','Matrices y vectores para secundaria','Organelles and their functions'])[1 + g % 8],
    (array['en','en','es','fr','en','fr','es','en'])[1 + g % 8], (array['054','053','054','053','051','022','054','051'])[1 + g % 8], g % 9, (array['CC-BY-4.0','CC-BY-SA-4.0','CC0-1.0'])[1 + g % 3], (array['WORKSHEET','LECTURE','EXERCISE'])[1 + g % 3]
  from generate_series(1, 100000) g join cols col on col.n = 1 + g % 1000;
insert into content (id, ap_id, kind, community_id, author_id, title, body)
  select gen_random_uuid(), 'x:t' || g, 'THREAD', (select id from cs where n = 1 + g % 1000), (select id from ps where n = 1 + g % 1000),
  (array['How do you teach fractions?','Best physics demos','Ideas para clase','Sortie scolaire'])[1 + g % 4] || ' ' || g, 'Share your experience' from generate_series(1, 10000) g;
analyze;
