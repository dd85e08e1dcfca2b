import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * createResource latency, one mutation at a time (nothing else in flight), JDK only.
 * Usage: java bench/CreateResource.java <graphql url> <token> <label> <count>
 * Creates a community and a collection as the token's user on first use of the label "setup"
 * (prints the collection id); otherwise creates <count> resources in the collection named by
 * $BENCH_COLLECTION and prints: label, count, p50, p99 and mean in ms.
 */
public class CreateResource {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = args[1];
        String label = args[2];
        int count = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newHttpClient();
        if (label.equals("setup")) {
            String community = id(post(
                    http,
                    url,
                    token,
                    "mutation { createCommunity(input: {name: \\\"bench_create_" + System.nanoTime()
                            + "\\\", title: \\\"Bench\\\"}) { community { id } } }"));
            String collection = id(post(
                    http,
                    url,
                    token,
                    "mutation { createCollection(input: {communityId: \\\"" + community
                            + "\\\", title: \\\"Bench shelf\\\"}) { collection { id } } }"));
            System.out.println(collection);
            return;
        }
        String collection = System.getenv("BENCH_COLLECTION");
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String mutation = "mutation { createResource(input: {collectionId: \\\"" + collection
                    + "\\\", title: \\\"Fractions worksheet " + label + " " + i
                    + "\\\", description: \\\"Adding and comparing fractions with pictures\\\","
                    + " url: \\\"https://example.org/" + label + "/" + i + "\\\", licence: \\\"CC-BY-4.0\\\","
                    + " language: \\\"en\\\", level: 1, subject: \\\"054\\\"}) { resource { id } } }";
            long start = System.nanoTime();
            String body = post(http, url, token, mutation);
            nanos[i] = System.nanoTime() - start;
            if (body.contains("\"errors\"")) {
                throw new IllegalStateException(body);
            }
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        System.out.printf(
                "createResource %s: %d sequential, p50 %.1f ms, p99 %.1f ms, mean %.1f ms%n",
                label, count, nanos[count / 2] / 1e6, nanos[(int) Math.ceil(count * 0.99) - 1] / 1e6, mean);
    }

    private static String post(HttpClient http, String url, String token, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException(body);
        }
        return m.group(1);
    }
}
