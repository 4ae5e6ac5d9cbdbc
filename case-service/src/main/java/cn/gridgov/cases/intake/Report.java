package cn.gridgov.cases.intake;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.casefile.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** A report as it arrives, with the id its sender chose so that a resend is recognised. */
public record Report(
        UUID reportId,
        ReportSource source,
        String reporterId,
        String category,
        String description,
        double longitude,
        double latitude,
        String address,
        List<UUID> photoIds,
        Actor reporter) {

    /**
     * A report whose reporter is not a signed-in member of staff (a citizen through Open311):
     * recorded under the id it gives, as {@code REPORTER}.
     */
    public Report(
            UUID reportId,
            ReportSource source,
            String reporterId,
            String category,
            String description,
            double longitude,
            double latitude,
            String address,
            List<UUID> photoIds) {
        this(
                reportId,
                source,
                reporterId,
                category,
                description,
                longitude,
                latitude,
                address,
                photoIds,
                new Actor(reporterId, Role.REPORTER, null));
    }

    /**
     * A digest of everything but the id: equal for a retry, different for another report under the
     * same id.
     */
    public String fingerprint() {
        var canonical =
                String.join(
                        "\u001f",
                        source.name(),
                        String.valueOf(reporterId),
                        category,
                        description,
                        Double.toString(longitude),
                        Double.toString(latitude),
                        String.valueOf(address),
                        photoIds.toString());
        try {
            var digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
