package org.lyceum.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sends hostile requests over real HTTP and judges every answer the same way: no 5xx, no stack
 * trace in the body, and every GraphQL error with a code that is not INTERNAL. What fails is kept
 * as (operation, input, answer), so one run lists every defect at once instead of the first.
 */
final class Probe {

    /** What a client must never see: frames, exception class names, JDK packages. */
    static final Pattern STACK_TRACE = Pattern.compile("\\bat (org|java|io|com|jdk|sun)\\.|Exception\\b|\\bjava\\.");

    record Failure(String operation, String input, String answer) {
        @Override
        public String toString() {
            return "- " + operation + "\n    input:  " + input + "\n    answer: " + answer;
        }
    }

    record Answer(int status, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final List<Failure> failures = new ArrayList<>();
    private int sent;

    Probe(URI base) {
        this.base = base;
    }

    /** Sends a request and judges its answer; {@code label} and {@code input} name it in the report. */
    Answer send(String label, String input, HttpRequest.Builder request) {
        sent++;
        HttpResponse<String> response;
        try {
            response = http.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A server that closes on a hostile body has still answered it; a hang or reset of
            // an ordinary-sized request would show as a failure of the requests that follow.
            return new Answer(0, "connection closed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Answer answer = new Answer(response.statusCode(), response.body());
        String wrong = judge(answer);
        if (wrong != null) {
            failures.add(new Failure(label, shorten(input), answer.status + " " + wrong + ": " + shorten(answer.body)));
        }
        return answer;
    }

    /** Judges an answer got some other way (RestAssured, for headers the JDK client may not set). */
    Answer judged(String label, String input, int status, String body) {
        sent++;
        Answer answer = new Answer(status, body);
        String wrong = judge(answer);
        if (wrong != null) {
            failures.add(new Failure(label, shorten(input), status + " " + wrong + ": " + shorten(body)));
        }
        return answer;
    }

    HttpRequest.Builder post(String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    HttpRequest.Builder get(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET();
    }

    /** Posts a GraphQL request whose JSON envelope is given as text (so it may be anything). */
    Answer graphql(String label, String envelope, String token) {
        HttpRequest.Builder request = post("/graphql", "application/json", envelope.getBytes(StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(label, envelope, request);
    }

    /** Why the answer is wrong, or null. */
    static String judge(Answer answer) {
        if (answer.status >= 500) {
            return "server error";
        }
        if (STACK_TRACE.matcher(answer.body).find()) {
            return "stack trace or class name in the body";
        }
        if (!answer.body.startsWith("{")) {
            return null;
        }
        JsonNode json;
        try {
            json = JSON.readTree(answer.body);
        } catch (IOException e) {
            return "a body that starts as JSON but is not";
        }
        for (JsonNode error : json.path("errors")) {
            String code = error.path("extensions").path("code").asText("");
            if (code.isEmpty()) {
                return "a GraphQL error without extensions.code";
            }
            if (code.equals("INTERNAL")) {
                return "INTERNAL";
            }
        }
        return null;
    }

    static String shorten(String text) {
        String flat = text.replace("\n", "\\n");
        return flat.length() <= 300
                ? flat
                : flat.substring(0, 240) + "…(" + flat.length() + " chars)…" + flat.substring(flat.length() - 40);
    }

    /** Stand-ins for lone surrogates, which Jackson cannot write: they become JSON escapes in the text. */
    static final String LONE_HIGH = "@@lone-d800@@";

    static final String LONE_LOW = "@@lone-dc00@@";

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value).replace(LONE_HIGH, "\\ud800").replace(LONE_LOW, "\\udc00");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + shorten(text), e);
        }
    }

    int sent() {
        return sent;
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** The failures, readable, or an empty string. */
    String report(String suite) {
        if (failures.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(
                String.format(Locale.ROOT, "%s: %d of %d answers were wrong:%n", suite, failures.size(), sent));
        failures.stream().limit(60).forEach(f -> out.append(f).append('\n'));
        return out.toString();
    }

    static Map<String, Object> envelope(String query, Object variables) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return body;
    }
}
