package org.lyceum.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A TCP proxy in front of PostgreSQL that counts the statements clients send: every simple Query
 * ('Q') and every extended-protocol Execute ('E') message. The app's reactive pool connects
 * through it, so a test can count what Hibernate Reactive and our SQL really sent, whatever
 * code path sent it. The count is published as a platform MBean, so that every class loader of a
 * Quarkus test reads the same one.
 */
public final class StatementCounter implements StatementCounterMBean {

    private static final String NAME = "org.lyceum.test:type=StatementCounter";

    private final AtomicLong counter = new AtomicLong();

    private StatementCounter() {}

    @Override
    public long getCount() {
        return counter.get();
    }

    /** Statements sent through the proxies so far. */
    public static long count() {
        try {
            return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(NAME), "Count");
        } catch (JMException e) {
            throw new IllegalStateException("no statement-counting proxy is running", e);
        }
    }

    /**
     * The count once the app has sent nothing for 200 ms: seeding mutations leave the publisher's
     * and the delivery worker's runs behind them, whose statements must not count as a query's.
     */
    public static long quiet() {
        long last = count();
        for (int i = 0; i < 50; i++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            long now = count();
            if (now == last) {
                return now;
            }
            last = now;
        }
        throw new IllegalStateException("the app kept sending statements for 10 s");
    }

    private static synchronized AtomicLong counter() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            StatementCounter counter = new StatementCounter();
            server.registerMBean(counter, name);
            return counter.counter;
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a proxy to host:port and returns its local port. */
    public static int start(String host, int port) {
        AtomicLong counter = counter();
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(
                    () -> {
                        while (!server.isClosed()) {
                            try {
                                Socket client = server.accept();
                                Socket upstream = new Socket(host, port);
                                client.setTcpNoDelay(true);
                                upstream.setTcpNoDelay(true);
                                daemon(() -> pumpCounting(client, upstream, counter), "pg-proxy-up");
                                daemon(() -> pump(upstream, client), "pg-proxy-down");
                            } catch (IOException e) {
                                // the server socket closed, or one connection failed: the client sees its socket close
                            }
                        }
                    },
                    "pg-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return server.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the statement-counting proxy", e);
        }
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // connection closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Copies the frontend's messages one by one, counting Query and Execute messages. */
    private static void pumpCounting(Socket from, Socket to, AtomicLong counter) {
        try (DataInputStream in = new DataInputStream(from.getInputStream());
                OutputStream out = to.getOutputStream()) {
            boolean startup = true;
            while (true) {
                int type = startup ? -1 : in.readUnsignedByte();
                int length = in.readInt();
                byte[] body = new byte[length - 4];
                in.readFully(body);
                if (startup) {
                    out.write(int32(length));
                    // SSLRequest / GSSENCRequest are followed by another startup packet.
                    int code = length == 8
                            ? ((body[0] & 0xff) << 24
                                    | (body[1] & 0xff) << 16
                                    | (body[2] & 0xff) << 8
                                    | (body[3] & 0xff))
                            : 0;
                    startup = code == 80877103 || code == 80877104;
                } else {
                    if (type == 'Q' || type == 'E') {
                        counter.incrementAndGet();
                    }
                    if (System.getenv("LYCEUM_TRACE_SQL") != null
                            && (type == 'P' || type == 'Q' || type == 'E' || type == 'B')) {
                        System.err.println("SQL " + (char) type + " "
                                + new String(body, java.nio.charset.StandardCharsets.UTF_8)
                                        .replace('\0', '|')
                                        .chars()
                                        .limit(160)
                                        .collect(
                                                StringBuilder::new,
                                                StringBuilder::appendCodePoint,
                                                StringBuilder::append));
                    }
                    out.write(type);
                    out.write(int32(length));
                }
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // connection closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
