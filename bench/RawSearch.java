import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lyceum.resource.TermView;
import org.lyceum.resource.VocabulariesView;
import org.lyceum.search.SearchFilter;
import org.lyceum.search.SearchIndex;
import org.lyceum.search.SearchSort;

/**
 * The baseline of bench/search.sh: a bare Vert.x HTTP server and pg-client pool answering
 * GET /search?q=&language=&subject=&level=&sort= with the statements Lyceum's search sends for
 * a page of 20 with totalCount and facets (SQL from SearchIndex.statements itself), rows as JSON.
 * No GraphQL, no CDI, no node loading: what is left is the database and the wire.
 * Usage: java -cp <app jar and libs> bench/RawSearch.java <port> <pg host> <pg port> <db> <user>
 */
public class RawSearch {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        PgConnectOptions db = new PgConnectOptions()
                .setHost(args[1])
                .setPort(Integer.parseInt(args[2]))
                .setDatabase(args[3])
                .setUser(args[4])
                .setCachePreparedStatements(true)
                .setPreparedStatementCacheSqlLimit(16_384);
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(20))
                .connectingTo(db)
                .using(vertx)
                .build();
        pool.query(
                        "select vocabulary, code, label, parent_code, url from vocabulary_term order by vocabulary, position")
                .execute()
                .map(RawSearch::vocabularies)
                .compose(v -> vertx.deployVerticle(
                        () -> new Server(pool, v, port),
                        new DeploymentOptions()
                                .setInstances(2 * Runtime.getRuntime().availableProcessors())))
                .onSuccess(id -> System.out.println("raw search listening on " + port))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    static VocabulariesView vocabularies(RowSet<Row> rows) {
        Map<String, List<TermView>> by = Map.of(
                "LICENCE",
                new ArrayList<>(),
                "LANGUAGE",
                new ArrayList<>(),
                "LEVEL",
                new ArrayList<>(),
                "SUBJECT",
                new ArrayList<>(),
                "RESOURCE_TYPE",
                new ArrayList<>());
        for (Row r : rows) {
            by.get(r.getString(0))
                    .add(new TermView(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(0)));
        }
        return new VocabulariesView(
                by.get("LICENCE"), by.get("LANGUAGE"), by.get("LEVEL"), by.get("SUBJECT"), by.get("RESOURCE_TYPE"));
    }

    static final class Server extends AbstractVerticle {
        private final Pool pool;
        private final VocabulariesView vocabularies;
        private final int port;

        Server(Pool pool, VocabulariesView vocabularies, int port) {
            this.pool = pool;
            this.vocabularies = vocabularies;
            this.port = port;
        }

        @Override
        public void start() {
            vertx.createHttpServer()
                    .requestHandler(req -> {
                        String language = req.getParam("language");
                        String subject = req.getParam("subject");
                        String level = req.getParam("level");
                        SearchFilter filter = new SearchFilter(
                                null,
                                subject == null ? null : List.of(subject),
                                level == null ? null : List.of(Integer.parseInt(level)),
                                language == null ? null : List.of(language),
                                null,
                                null,
                                null,
                                null,
                                null);
                        List<SearchIndex.Statement> statements = SearchIndex.statements(
                                null,
                                req.getParam("q"),
                                filter,
                                SearchSort.valueOf(req.getParam("sort")),
                                vocabularies,
                                20);
                        List<Future<RowSet<Row>>> results = new ArrayList<>();
                        for (SearchIndex.Statement s : statements) {
                            results.add(pool.preparedQuery(s.text()).execute(Tuple.from(s.params())));
                        }
                        Future.all(results)
                                .onSuccess(all -> {
                                    JsonObject out = new JsonObject();
                                    for (int i = 0; i < results.size(); i++) {
                                        JsonArray rows = new JsonArray();
                                        for (Row row : results.get(i).result()) {
                                            rows.add(row.toJson());
                                        }
                                        out.put("s" + i, rows);
                                    }
                                    req.response()
                                            .putHeader("content-type", "application/json")
                                            .end(out.encode());
                                })
                                .onFailure(
                                        e -> req.response().setStatusCode(500).end(String.valueOf(e.getMessage())));
                    })
                    .listen(port);
        }
    }
}
