package cn.gridgov.cases.timeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain over a case's timeline: each entry's hash covers its own fields and the previous
 * entry's hash, so changing, removing or reordering any entry breaks every hash after it.
 */
public final class TimelineChain {

    /** The outcome of checking a chain: valid, or the first entry that does not match and why. */
    public record Verification(boolean valid, int entries, Integer brokenAtSeq, String reason) {
    }

    private TimelineChain() {
    }

    public static String hash(String prevHash, TimelineEntry entry) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(prevHash.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(entry.canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Checks entries given in sequence order against the length and last hash the case itself
     * keeps, so that entries removed from the end are caught too.
     */
    public static Verification verify(List<TimelineEntry> entries, int expectedLength, String expectedLastHash) {
        var chain = verify(entries);
        if (!chain.valid()) {
            return chain;
        }
        var lastHash = entries.isEmpty() ? "" : entries.get(entries.size() - 1).hash;
        if (entries.size() != expectedLength || !lastHash.equals(expectedLastHash)) {
            return new Verification(false, entries.size(), entries.size() + 1,
                    "the case records " + expectedLength + " entries; entries after " + entries.size() + " are missing or replaced");
        }
        return chain;
    }

    /** Checks entries given in sequence order among themselves. */
    public static Verification verify(List<TimelineEntry> entries) {
        var prev = "";
        int expectedSeq = 1;
        for (var entry : entries) {
            if (entry.seq != expectedSeq) {
                return new Verification(false, entries.size(), expectedSeq, "entry " + expectedSeq + " is missing");
            }
            if (!entry.prevHash.equals(prev)) {
                return new Verification(false, entries.size(), entry.seq, "entry " + entry.seq + " does not follow the entry before it");
            }
            if (!entry.hash.equals(hash(prev, entry))) {
                return new Verification(false, entries.size(), entry.seq, "entry " + entry.seq + " was changed after it was recorded");
            }
            prev = entry.hash;
            expectedSeq++;
        }
        return new Verification(true, entries.size(), null, null);
    }
}
