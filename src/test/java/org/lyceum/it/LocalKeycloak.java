package org.lyceum.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real Keycloak, run through docker/keycloak/keycloak.sh exactly as the README tells users to. */
final class LocalKeycloak implements AutoCloseable {

    final int port;
    private final Map<String, String> env;

    private LocalKeycloak(int port, Map<String, String> env) {
        this.port = port;
        this.env = env;
    }

    static LocalKeycloak start() throws Exception {
        int port = AppProcess.freePort();
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "KEYCLOAK_PORT", String.valueOf(port),
                "KEYCLOAK_WORK_DIR",
                        Path.of("target", "keycloak-it").toAbsolutePath().toString()));
        String home = System.getProperty("lyceum.keycloak.home");
        if (home != null) {
            env.put("KEYCLOAK_HOME", home);
        }
        LocalKeycloak keycloak = new LocalKeycloak(port, env);
        String output = keycloak.script(List.of("start"), 300);
        if (output.isBlank()) {
            throw new IllegalStateException("keycloak.sh start printed no token");
        }
        return keycloak;
    }

    String issuer(String realm) {
        return "http://localhost:" + port + "/realms/" + realm;
    }

    /** A token from the password grant, as keycloak.sh prints it. */
    String token(String user, String password) throws Exception {
        return script(List.of("token", user, password), 60).strip();
    }

    /** A token from any realm and client, straight from the token endpoint. */
    String passwordGrant(String realm, String client, String user, String password) throws Exception {
        return Http.form(
                        URI.create(issuer(realm) + "/protocol/openid-connect/token"),
                        null,
                        Map.of("grant_type", "password", "client_id", client, "username", user, "password", password))
                .get("access_token")
                .asText();
    }

    /** Calls Keycloak's admin REST API as the bootstrap admin. */
    int admin(String path, Object body) throws Exception {
        JsonNode token = Http.form(
                URI.create(issuer("master") + "/protocol/openid-connect/token"),
                null,
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        return Http.postJson(
                URI.create("http://localhost:" + port + "/admin/realms" + path),
                token.get("access_token").asText(),
                body);
    }

    private String script(List<String> args, int timeoutSeconds) throws Exception {
        Path project = Path.of(System.getProperty("lyceum.project.dir", "."));
        List<String> command = new java.util.ArrayList<>(
                List.of("bash", project.resolve("docker/keycloak/keycloak.sh").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keycloak.sh " + args + " failed");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        script(List.of("stop"), 60);
    }
}
