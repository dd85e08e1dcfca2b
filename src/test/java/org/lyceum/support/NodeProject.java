package org.lyceum.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A small npm project under src/test whose real JavaScript clients and peers the tests run
 * (graphql-js, Fedify): installed with {@code npm ci} from its lock file on first use.
 */
public final class NodeProject {

    private final Path dir;

    public NodeProject(String name) {
        this.dir = Path.of("src", "test", name).toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    /** Why the project cannot run here (no node, npm ci failed), or null when it can. */
    public @Nullable String unavailable(String installedPackage) {
        try {
            Process node = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            if (!node.waitFor(20, TimeUnit.SECONDS) || node.exitValue() != 0) {
                return "node does not run";
            }
        } catch (Exception e) {
            return "node is not installed (" + e.getMessage() + ")";
        }
        if (Files.isDirectory(dir.resolve("node_modules").resolve(installedPackage))) {
            return null;
        }
        try {
            Path npmLog =
                    Path.of("target", "it-logs", dir.getFileName() + "-npm.log").toAbsolutePath();
            Files.createDirectories(npmLog.getParent());
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(npmLog.toFile())
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                return "npm ci in " + dir + " failed; see " + npmLog;
            }
            return null;
        } catch (Exception e) {
            return "npm is not installed (" + e.getMessage() + ")";
        }
    }

    /** Runs a script of the project with node and returns what it printed; fails on a non-zero exit. */
    public String run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("node " + script + " failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
