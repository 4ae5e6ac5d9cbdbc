package cn.gridgov.cases;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.kit.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Uploads are limited before they are read. Each request here declares its body and sends only its
 * first kilobyte: an answer that comes anyway was given without reading the rest, and nothing is
 * written.
 */
@QuarkusTest
class PhotoUploadLimitTest {

    @Inject AgroalDataSource db;

    @ConfigProperty(name = "gridgov.photos.max-bytes")
    int maxPhotoBytes;

    @Test
    @DisplayName(
            "a photo upload declared larger than the limit is a JSON 413 before its body is read, and writes no photo")
    void photoUploadsAreLimitedBeforeTheyAreRead() throws Exception {
        var photos = photoCount();
        var tooLarge = send("/api/v1/photos", "multipart/form-data; boundary=b", 50L * 1024 * 1024);
        assertThat(tooLarge)
                .startsWith("HTTP/1.1 413")
                .contains("application/json")
                .contains("\"code\":\"PHOTO_TOO_LARGE\"");
        // Just over the photo and its framing: refused from the declared length too.
        var justOver =
                send(
                        "/api/v1/photos",
                        "multipart/form-data; boundary=b",
                        maxPhotoBytes + 16 * 1024 + 1);
        assertThat(justOver).startsWith("HTTP/1.1 413").contains("\"code\":\"PHOTO_TOO_LARGE\"");
        assertThat(photoCount()).isEqualTo(photos);
    }

    @Test
    @DisplayName(
            "a photo sent in chunks, declaring no length, is kept when it is small enough and a JSON 413 when it is"
                    + " not, writing no photo")
    void chunkedUploadsAreCheckedOnceRead() throws Exception {
        var png = java.util.Base64.getDecoder().decode(PNG);
        var small = new byte[png.length + 16];
        System.arraycopy(png, 0, small, 0, png.length);
        for (int i = png.length; i < small.length; i++) {
            small[i] = (byte) java.util.concurrent.ThreadLocalRandom.current().nextInt();
        }
        var kept = uploadInChunks(small);
        assertThat(kept.statusCode()).as(kept.body()).isIn(200, 201);

        var photos = photoCount();
        var large = new byte[maxPhotoBytes + 1];
        System.arraycopy(png, 0, large, 0, png.length);
        var refused = uploadInChunks(large);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(refused.body()).contains("\"code\":\"PHOTO_TOO_LARGE\"");
        assertThat(photoCount()).isEqualTo(photos);
    }

    /** The smallest valid PNG; bytes after its end make a photo of its own. */
    private static final String PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    /** A multipart upload whose length is not declared: the client sends it in chunks. */
    private static java.net.http.HttpResponse<String> uploadInChunks(byte[] photo)
            throws IOException, InterruptedException {
        var body = new java.io.ByteArrayOutputStream();
        body.write(
                ("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
                                + "Content-Type: image/png\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        body.write(photo);
        body.write("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        var bytes = body.toByteArray();
        return java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(
                                                "http://127.0.0.1:"
                                                        + RestAssured.port
                                                        + "/api/v1/photos"))
                                .header("Authorization", "Bearer " + Tokens.of("G07-2"))
                                .header("Content-Type", "multipart/form-data; boundary=b")
                                .POST(
                                        java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                                () -> new java.io.ByteArrayInputStream(bytes)))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName(
            "any body declared larger than quarkus.http.limits.max-body-size is a JSON 413 before it is read, and makes no case")
    void oversizedBodiesAreAJson413() throws Exception {
        var cases = count("select count(*) from cases");
        var answer = send("/api/v1/reports", "application/json", 200L * 1024 * 1024);
        assertThat(answer)
                .startsWith("HTTP/1.1 413")
                .contains("application/json")
                .contains("\"code\":\"BODY_TOO_LARGE\"");
        assertThat(count("select count(*) from cases")).isEqualTo(cases);
    }

    /**
     * Sends the head and the first kilobyte of a body of the declared length; the answer as text.
     */
    private static String send(String path, String contentType, long declared) throws IOException {
        try (var socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            var head =
                    "POST "
                            + path
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer "
                            + Tokens.of("G07-2")
                            + "\r\n"
                            + "Content-Type: "
                            + contentType
                            + "\r\n"
                            + "Content-Length: "
                            + declared
                            + "\r\n"
                            + "\r\n";
            var out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            var kilobyte = "x".repeat(1024);
            out.write(kilobyte.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var answer = new StringBuilder();
            var in = socket.getInputStream();
            var buffer = new byte[4096];
            int read;
            while ((read = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (answer.indexOf("}") > 0) {
                    break;
                }
            }
            return answer.toString();
        }
    }

    private long photoCount() throws SQLException {
        return count("select count(*) from photo");
    }

    private long count(String sql) throws SQLException {
        try (var c = db.getConnection();
                var statement = c.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
