package org.jincai.server.query;

import org.jincai.formats.FormatException;

/**
 * Which page of a list is asked for: {@code page} from 0, {@code size} items from 1 to {@value #MAX_SIZE}
 * ({@value #DEFAULT_SIZE} when not given). Out of range is {@value #PAGE_INVALID} or {@value #SIZE_INVALID}.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    /** The deepest page served: an offset past it is refused rather than scanned. */
    public static final int MAX_PAGE = 100_000;
    public static final String PAGE_INVALID = "PAGE_INVALID";
    public static final String SIZE_INVALID = "SIZE_INVALID";

    public PageRequest {
        if (page < 0 || page > MAX_PAGE) {
            throw new FormatException(PAGE_INVALID, "page must be 0 to " + MAX_PAGE + ", got " + page, "page");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new FormatException(SIZE_INVALID, "size must be 1 to " + MAX_SIZE + ", got " + size, "size");
        }
    }

    /** The request with its defaults for what was not given. */
    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** The request as a query string or a form gives it: blank for the default, digits otherwise. */
    public static PageRequest parse(String page, String size) {
        return new PageRequest(number(page, 0, PAGE_INVALID, "page"), number(size, DEFAULT_SIZE, SIZE_INVALID, "size"));
    }

    private static int number(String value, int absent, String code, String field) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new FormatException(code, field + " must be a whole number, got '" + value + "'", field);
        }
    }

    public static PageRequest first(int size) {
        return new PageRequest(0, size);
    }

    /** The rows skipped before this page. */
    public long offset() {
        return (long) page * size;
    }
}
