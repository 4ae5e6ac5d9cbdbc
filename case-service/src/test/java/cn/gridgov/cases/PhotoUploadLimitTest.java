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
            "a photo upload declared larger than the limit is a JSON 413 before its body is read, one that declares no"
                    + " length a JSON 411, and neither writes a photo")
    void photoUploadsAreLimitedBeforeTheyAreRead() throws Exception {
        var photos = photoCount();
        var tooLarge =
                send("/api/v1/photos", "multipart/form-data; boundary=b", 50L * 1024 * 1024, false);
        assertThat(tooLarge)
                .startsWith("HTTP/1.1 413")
                .contains("application/json")
                .contains("\"code\":\"PHOTO_TOO_LARGE\"");
        // Just over the photo and its framing: refused from the declared length too.
        var justOver =
                send(
                        "/api/v1/photos",
                        "multipart/form-data; boundary=b",
                        maxPhotoBytes + 16 * 1024 + 1,
                        false);
        assertThat(justOver).startsWith("HTTP/1.1 413").contains("\"code\":\"PHOTO_TOO_LARGE\"");
        var chunked = send("/api/v1/photos", "multipart/form-data; boundary=b", -1, true);
        assertThat(chunked).startsWith("HTTP/1.1 411").contains("\"code\":\"LENGTH_REQUIRED\"");
        assertThat(photoCount()).isEqualTo(photos);
    }

    @Test
    @DisplayName(
            "any body declared larger than quarkus.http.limits.max-body-size is a JSON 413 before it is read, and makes no case")
    void oversizedBodiesAreAJson413() throws Exception {
        var cases = count("select count(*) from cases");
        var answer = send("/api/v1/reports", "application/json", 200L * 1024 * 1024, false);
        assertThat(answer)
                .startsWith("HTTP/1.1 413")
                .contains("application/json")
                .contains("\"code\":\"BODY_TOO_LARGE\"");
        assertThat(count("select count(*) from cases")).isEqualTo(cases);
    }

    /**
     * Sends the head and the first kilobyte of a body of the declared length; the answer as text.
     */
    private static String send(String path, String contentType, long declared, boolean chunked)
            throws IOException {
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
                            + (chunked
                                    ? "Transfer-Encoding: chunked\r\n"
                                    : "Content-Length: " + declared + "\r\n")
                            + "\r\n";
            var out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            var kilobyte = "x".repeat(1024);
            out.write(
                    (chunked ? "400\r\n" + kilobyte + "\r\n" : kilobyte)
                            .getBytes(StandardCharsets.US_ASCII));
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
