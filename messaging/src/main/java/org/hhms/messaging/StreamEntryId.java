package org.hhms.messaging;

/** A Redis stream entry id ({@code <milliseconds>-<sequence>}), ordered as Redis orders them. */
public record StreamEntryId(long millis, long sequence) implements Comparable<StreamEntryId> {

    public static StreamEntryId parse(String id) {
        int dash = id.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("Not a stream entry id: " + id);
        }
        return new StreamEntryId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
    }

    @Override
    public int compareTo(StreamEntryId other) {
        int byMillis = Long.compare(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
