package org.jincai.server.query;

import java.util.List;

/**
 * One page of a list, the one shape of every list the hub serves: the items, the page number (from 0), the page
 * size asked for, the number of items of the whole list and whether a page follows.
 */
public record Page<T>(List<T> items, int page, int size, long total, boolean hasNext) {

    public Page {
        items = List.copyOf(items);
    }

    /** The page {@code request} asked for of a list of {@code total} items. */
    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(items, request.page(), request.size(), total,
                (long) request.page() * request.size() + items.size() < total);
    }

    /** A page cut from a list already in memory (short lists: schedules, an approver's queue). */
    public static <T> Page<T> slice(List<T> all, PageRequest request) {
        long from = request.offset();
        List<T> items = from >= all.size() ? List.of()
                : all.subList((int) from, (int) Math.min(all.size(), from + request.size()));
        return of(items, request, all.size());
    }
}
