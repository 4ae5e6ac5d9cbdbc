package cn.gridgov.cases;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.cases.timeline.TimelineChain;
import cn.gridgov.cases.timeline.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The timeline's keyed hash chain (HMAC-SHA256), without the database. */
class TimelineChainTest {

    private static final TimelineChain CHAIN = new TimelineChain("the key of this test's chain");

    private final UUID caseId = UUID.randomUUID();

    @Test
    @DisplayName("an untouched timeline verifies")
    void untouchedChainVerifies() {
        assertThat(CHAIN.verify(chain(4)).valid()).isTrue();
    }

    @Test
    @DisplayName("a note changed after the fact breaks the chain at that entry")
    void editedEntryIsDetected() {
        var entries = chain(4);
        entries.get(2).note = "nothing happened here";

        var verification = CHAIN.verify(entries);

        assertThat(verification.valid()).isFalse();
        assertThat(verification.brokenAtSeq()).isEqualTo(3);
        assertThat(verification.reason()).contains("changed");
    }

    @Test
    @DisplayName("a removed entry is detected")
    void removedEntryIsDetected() {
        var entries = chain(4);
        entries.remove(1);

        var verification = CHAIN.verify(entries);

        assertThat(verification.valid()).isFalse();
        assertThat(verification.brokenAtSeq()).isEqualTo(2);
    }

    @Test
    @DisplayName("an entry rewritten with a fresh hash still breaks the entry after it")
    void rehashedEntryBreaksItsSuccessor() {
        var entries = chain(4);
        var forged = entries.get(1);
        forged.note = "forged";
        forged.hash = CHAIN.hash(forged.prevHash, forged);

        assertThat(CHAIN.verify(entries).brokenAtSeq()).isEqualTo(3);
    }

    @Test
    @DisplayName(
            "entries removed from the end are caught by the length and last hash the case keeps")
    void removedTailIsDetected() {
        var entries = chain(4);
        var lastHash = entries.get(3).hash;
        entries.remove(3);

        assertThat(CHAIN.verify(entries).valid()).isTrue();
        var verification = CHAIN.verify(entries, 4, lastHash);
        assertThat(verification.valid()).isFalse();
        assertThat(verification.brokenAtSeq()).isEqualTo(4);
    }

    @Test
    @DisplayName("a note changed from nothing to the text 'null' is detected")
    void nullIsNotTheTextNull() {
        var entries = chain(2);
        entries.get(0).note = null;
        entries.get(0).hash = CHAIN.hash("", entries.get(0));
        entries.get(1).prevHash = entries.get(0).hash;
        entries.get(1).hash = CHAIN.hash(entries.get(1).prevHash, entries.get(1));
        entries.get(0).note = "null";

        assertThat(CHAIN.verify(entries).brokenAtSeq()).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "a chain written with one key does not verify with another: a database writer without the key cannot forge it")
    void anotherKeyCannotRecomputeTheChain() {
        var entries = chain(3);
        var otherKey = new TimelineChain("a key the database writer guessed");

        var verification = otherKey.verify(entries);

        assertThat(verification.valid()).isFalse();
        assertThat(verification.brokenAtSeq()).isEqualTo(1);
        assertThat(verification.reason()).contains("changed");
    }

    @Test
    @DisplayName("an edit rehashed with plain SHA-256, as before the chain was keyed, is caught")
    void plainSha256IsNotTheChain() throws Exception {
        var entries = chain(2);
        var forged = entries.get(1);
        forged.note = "forged";
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        digest.update(forged.prevHash.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        var canonical = TimelineEntry.class.getDeclaredMethod("canonical");
        canonical.setAccessible(true);
        digest.update(
                ((String) canonical.invoke(forged))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        forged.hash = java.util.HexFormat.of().formatHex(digest.digest());

        assertThat(CHAIN.verify(entries, 2, forged.hash).brokenAtSeq()).isEqualTo(2);
    }

    @Test
    @DisplayName("a key shorter than 16 characters is refused at start")
    void shortKeyIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TimelineChain("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gridgov.timeline.chain-key");
    }

    private List<TimelineEntry> chain(int length) {
        var entries = new ArrayList<TimelineEntry>();
        var prev = "";
        for (int seq = 1; seq <= length; seq++) {
            var e = new TimelineEntry();
            e.caseId = caseId;
            e.seq = seq;
            e.at = Instant.parse("2026-11-23T01:00:00Z").plusSeconds(seq * 60L);
            e.action = "STEP_" + seq;
            e.toStatus = "HANDLING";
            e.actorRole = "GRID_WORKER";
            e.actorStaffId = "wang";
            e.note = "note " + seq;
            e.photoIds = "";
            e.prevHash = prev;
            e.hash = CHAIN.hash(prev, e);
            prev = e.hash;
            entries.add(e);
        }
        return entries;
    }
}
