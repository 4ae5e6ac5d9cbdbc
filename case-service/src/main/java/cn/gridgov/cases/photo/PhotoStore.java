package cn.gridgov.cases.photo;

import static cn.gridgov.kit.problem.Problem.Kind.INVALID;
import static cn.gridgov.kit.problem.Problem.Kind.UNPROCESSABLE;

import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps evidence photos. The type is read from the bytes, not from what the client claims, so a
 * renamed document is refused; the same bytes uploaded twice (a phone retrying) keep one photo.
 */
@ApplicationScoped
public class PhotoStore implements PanacheRepositoryBase<Photo, UUID> {

    public record Stored(Photo photo, boolean created) {}

    private final int maxBytes;
    private final Clock clock;

    public PhotoStore(
            @ConfigProperty(name = "gridgov.photos.max-bytes") int maxBytes, Clock clock) {
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public Uni<Stored> store(byte[] data) {
        if (data.length == 0) {
            return Uni.createFrom()
                    .failure(new Problem(INVALID, "PHOTO_EMPTY", "file", "the photo is empty"));
        }
        if (data.length > maxBytes) {
            return Uni.createFrom()
                    .failure(
                            new Problem(
                                    Problem.Kind.TOO_LARGE,
                                    "PHOTO_TOO_LARGE",
                                    "file",
                                    "a photo may have at most "
                                            + maxBytes
                                            + " bytes, this one has "
                                            + data.length));
        }
        var type = ImageType.of(data);
        if (type == null) {
            return Uni.createFrom()
                    .failure(
                            new Problem(
                                    Problem.Kind.UNSUPPORTED,
                                    "NOT_AN_IMAGE",
                                    "file",
                                    "only JPEG, PNG and WebP photos are accepted"));
        }
        var digest = sha256(data);
        return Panache.withTransaction(
                        () ->
                                find("sha256", digest)
                                        .firstResult()
                                        .chain(
                                                existing -> {
                                                    if (existing != null) {
                                                        return Uni.createFrom()
                                                                .item(new Stored(existing, false));
                                                    }
                                                    var photo = new Photo();
                                                    photo.id = UUID.randomUUID();
                                                    photo.sha256 = digest;
                                                    photo.contentType = type.mediaType;
                                                    photo.sizeBytes = data.length;
                                                    photo.data = data;
                                                    photo.uploadedAt = clock.instant();
                                                    return persist(photo)
                                                            .map(p -> new Stored(p, true));
                                                }))
                // The same picture uploaded twice at once: the second finds the first.
                .onFailure(PhotoStore::isUniqueViolation)
                .recoverWithUni(
                        () ->
                                Panache.withSession(() -> find("sha256", digest).firstResult())
                                        .map(existing -> new Stored(existing, false)));
    }

    /** Fails unless every photo exists; call within a session. */
    public Uni<Void> requireAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var unique = new HashSet<>(ids);
        return count("id in ?1", unique)
                .invoke(
                        found -> {
                            if (found != unique.size()) {
                                throw new Problem(
                                        UNPROCESSABLE,
                                        "UNKNOWN_PHOTO",
                                        "photoIds",
                                        "photoIds name photos that were never uploaded; upload them to /api/v1/photos first");
                            }
                        })
                .replaceWithVoid();
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg
                    && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The image types we keep, known by their first bytes. */
    enum ImageType {
        JPEG("image/jpeg"),
        PNG("image/png"),
        WEBP("image/webp");

        final String mediaType;

        ImageType(String mediaType) {
            this.mediaType = mediaType;
        }

        static ImageType of(byte[] d) {
            if (d.length > 3
                    && (d[0] & 0xff) == 0xFF
                    && (d[1] & 0xff) == 0xD8
                    && (d[2] & 0xff) == 0xFF) {
                return JPEG;
            }
            if (d.length > 8
                    && (d[0] & 0xff) == 0x89
                    && d[1] == 'P'
                    && d[2] == 'N'
                    && d[3] == 'G') {
                return PNG;
            }
            if (d.length > 12
                    && d[0] == 'R'
                    && d[1] == 'I'
                    && d[2] == 'F'
                    && d[3] == 'F'
                    && d[8] == 'W'
                    && d[9] == 'E'
                    && d[10] == 'B'
                    && d[11] == 'P') {
                return WEBP;
            }
            return null;
        }
    }
}
