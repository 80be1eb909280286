package dev.nightcast.script;

import java.util.ArrayList;
import java.util.List;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;

/**
 * One CSV record as read, with its cells bounded: a cell larger than the script size limit is kept
 * as an empty string and named in {@link #oversizedField}, so that its row fails alone.
 *
 * @param line the line the record starts on
 * @param fields the record's first {@value Handler#KEPT_FIELDS} fields
 * @param fieldCount how many fields the record has
 * @param oversizedField the index of the first cell over the limit, or -1
 */
record CsvRow(long line, List<String> fields, int fieldCount, int oversizedField) {

    boolean isBlank() {
        return oversizedField < 0
                && fieldCount == fields.size()
                && fields.stream().allMatch(String::isBlank);
    }

    /** Builds {@link CsvRow}s for FastCSV, copying no cell larger than the limit. */
    static final class Handler extends AbstractBaseCsvCallbackHandler<CsvRow> {

        /** More fields than any script row needs; the rest of a row this wide is only counted. */
        static final int KEPT_FIELDS = 256;

        private final long maxBytes;
        private List<String> fields = new ArrayList<>();
        private int oversizedField = -1;

        Handler(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            fields = new ArrayList<>();
            oversizedField = -1;
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            if (isOversized(buf, offset, len)) {
                if (oversizedField < 0) {
                    oversizedField = fieldIdx;
                }
                if (fields.size() < KEPT_FIELDS) {
                    fields.add("");
                }
            } else if (fields.size() < KEPT_FIELDS) {
                fields.add(new String(buf, offset, len));
            }
        }

        /** More UTF-8 bytes than the limit; counted only when the characters alone do not decide. */
        private boolean isOversized(char[] buf, int offset, int len) {
            if (len > maxBytes) {
                return true;
            }
            if (3L * len <= maxBytes) {
                return false;
            }
            long bytes = 0;
            for (int i = offset; i < offset + len; i++) {
                char c = buf[i];
                bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            return bytes > maxBytes;
        }

        @Override
        protected CsvRow buildRecord() {
            return new CsvRow(getStartingLineNumber(), List.copyOf(fields), getFieldCount(), oversizedField);
        }
    }
}
