import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lyceum.common.PageRequest;
import org.lyceum.social.FeedQueries;

/**
 * The baseline of bench/homefeed.sh: a bare Vert.x HTTP server and pg-client pool answering
 * GET /feed?subject=bench-user-N with the statements Lyceum's homeFeed(first: 20) sends (the
 * caller's account by subject, then the page SQL taken from FeedQueries itself), rows as JSON.
 * No token check, no GraphQL, no CDI: what is left is the database and the wire.
 * Usage: java -cp <app jar and libs> bench/RawFeed.java <port> <pg host> <pg port> <db> <user>
 */
public class RawFeed {

    private static final String VIEWER =
            "select p.id from account a join person p on p.id = a.person_id where a.subject = $1";

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
        // One pool of 20 like the app (quarkus.datasource.reactive.max-size), one server per event loop.
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(20))
                .connectingTo(db)
                .using(vertx)
                .build();
        int loops = 2 * Runtime.getRuntime().availableProcessors();
        vertx.deployVerticle(() -> new Server(pool, port), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("raw feed listening on " + port))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    static final class Server extends AbstractVerticle {
        private final Pool pool;
        private final int port;

        Server(Pool pool, int port) {
            this.pool = pool;
            this.port = port;
        }

        @Override
        public void start() {
            vertx.createHttpServer()
                    .requestHandler(req -> {
                        String subject = req.getParam("subject");
                        pool.preparedQuery(VIEWER)
                                .execute(Tuple.of(subject))
                                .compose(viewer -> {
                                    Object person = viewer.iterator().hasNext()
                                            ? viewer.iterator().next().getUUID(0)
                                            : null;
                                    List<Object> params = new ArrayList<>(Arrays.asList(person, null));
                                    String sql = FeedQueries.pageSql(
                                            FeedQueries.HOME, false, PageRequest.forward(20, null), params);
                                    return pool.preparedQuery(sql).execute(Tuple.from(params));
                                })
                                .onSuccess(rows -> {
                                    JsonArray out = new JsonArray();
                                    for (Row row : rows) {
                                        out.add(row.toJson());
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
