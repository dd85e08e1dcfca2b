package org.lyceum.search;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.Viewer;
import org.lyceum.block.Blocks;
import org.lyceum.common.Keyset;
import org.lyceum.common.Page;
import org.lyceum.common.PageRequest;
import org.lyceum.community.Permissions;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;
import org.lyceum.resource.VocabulariesView;

/**
 * Everything search asks of PostgreSQL, over the {@code search_entry} rows that V14's triggers keep
 * current: a page of hits, their total and their facets, each under the same visibility rule as
 * the rest of the API. The one class a dedicated search engine would replace (docs/search.md).
 */
@ApplicationScoped
public class SearchIndex {

    private static final Keyset BY_RELEVANCE = Keyset.descending("s.score", "float8", "s.id", "uuid");
    private static final Keyset BY_NEWEST = Keyset.descending("s.created_at", "timestamptz", "s.id", "uuid");
    private static final Keyset BY_POPULARITY = Keyset.descending("s.popularity", "float8", "s.id", "uuid");

    /** Marks ts_headline puts around matches; V14 strips both from the indexed text. */
    static final char START = '\u0002';

    static final char STOP = '\u0003';

    /**
     * RELEVANCE (docs/search.md): ts_rank_cd with weights title 1.0, description 0.4, labels 0.2,
     * normalised by document length. Typo matches (no word matched, so every rank would be 0) rank
     * by the trigram word similarity of the text to the name instead. Adding that similarity to
     * every word match cost half of a common word's page (bench/search-sql.sh), for an order the
     * title's weight already gives.
     */
    private static final String SCORE = "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', t.document, q.tsq, 1)::float8";

    private static final String TYPO_SCORE = "word_similarity(q.nq, t.name)::float8";

    private final Sql sql;

    SearchIndex(Sql sql) {
        this.sql = sql;
    }

    /** One hit: what it is, where it comes from, its cursor and its highlighted text (null without query text). */
    record Hit(String kind, UUID id, @Nullable String host, @Nullable String highlighted) {}

    /** Validates the cursor against the sort first: a cursor of another sort is INVALID_INPUT. */
    Uni<Page<Hit>> page(Viewer viewer, SearchRequest request, PageRequest page) {
        Keyset keyset = keyset(request.sort());
        Statement s = pageSql(viewer.personId(), request, page);
        return sql.list(
                        s.text(),
                        r -> new Page.Edge<>(
                                keyset.cursorOf(r),
                                new Hit(
                                        r.getString("kind"),
                                        r.getUUID("id"),
                                        r.getString("host"),
                                        r.getString("highlighted"))),
                        s.params().toArray())
                .map(rows -> Keyset.page(page, rows));
    }

    Uni<Long> count(Viewer viewer, SearchRequest request) {
        Statement s = countSql(viewer.personId(), request);
        return sql.one(s.text(), r -> r.getLong("n"), s.params().toArray());
    }

    /** Rows of (facet, code, count) over every hit, most common first. */
    Uni<List<FacetRow>> facets(Viewer viewer, SearchRequest request) {
        Statement s = facetsSql(viewer.personId(), request);
        return sql.list(s.text(), FacetRow::from, s.params().toArray());
    }

    /** A statement's SQL and its parameters ($1 is always the viewer's person id). */
    public record Statement(String text, List<@Nullable Object> params) {}

    /**
     * The statements of a search that selects a page, totalCount and facets, as this class sends
     * them (the total is the sum of the kind facet, so no count runs); for bench/RawSearch.java, the
     * baseline that sends the same SQL without GraphQL.
     */
    public static List<Statement> statements(
            @Nullable UUID viewer,
            @Nullable String query,
            @Nullable SearchFilter filter,
            @Nullable SearchSort sort,
            VocabulariesView vocabularies,
            int first) {
        SearchRequest request = SearchRequest.of(query, filter, sort, vocabularies);
        return List.of(pageSql(viewer, request, PageRequest.forward(first, null)), facetsSql(viewer, request));
    }

