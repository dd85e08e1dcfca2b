package org.lyceum.common;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.SqlRow;

/**
 * Keyset pagination over a unique sort key of one or more SQL expressions: no OFFSET, so pages
 * stay stable while rows are inserted. Cursors carry the key's values as text, cast back in SQL.
 */
public final class Keyset {

    /** PostgreSQL's text form of timestamptz, as {@code ::text} renders it. */
    private static final java.util.regex.Pattern TIMESTAMP = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?[+-]\\d{2}(:\\d{2})?");

    private static final String[] KEYS = {"k0", "k1", "k2"};

    private final String[] expressions;
    private final String[] types;
    private final boolean descending;

    private Keyset(String[] expressions, String[] types, boolean descending) {
        this.expressions = expressions;
        this.types = types;
        this.descending = descending;
    }

    /** Pairs of (SQL expression, PostgreSQL type), newest (largest) first. */
    public static Keyset descending(String... expressionsAndTypes) {
        return of(expressionsAndTypes, true);
    }

    public static Keyset ascending(String... expressionsAndTypes) {
        return of(expressionsAndTypes, false);
    }

    private static Keyset of(String[] pairs, boolean descending) {
        String[] expressions = new String[pairs.length / 2];
        String[] types = new String[pairs.length / 2];
        for (int i = 0; i < expressions.length; i++) {
            expressions[i] = pairs[2 * i];
            types[i] = pairs[2 * i + 1];
        }
        return new Keyset(expressions, types, descending);
    }

    /** Select-list items exposing the key as text columns k0, k1, ... for {@link #cursorOf}. */
    public String columns() {
        StringJoiner out = new StringJoiner(", ");
        for (int i = 0; i < expressions.length; i++) {
            out.add("(" + expressions[i] + ")::text as k" + i);
        }
        return out.toString();
    }

