package org.lyceum.federation.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.lyceum.common.DomainException;

/**
 * Mastodon's domain block list format: a header {@code #domain,#severity,#reject_media,
 * #reject_reports,#public_comment,#obfuscate} and one line per domain; comments may be quoted
 * and contain commas. Severity is suspend, silence (Mastodon's "limit") or noop.
 */
public final class DomainBlockCsv {

    static final String HEADER = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate";
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");

    private DomainBlockCsv() {
    }

    public record Entry(String domain, Severity severity, boolean rejectMedia, boolean rejectReports, String publicComment,
                        boolean obfuscate) {
    }

    /** Every line, or INVALID_INPUT naming the first bad line (nothing is imported then). */
    public static List<Entry> parse(String csv) {
        List<Entry> out = new ArrayList<>();
        String[] lines = csv.replace("\uFEFF", "").replace("\r\n", "\n").split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> f = fields(line, i + 1);
            String severity = f.size() > 1 && !f.get(1).isBlank() ? f.get(1).strip().toLowerCase(Locale.ROOT) : "suspend";
            Severity sev = switch (severity) {
                case "suspend" -> Severity.SUSPEND;
                case "silence", "limit" -> Severity.SILENCE;
                case "noop" -> Severity.NOOP;
                default -> throw DomainException.invalid("csv", "line " + (i + 1) + ": unknown severity " + severity);
            };
            out.add(new Entry(domain(f.get(0), "csv", "line " + (i + 1) + ": "), sev, flag(f, 2), flag(f, 3),
                    f.size() > 4 && !f.get(4).isBlank() ? f.get(4) : null, flag(f, 5)));
        }
        return out;
    }

    public static String format(List<DomainBlockView> blocks) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (DomainBlockView b : blocks) {
            out.append(b.domain()).append(',').append(b.severity().name().toLowerCase(Locale.ROOT)).append(',')
                    .append(b.rejectMedia()).append(',').append(b.rejectReports()).append(',')
                    .append(quote(b.publicComment())).append(',').append(b.obfuscate()).append('\n');
        }
        return out.toString();
    }

    /** A domain as stored: lower case, without a leading "*." ; INVALID_INPUT when it is not one. */
    public static String domain(String raw, String field, String where) {
        String d = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (d.startsWith("*.")) {
            d = d.substring(2);
        }
        if (d.length() > 253 || !DOMAIN.matcher(d).matches()) {
            throw DomainException.invalid(field, where + "not a domain: " + raw);
        }
        return d;
    }

    private static boolean flag(List<String> f, int i) {
        return f.size() > i && f.get(i).strip().equalsIgnoreCase("true");
    }

    private static List<String> fields(String line, int number) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw DomainException.invalid("csv", "line " + number + ": an unclosed quote");
        }
        out.add(cur.toString());
        return out;
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"").replace("\n", " ") + "\"" : s;
    }
}
