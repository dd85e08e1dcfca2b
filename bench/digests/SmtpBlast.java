import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The baseline of the digest benchmark: a bare SMTP client pushing messages of a digest's size
 * into the same sink over the same number of connections, with nothing else to do. What the
 * machine can deliver at most. Usage: java SmtpBlast.java <port> <messages> <connections> <bytes>
 */
public class SmtpBlast {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int messages = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        int bytes = Integer.parseInt(args[3]);
        String body = "Subject: baseline\r\nX-Lyceum-Digest-Period: blast\r\n\r\n"
                + ("x".repeat(76) + "\r\n").repeat(Math.max(1, bytes / 78));
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int share = messages / connections + (c < messages % connections ? 1 : 0);
            int id = c;
            Thread t = new Thread(() -> send(port, share, id, body));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println(String.format(
                Locale.ROOT,
                "BASELINE smtp blast: %d messages over %d connections in %.2f s = %.0f messages/s",
                messages,
                connections,
                seconds,
                messages / seconds));
    }

    static void send(int port, int count, int id, String body) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            in.readLine();
            command(out, in, "EHLO blast");
            for (int i = 0; i < count; i++) {
                command(out, in, "MAIL FROM:<blast@localhost>");
                command(out, in, "RCPT TO:<b" + id + "-" + i + "@blast.test>");
                command(out, in, "DATA");
                out.write((body + ".\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                in.readLine();
            }
            command(out, in, "QUIT");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void command(OutputStream out, BufferedReader in, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String reply;
        do {
            reply = in.readLine();
        } while (reply != null && reply.length() > 3 && reply.charAt(3) == '-');
    }
}