    /**
     * " and (key) &lt; (cursor)" or "" without a cursor; parameters start at {@code $firstParam}
     * and their values are appended to {@code params}.
     */
    public String after(PageRequest page, int firstParam, List<@Nullable Object> params) {
        if (page.cursor() == null) {
            return "";
        }
        String[] values = decode(page.cursor(), page.backward() ? "before" : "after");
        boolean less = descending != page.backward();
        StringJoiner left = new StringJoiner(", ", "(", ")");
        StringJoiner right = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < expressions.length; i++) {
            left.add(expressions[i]);
            right.add("$" + (firstParam + i) + "::text::" + types[i]);
            params.add(values[i]);
        }
        return " and " + left + (less ? " < " : " > ") + right;
    }

    /** The cursor's values, checked; null without a cursor. DomainException for a cursor of another list. */
    public String @Nullable [] cursorValues(PageRequest page) {
        return page.cursor() == null ? null : decode(page.cursor(), page.backward() ? "before" : "after");
    }

    /**
     * Like {@link #after} for a batch of pages: the cursor's values come from the text columns
     * {@code alias.k0, alias.k1, ...} (null without a cursor, then a bound that lets every row pass),
     * so each page of one statement has its own cursor.
     */
    public String afterColumns(boolean backward, String alias) {
        boolean less = descending != backward;
        StringJoiner left = new StringJoiner(", ", "(", ")");
        StringJoiner right = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < expressions.length; i++) {
            left.add(expressions[i]);
            right.add("coalesce(" + alias + ".k" + i + ", '" + bound(types[i], less) + "')::" + types[i]);
        }
        return " and " + left + (less ? " < " : " > ") + right;
    }

    /** The key's expressions with their own types, as columns sort0, sort1, ... for {@link #outerOrder}. */
    public String sortColumns() {
        StringJoiner out = new StringJoiner(", ");
        for (int i = 0; i < expressions.length; i++) {
            out.add(expressions[i] + " as sort" + i);
        }
        return out.toString();
    }

    /** The page order again, over the {@link #sortColumns} of a subquery named {@code alias}. */
    public String outerOrder(boolean backward, String alias) {
        boolean desc = descending != backward;
        StringJoiner order = new StringJoiner(", ");
        for (int i = 0; i < expressions.length; i++) {
            order.add(alias + ".sort" + i + (desc ? " desc" : " asc"));
        }
        return order.toString();
    }

    /** How many expressions make up the key: the number of cursor columns of a batch. */
    public int width() {
        return expressions.length;
    }

    /** ORDER BY for a page of a batch, whose limit comes from the statement. */
    public String order(boolean backward) {
        boolean desc = descending != backward;
        StringJoiner order = new StringJoiner(", ", " order by ", "");
        for (String expression : expressions) {
            order.add(expression + (desc ? " desc" : " asc"));
        }
        return order.toString();
    }

    /** A value beyond every row's, so that a page without a cursor starts at the first row. */
    private static String bound(String type, boolean upper) {
        return switch (type) {
            case "timestamptz" -> upper ? "infinity" : "-infinity";
            case "uuid" -> upper ? "ffffffff-ffff-ffff-ffff-ffffffffffff" : "00000000-0000-0000-0000-000000000000";
            case "integer" -> upper ? "2147483647" : "-2147483648";
            case "bigint" -> upper ? "9223372036854775807" : "-9223372036854775808";
            default -> throw new UnsupportedOperationException("no bound for keys of type " + type);
        };
    }

    /** ORDER BY and LIMIT for the page, fetching one extra row to learn whether more follow. */
    public String orderAndLimit(PageRequest page) {
        return order(page.backward()) + " limit " + (page.size() + 1);
    }

    public String cursorOf(SqlRow row) {
        StringJoiner raw = new StringJoiner("\n");
        for (int i = 0; i < expressions.length; i++) {
            raw.add(row.getString(KEYS[i]));
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String[] decode(String cursor, String field) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] values = raw.split("\n", -1);
            if (values.length != expressions.length) {
                throw DomainException.invalid(field, "not a cursor of this list");
            }
            for (int i = 0; i < values.length; i++) {
                if (!valid(types[i], values[i])) {
                    throw DomainException.invalid(field, "not a cursor of this list");
                }
            }
            return values;
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "not a cursor of this list");
        }
    }

    /** A cursor is client input: each value must parse as its column's type before it reaches SQL. */
    private static boolean valid(String type, String value) {
        return switch (type) {
            case "bigint" -> value.matches("-?\\d{1,18}");
            case "integer" -> value.matches("-?\\d{1,9}");
            case "uuid" -> value.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            case "float8" -> value.matches("-?\\d+(\\.\\d+)?(e[+-]?\\d+)?");
            case "timestamptz" -> TIMESTAMP.matcher(value).matches() && acceptedByPostgres(value);
            default -> value.length() <= 1000;
        };
    }

    /**
     * A timestamp of the right shape that PostgreSQL will also cast: a real date (no February 30),
     * year 1 or later, an offset within its range. Otherwise the cast fails inside a statement that
     * may carry other fields' pages too.
     */
    private static boolean acceptedByPostgres(String value) {
        String iso = value.replace(' ', 'T');
        if (iso.matches(".*[+-]\\d{2}")) {
            iso = iso + ":00";
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(iso); // ISO: strict, so 2024-02-30 does not parse
            return t.getYear() >= 1 && Math.abs(t.getOffset().getTotalSeconds()) < 16 * 3600;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Trims the extra row, restores display order for backward pages and reports the edges. */
    public static <T> Page<T> page(PageRequest request, List<Page.Edge<T>> fetched) {
        boolean more = fetched.size() > request.size();
        List<Page.Edge<T>> edges = new ArrayList<>(more ? fetched.subList(0, request.size()) : fetched);
        if (request.backward()) {
            java.util.Collections.reverse(edges);
            return new Page<>(edges, request.cursor() != null, more);
        }
        return new Page<>(edges, more, request.cursor() != null);
    }
}
