package org.lyceum.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) for every @QuarkusTest, on a port fixed for the run so a test can
 * stop and restart it to play an SMTP outage. Tests get it in a field annotated {@link Smtp}.
 */
public class MailTestResource implements QuarkusTestResourceLifecycleManager {

    /** GreenMail logs every recipient it creates; those lines say nothing. Held so the level sticks. */
    private static final java.util.logging.Logger GREENMAIL_LOG = java.util.logging.Logger.getLogger("com.icegreen");

    private GreenMail greenMail;

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Smtp {}

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        GREENMAIL_LOG.setLevel(java.util.logging.Level.WARNING);
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return Map.of(
                "quarkus.mailer.host",
                "127.0.0.1",
                "quarkus.mailer.port",
                String.valueOf(port),
                "quarkus.mailer.tls",
                "false",
                "quarkus.mailer.start-tls",
                "DISABLED",
                "quarkus.mailer.mock",
                "false");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(greenMail, new TestInjector.AnnotatedAndMatchesType(Smtp.class, GreenMail.class));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
