package org.lyceum.database;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * A result row read by column name through an index built once per result set. Vert.x finds a
 * named column by scanning all of them; over the ~100 columns of a feed row that scan was the
 * largest single cost in the homeFeed profile.
 */
public final class SqlRow {

    private final Row row;
    private final Map<String, Integer> columns;

    SqlRow(Row row, Map<String, Integer> columns) {
        this.row = row;
        this.columns = columns;
    }

    private int at(String column) {
        Integer i = columns.get(column);
        if (i == null) {
            throw new NoSuchElementException("no column " + column);
        }
        return i;
    }

    public String getString(String column) {
        return row.getString(at(column));
    }

    public UUID getUUID(String column) {
        return row.getUUID(at(column));
    }

    public Integer getInteger(String column) {
        return row.getInteger(at(column));
    }

    public Short getShort(String column) {
        return row.getShort(at(column));
    }

    public Boolean getBoolean(String column) {
        return row.getBoolean(at(column));
    }

    public OffsetDateTime getOffsetDateTime(String column) {
        return row.getOffsetDateTime(at(column));
    }

    public Long getLong(String column) {
        return row.getLong(at(column));
    }

    public byte[] getBytes(String column) {
        return row.getBuffer(at(column)).getBytes();
    }

    public String[] getArrayOfStrings(String column) {
        return row.getArrayOfStrings(at(column));
    }

    public Long[] getArrayOfLongs(String column) {
        return row.getArrayOfLongs(at(column));
    }

    public Long getLong(int position) {
        return row.getLong(position);
    }
}
