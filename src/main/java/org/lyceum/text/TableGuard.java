package org.lyceum.text;

/**
 * GFM tables pad every body row to the header's width, so a short source can ask for millions of
 * cells (2 500 columns by 3 000 rows fit in 20 000 characters). A source whose tables would be
 * wider or larger than these bounds is parsed without the tables extension: its pipes stay text.
 * One linear scan, before the parser sees the source.
 */
final class TableGuard {

    static final int MAX_COLUMNS = 64;
    static final int MAX_CELLS = 10_000;

    private TableGuard() {}

    static boolean tooLarge(String source) {
        if (source.indexOf('|') < 0) {
            return false;
        }
        String[] lines = source.split("\n", -1);
        long cells = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!delimiterLike(line)) {
                continue;
            }
            int columns = Math.max(columns(line), i > 0 ? columns(lines[i - 1]) : 0);
            if (columns > MAX_COLUMNS) {
                return true;
            }
            int rows = 1;
            for (int j = i + 1; j < lines.length && !lines[j].isBlank(); j++) {
                rows++;
            }
            cells += (long) columns * rows;
            if (cells > MAX_CELLS) {
                return true;
            }
        }
        return false;
    }

    /** Only pipes, dashes, colons and blanks, with a pipe and a dash: a table's delimiter row, or close to one. */
    private static boolean delimiterLike(String line) {
        boolean pipe = false;
        boolean dash = false;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            switch (c) {
                case '|' -> pipe = true;
                case '-' -> dash = true;
                case ':', ' ', '\t' -> {}
                default -> {
                    return false;
                }
            }
        }
        return pipe && dash;
    }

    private static int columns(String line) {
        int pipes = 0;
        for (int k = 0; k < line.length(); k++) {
            if (line.charAt(k) == '|') {
                pipes++;
            }
        }
        return pipes + 1;
    }
}
