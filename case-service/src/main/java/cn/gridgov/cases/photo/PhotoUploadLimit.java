package cn.gridgov.cases.photo;

import cn.gridgov.kit.problem.BodyLimit;
import cn.gridgov.kit.problem.EarlyRefusal;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A photo upload is limited before it is read, not once it is in memory: an upload whose declared
 * length exceeds the largest photo kept (with room for the multipart framing around it) is refused
 * with 413 {@code PHOTO_TOO_LARGE} before a byte of it is read. An upload that declares no length
 * (chunked) is read while the general body limit ({@code quarkus.http.limits.max-body-size},
 * counted as the bytes arrive) holds, onto disk, and its photo refused with the same 413 when it is
 * larger than a photo may be.
 */
@ApplicationScoped
public class PhotoUploadLimit {

    /** Boundaries, part headers and a long file name around the photo's bytes. */
    static final int MULTIPART_FRAMING = 16 * 1024;

    /** Before service-kit's limit for every body ({@link BodyLimit}). */
    private static final int BEFORE_THE_GENERAL_LIMIT = -4;

    private final long maxUploadBytes;

    public PhotoUploadLimit(@ConfigProperty(name = "gridgov.photos.max-bytes") int maxPhotoBytes) {
        this.maxUploadBytes = (long) maxPhotoBytes + MULTIPART_FRAMING;
    }

    void limitUploads(@Observes Router router) {
        router.post("/api/v1/photos")
                .order(BEFORE_THE_GENERAL_LIMIT)
                .handler(
                        context -> {
                            var length = EarlyRefusal.declaredLength(context);
                            if (length > maxUploadBytes) {
                                EarlyRefusal.refuse(
                                        context,
                                        413,
                                        "PHOTO_TOO_LARGE",
                                        "a photo upload may have at most "
                                                + maxUploadBytes
                                                + " bytes, this one declares "
                                                + length);
                            } else {
                                context.next();
                            }
                        });
    }
}