    static Statement pageSql(@Nullable UUID viewer, SearchRequest request, PageRequest page) {
        Keyset keyset = keyset(request.sort());
        Parts s = new Parts(viewer, request);
        String where = s.where();
        String after = keyset.after(page, s.params.size() + 1, s.params);
        String headline = request.text() == null
                ? "null::text"
                : "ts_headline(q.cfg, s.body, q.tsq, 'StartSel=' || chr(2) || ', StopSel=' || chr(3)"
                        + " || ', MaxWords=30, MinWords=12')";
        String text = s.with() + "select s.kind, s.id, s.host, " + keyset.columns() + ", " + headline
                + " highlighted from (select * from (select e.kind, e.id, e.host, e.created_at, e.popularity, "
                + (request.text() == null ? "null::text body, " : "t.body, ")
                + (request.text() == null ? "0::float8" : request.typos() ? TYPO_SCORE : SCORE) + " score" + s.from()
                + " where " + where + ") s"
                + " where true" + after + keyset.orderAndLimit(page) + ") s cross join q"
                + keyset.order(page.backward());
        return new Statement(text, s.params);
    }

    static Statement countSql(@Nullable UUID viewer, SearchRequest request) {
        Parts s = new Parts(viewer, request);
        String where = s.where();
        return new Statement(s.with() + "select count(*) n" + s.from() + " where " + where, s.params);
    }

    /**
     * Hits are first counted by their combination of the six fields (one hashed pass), then the
     * grouping sets run over those few combinations: 10 to 15 % faster than six sorts of every hit
     * (bench/search-sql.sh, browsing 100 000 resources).
     */
    static Statement facetsSql(@Nullable UUID viewer, SearchRequest request) {
        Parts s = new Parts(viewer, request);
        String where = s.where();
        return new Statement(
                s.with()
                        + ", h as (select e.kind, e.subject, e.level, e.language, e.licence, e.resource_type, count(*) n"
                        + s.from() + " where " + where + " group by 1, 2, 3, 4, 5, 6)"
                        + " select case when grouping(kind) = 0 then 'kind' when grouping(subject) = 0 then 'subject'"
                        + " when grouping(level) = 0 then 'level' when grouping(language) = 0 then 'language'"
                        + " when grouping(licence) = 0 then 'licence' else 'resourceType' end facet,"
                        + " coalesce(kind, subject, level::text, language, licence, resource_type) code,"
                        + " sum(n)::int8 n from h group by grouping sets ((kind), (subject), (level), (language),"
                        + " (licence), (resource_type)) order by n desc, code",
                s.params);
    }

    /** The number of hits, from facet rows: every hit has a kind, so the kind facet sums to it. */
    static long total(List<FacetRow> rows) {
        return rows.stream()
                .filter(r -> r.facet().equals("kind"))
                .mapToLong(FacetRow::count)
                .sum();
    }

    /** One value of one facet; code null for objects without the field (skipped by the caller). */
    record FacetRow(String facet, @Nullable String code, long count) {
        static FacetRow from(SqlRow r) {
            return new FacetRow(r.getString("facet"), r.getString("code"), r.getLong("n"));
        }
    }

