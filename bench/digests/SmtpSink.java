import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server for the digest benchmark: speaks enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA
 * with dot-unstuffing, RSET, NOOP, QUIT) for any client, accepts every message and keeps only what
 * the benchmark checks: per recipient and X-Lyceum-Digest-Period, how many arrived. Writes a
 * summary when it gets SIGTERM. Usage: java SmtpSink.java <port> <summary-file>
 */
public class SmtpSink {

    static final Map<String, Integer> RECEIVED = new ConcurrentHashMap<>();
    static final AtomicLong MESSAGES = new AtomicLong();
    static final AtomicLong BYTES = new AtomicLong();
    static volatile long first;
    static volatile long last;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path summary = Path.of(args[1]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> write(summary)));
        try (ServerSocket server = new ServerSocket(port, 512)) {
            System.out.println("SMTP sink on " + port);
            while (true) {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket));
                t.setDaemon(true);
                t.start();
            }
        }
    }

    static void serve(Socket socket) {
        try (socket) {
            // Replies are small writes; without this, Nagle's algorithm and the client's delayed
            // ACKs hold many of them for tens of milliseconds.
            socket.setTcpNoDelay(true);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 sink ESMTP");
            java.util.List<String> rcpts = new java.util.ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (upper) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-PIPELINING\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 sink");
                    case "MAIL" -> {
                        rcpts.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        int lt = line.indexOf('<');
                        int gt = line.indexOf('>');
                        rcpts.add(
                                lt >= 0 && gt > lt
                                        ? line.substring(lt + 1, gt)
                                        : line.substring(8).trim());
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        String period = "?";
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            BYTES.addAndGet(data.length() + 2);
                            if (data.regionMatches(true, 0, "X-Lyceum-Digest-Period:", 0, 23)) {
                                period = data.substring(23).trim();
                            }
                        }
                        for (String r : rcpts) {
                            RECEIVED.merge(r + " " + period, 1, Integer::sum);
                        }
                        long now = System.nanoTime();
                        if (MESSAGES.getAndIncrement() == 0) {
                            first = now;
                        }
                        last = now;
                        reply(out, "250 OK queued");
                    }
                    case "RSET" -> {
                        rcpts.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException closed) {
            // the client went away
        }
    }

    static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void write(Path summary) {
        long duplicates =
                RECEIVED.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
        double seconds = (last - first) / 1e9;
        String text = "messages " + MESSAGES.get() + "\ndistinct " + RECEIVED.size() + "\nduplicates " + duplicates
                + "\naverage_bytes " + (MESSAGES.get() == 0 ? 0 : BYTES.get() / MESSAGES.get())
                + "\nseconds_first_to_last " + String.format(java.util.Locale.ROOT, "%.2f", seconds) + "\n";
        try {
            Files.writeString(summary, text);
        } catch (IOException e) {
            e.printStackTrace();
        }
    }
}
