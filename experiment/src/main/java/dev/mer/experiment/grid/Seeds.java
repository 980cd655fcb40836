package dev.mer.experiment.grid;

import java.util.List;
import java.util.TreeSet;

/**
 * The seeds a suite runs each row with, written as ranges and lists: {@code 0-4}, {@code 0,2,7},
 * {@code 0-2,10}. Kept sorted, without repeats.
 *
 * @param values the seeds, ascending
 */
public record Seeds(List<Long> values) {
    /** The largest range a seed set may hold: a typo such as {@code 0-10000} is refused. */
    public static final int MAX = 1000;

    public Seeds {
        values = List.copyOf(new TreeSet<>(values));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no seed");
        }
        if (values.get(0) < 0) {
            throw new IllegalArgumentException("Invalid seed: " + values.get(0));
        }
        if (values.size() > MAX) {
            throw new IllegalArgumentException("too many seeds: " + values.size() + " (at most " + MAX + ")");
        }
    }

    /**
     * Parses {@code 0-4}, {@code 0,2,7} and their combinations.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static Seeds parse(String text) {
        TreeSet<Long> seeds = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            try {
                if (p.matches("\\d+-\\d+")) {
                    String[] ends = p.split("-");
                    long from = Long.parseLong(ends[0]);
                    long to = Long.parseLong(ends[1]);
                    if (to < from || to - from >= MAX) {
                        throw new IllegalArgumentException("invalid seed range '" + p + "'");
                    }
                    for (long s = from; s <= to; s++) {
                        seeds.add(s);
                    }
                } else if (p.matches("\\d+")) {
                    seeds.add(Long.parseLong(p));
                } else {
                    throw new IllegalArgumentException("invalid seeds '" + text + "': '" + p + "' is not a seed or a"
                            + " range such as 0-4");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid seed '" + p + "'");
            }
        }
        return new Seeds(List.copyOf(seeds));
    }

    /** How many seeds. */
    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
