package org.lyceum.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Catches what the application logs at ERROR (or above) while a hostile suite runs: a client's
 * mistake is not an ERROR. Installed on the root logger of the JBoss LogManager, which is the
 * java.util.logging of a Quarkus test JVM, so it sees every category.
 */
final class ErrorLog extends Handler implements AutoCloseable {

    private final List<String> records = new ArrayList<>();

    private ErrorLog() {
        setLevel(Level.SEVERE);
    }

    static ErrorLog watch() {
        ErrorLog log = new ErrorLog();
        Logger.getLogger("").addHandler(log);
        return log;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            Throwable thrown = record.getThrown();
            String message = record instanceof org.jboss.logmanager.ExtLogRecord ext
                    ? ext.getFormattedMessage()
                    : record.getMessage();
            records.add("[" + record.getLoggerName() + "] " + message + (thrown == null ? "" : " (" + thrown + ")"));
        }
    }

    synchronized List<String> errors() {
        return List.copyOf(records);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
