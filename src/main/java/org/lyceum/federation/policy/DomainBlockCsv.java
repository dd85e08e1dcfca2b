package org.lyceum.federation.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;

/**
 * Mastodon's domain block list format: a header {@code #domain,#severity,#reject_media,
 * #reject_reports,#public_comment,#obfuscate} and one record per domain; comments may be quoted
 * and hold commas, quotes and line breaks. Severity is suspend, silence (Mastodon's "limit") or noop.
 */
public final class DomainBlockCsv {

    static final String HEADER = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate";
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");

    private DomainBlockCsv() {}

    /**
     * The domain as Mastodon shows an obfuscated block publicly: the first and last quarter and the
     * dots stay, every other character becomes '*' ({@code DomainBlock#public_domain}).
     */
    public static String obfuscated(String domain) {
        int visible = domain.length() / 4;
        StringBuilder out = new StringBuilder(domain.length());
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            out.append(i > visible && i < domain.length() - visible && c != '.' ? '*' : c);
        }
        return out.toString();
    }

    public record Entry(
            String domain,
            Severity severity,
            boolean rejectMedia,
            boolean rejectReports,
            @Nullable String publicComment,
            boolean obfuscate) {}

    /** Every record, or INVALID_INPUT naming the line of the first bad one (nothing is imported then). */
    public static List<Entry> parse(String csv) {
        List<Entry> out = new ArrayList<>();
        for (Row row : rows(csv.replace("\uFEFF", "").replace("\r\n", "\n"))) {
            List<String> f = row.fields();
            String where = "line " + row.line() + ": ";
            String severity =
                    f.size() > 1 && !f.get(1).isBlank() ? f.get(1).strip().toLowerCase(Locale.ROOT) : "suspend";
            Severity sev =
                    switch (severity) {
                        case "suspend" -> Severity.SUSPEND;
                        case "silence", "limit" -> Severity.SILENCE;
                        case "noop" -> Severity.NOOP;
                        default -> throw DomainException.invalid("csv", where + "unknown severity " + severity);
                    };
            out.add(new Entry(
                    domain(f.get(0), "csv", where),
                    sev,
                    flag(f, 2),
                    flag(f, 3),
                    f.size() > 4 && !f.get(4).isBlank() ? f.get(4) : null,
                    flag(f, 5)));
        }
        return out;
    }

    public static String format(List<DomainBlockView> blocks) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (DomainBlockView b : blocks) {
            out.append(b.domain())
                    .append(',')
                    .append(b.severity().name().toLowerCase(Locale.ROOT))
                    .append(',')
                    .append(b.rejectMedia())
                    .append(',')
                    .append(b.rejectReports())
                    .append(',')
                    .append(quote(b.publicComment()))
                    .append(',')
                    .append(b.obfuscate())
                    .append('\n');
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

    /** A record's fields and the line it starts on. */
    private record Row(int line, List<String> fields) {}

    /**
     * The records of RFC 4180 CSV (a quoted field may hold commas, doubled quotes and line breaks,
     * as Mastodon writes a multi-line comment), skipping blank lines and lines starting with #.
     */
    private static List<Row> rows(String csv) {
        List<Row> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < csv.length()) {
            int eol = csv.indexOf('\n', i);
            String rest = csv.substring(i, eol < 0 ? csv.length() : eol).strip();
            if (rest.isEmpty() || rest.startsWith("#")) {
                i = eol < 0 ? csv.length() : eol + 1;
                line++;
                continue;
            }
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (; i < csv.length(); i++) {
                char ch = csv.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        line += ch == '\n' ? 1 : 0;
                        cur.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    fields.add(cur.toString());
                    cur.setLength(0);
                } else if (ch == '\n') {
                    break;
                } else {
                    cur.append(ch);
                }
            }
            if (quoted) {
                throw DomainException.invalid("csv", "line " + start + ": an unclosed quote");
            }
            fields.add(cur.toString());
            out.add(new Row(start, fields));
            i++;
            line++;
        }
        return out;
    }

    private static String quote(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