    /** How many resources the viewer may see carry each value of one resource field (a column of search_entry). */
    Uni<Map<String, Long>> resourceCounts(Viewer viewer, String vocabulary) {
        String column =
                switch (vocabulary) {
                    case "SUBJECT" -> "subject";
                    case "LEVEL" -> "level";
                    case "LANGUAGE" -> "language";
                    case "LICENCE" -> "licence";
                    case "RESOURCE_TYPE" -> "resource_type";
                    default -> throw new IllegalArgumentException("not a resource vocabulary: " + vocabulary);
                };
        return sql.list(
                        "select e." + column + "::text code, count(*) n from search_entry e"
                                + " left join community m on m.id = e.community_id where e.kind = 'RESOURCE' and e."
                                + column + " is not null and " + Permissions.VISIBLE_SQL + " group by 1",
                        r -> Map.entry(r.getString("code"), r.getLong("n")),
                        viewer.personId())
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>(rows.size() * 2);
                    rows.forEach(e -> counts.put(e.getKey(), e.getValue()));
                    return counts;
                });
    }

    private static Keyset keyset(SearchSort sort) {
        return switch (sort) {
            case RELEVANCE -> BY_RELEVANCE;
            case NEWEST -> BY_NEWEST;
            case POPULAR -> BY_POPULARITY;
        };
    }

    /** The parts every statement shares: the parsed query, the joins and the conditions, with their parameters. */
    private static final class Parts {

        private final SearchRequest request;
        private final List<@Nullable Object> params;

        /** The tsquery, the normalised text and the snippet configuration as SQL expressions; null without text. */
        private final @Nullable String tsq;

        private final @Nullable String nq;
        private final @Nullable String cfg;

        Parts(@Nullable UUID viewer, SearchRequest request) {
            this.request = request;
            this.params = Sql.params(viewer); // $1, as Permissions.VISIBLE_SQL expects
            SearchText text = request.text();
            if (text == null) {
                tsq = null;
                nq = null;
                cfg = null;
                return;
            }
            String stemming = request.stemLanguage() == null
                    ? "null::regconfig"
                    : "(select config from search_language where code = " + p(request.stemLanguage()) + ")";
            String t = p(text.text());
            String query = "websearch_to_tsquery('lyceum_simple', " + t + ")";
            if (request.stemLanguage() != null) {
                query += " || websearch_to_tsquery(coalesce(" + stemming + ", 'lyceum_simple'), " + t + ")";
            }
            if (text.prefixQuery() != null) {
                query += " || to_tsquery('lyceum_simple', " + p(text.prefixQuery()) + ")";
            }
            tsq = "(" + query + ")";
            nq = "lower(unaccent(" + t + "))";
            cfg = "coalesce(" + stemming + ", 'lyceum_simple')";
        }

        private String p(Object value) {
            params.add(value);
            return "$" + params.size();
        }

        /** The query once, as a one-row table q for ranking and snippets: tsq, nq for trigrams, cfg for headlines. */
        String with() {
            if (tsq == null) {
                return "with q as (select null::tsquery tsq, ''::text nq, 'lyceum_simple'::regconfig cfg) ";
            }
            return "with q as (select " + tsq + " tsq, " + nq + " nq, " + cfg + " cfg) ";
        }

        /** The text side is joined only when there is text to match. */
        String from() {
            return " from search_entry e" + (request.text() == null ? "" : " join search_text t on t.id = e.id")
                    + " cross join q left join community m on m.id = e.community_id";
        }

        String where() {
            List<String> and = new ArrayList<>();
            SearchText text = request.text();
            if (text != null) {
                // Inline, not through q, so that the planner sees an index condition (GIN on words or trigrams).
                and.add(request.typos() ? nq + " <% t.name" : "t.document @@ " + tsq);
            }
            // People are public; communities are listed as communities() lists them; content as Permissions says.
            and.add("(case e.kind when 'PERSON' then true when 'COMMUNITY' then m.deleted_at is null"
                    + " and (m.visibility <> 'UNLISTED' or exists(select 1 from membership v where v.community_id = m.id"
                    + " and v.person_id = $1 and v.state = 'JOINED')) else " + Permissions.VISIBLE_SQL + " end)");
            // Nothing by, of or in what the caller blocks or mutes, nor of a server they block.
            and.add("not " + Blocks.hidden("$1", List.of("e.id", "e.author_id", "e.community_id"), List.of("e.host")));
            any(and, "e.kind", request.kinds());
            any(and, "e.subject", request.subjects());
            any(and, "e.level", request.levels());
            any(and, "e.language", request.languages());
            any(and, "e.licence", request.licences());
            any(and, "e.resource_type", request.resourceTypes());
            if (request.communityId() != null) {
                and.add("e.community_id = " + p(request.communityId()) + " and e.kind <> 'COMMUNITY'");
            }
            if (request.authorId() != null) {
                and.add("e.author_id = " + p(request.authorId()));
            }
            if (request.local() != null) {
                and.add(request.local() ? "e.host is null" : "e.host is not null");
            }
            return String.join(" and ", and);
        }

        private void any(List<String> and, String column, @Nullable List<?> values) {
            if (values != null) {
                Object array = values.get(0) instanceof Integer
                        ? values.toArray(Integer[]::new)
                        : values.stream().map(String::valueOf).toArray(String[]::new);
                and.add(column + " = any(" + p(array) + ")");
            }
        }
    }
}
