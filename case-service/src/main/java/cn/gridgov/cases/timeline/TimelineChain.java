package cn.gridgov.cases.timeline;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keyed hash chain over a case's timeline: each entry's HMAC-SHA256 covers its own fields and
 * the previous entry's hash, so changing, removing or reordering any entry breaks every hash after
 * it. The key ({@code gridgov.timeline.chain-key}) is held in configuration, outside the database:
 * someone who can write the database but does not have the key cannot compute the hashes of an
 * edited chain.
 */
@ApplicationScoped
public class TimelineChain {

    private static final String ALGORITHM = "HmacSHA256";

    /** The outcome of checking a chain: valid, or the first entry that does not match and why. */
    public record Verification(boolean valid, int entries, Integer brokenAtSeq, String reason) {}

    private final SecretKeySpec key;

    /** A Mac is not safe to share between threads; one per thread, initialised once. */
    private final ThreadLocal<Mac> macs;

    public TimelineChain(@ConfigProperty(name = "gridgov.timeline.chain-key") String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException(
                    "gridgov.timeline.chain-key must have at least 16 characters");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    public String hash(String prevHash, TimelineEntry entry) {
        var mac = macs.get();
        mac.reset();
        mac.update(prevHash.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '\n');
        mac.update(entry.canonical().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /**
     * Checks entries given in sequence order against the length and last hash the case itself
     * keeps, so that entries removed from the end are caught too.
     */
    public Verification verify(
            List<TimelineEntry> entries, int expectedLength, String expectedLastHash) {
        var chain = verify(entries);
        if (!chain.valid()) {
            return chain;
        }
        var lastHash = entries.isEmpty() ? "" : entries.get(entries.size() - 1).hash;
        if (entries.size() != expectedLength || !lastHash.equals(expectedLastHash)) {
            return new Verification(
                    false,
                    entries.size(),
                    entries.size() + 1,
                    "the case records "
                            + expectedLength
                            + " entries; entries after "
                            + entries.size()
                            + " are missing or replaced");
        }
        return chain;
    }

    /** Checks entries given in sequence order among themselves. */
    public Verification verify(List<TimelineEntry> entries) {
        var prev = "";
        int expectedSeq = 1;
        for (var entry : entries) {
            if (entry.seq != expectedSeq) {
                return new Verification(
                        false, entries.size(), expectedSeq, "entry " + expectedSeq + " is missing");
            }
            if (!entry.prevHash.equals(prev)) {
                return new Verification(
                        false,
                        entries.size(),
                        entry.seq,
                        "entry " + entry.seq + " does not follow the entry before it");
            }
            if (!entry.hash.equals(hash(prev, entry))) {
                return new Verification(
                        false,
                        entries.size(),
                        entry.seq,
                        "entry " + entry.seq + " was changed after it was recorded");
            }
            prev = entry.hash;
            expectedSeq++;
        }
        return new Verification(true, entries.size(), null, null);
    }
}
