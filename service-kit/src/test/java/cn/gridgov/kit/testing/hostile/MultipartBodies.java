package cn.gridgov.kit.testing.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;

/**
 * Hostile uploads: a file whose declared content type lies about its bytes (a page, a script, a
 * PDF, an archive, an executable, nothing at all, random bytes, all claimed to be a photo), names
 * that climb out of directories or hold NUL, a file in the wrong field, a file larger than the
 * service keeps, and multipart bodies that are broken (no closing boundary, another boundary than
 * declared, none declared).
 */
final class MultipartBodies {

    private static final String BOUNDARY = "hostile-boundary-7MA4YWxkTrZu0gW";

    private record Fake(String name, byte[] bytes) {}

    private static final Fake[] FAKES = {
        new Fake(
                "a page",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)),
        new Fake(
                "an SVG with a script",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                        .getBytes(StandardCharsets.UTF_8)),
        new Fake("a PDF", "%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII)),
        new Fake("a ZIP", new byte[] {0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0}),
        new Fake("an ELF executable", new byte[] {0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0}),
        new Fake("a GIF", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1)),
        new Fake("a shell script", "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII)),
        new Fake("nothing", new byte[0]),
        new Fake("NUL bytes", new byte[64]),
    };

    private static final String[] CLAIMED = {
        "image/jpeg",
        "image/png",
        "image/webp",
        "image/svg+xml",
        "application/octet-stream",
        "text/html",
        "image/jpeg; charset=utf-8",
        "",
        "garbage"
    };

    private static final String[] FILENAMES = {
        "photo.jpg",
        "../../../../etc/passwd",
        "..\\..\\boot.ini",
        "photo.jpg\u0000.exe",
        "\u202Egpj.exe",
        "a".repeat(600) + ".jpg",
        "",
        "照片.jpg",
        "photo.jpg\r\nX-Injected: 1"
    };

    private final Draw<Integer> index = Draw.from(Arbitraries.integers().between(0, 1 << 20));
    private final Draw<byte[]> randomBytes =
            Draw.from(
                    Arbitraries.bytes()
                            .array(byte[].class)
                            .ofMinSize(1)
                            .ofMaxSize(2_048)
                            // Random bytes that open like a JPEG, PNG or WebP would be a photo.
                            .filter(
                                    b ->
                                            b[0] != (byte) 0xFF
                                                    && b[0] != (byte) 0x89
                                                    && b[0] != 'R'));
    private final int maxUploadBytes;

    MultipartBodies(int maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
    }

    Body next() {
        return switch (index.next() % 8) {
            case 0, 1, 2 -> {
                var fake = index.next() % (FAKES.length + 1);
                var bytes = fake == FAKES.length ? randomBytes.next() : FAKES[fake].bytes();
                var what = fake == FAKES.length ? "random bytes" : FAKES[fake].name();
                var claimed = CLAIMED[index.next() % CLAIMED.length];
                var filename = FILENAMES[index.next() % FILENAMES.length];
                yield multipart(
                        part("file", filename, claimed, bytes),
                        what + " claimed to be '" + claimed + "' named '" + filename + "'");
            }
            case 3 ->
                    multipart(
                            part("photo", "photo.jpg", "image/jpeg", FAKES[0].bytes()),
                            "a file in another field than 'file'");
            case 4 -> {
                var large = new byte[maxUploadBytes + 1 + index.next() % 4_096];
                large[0] = (byte) 0xFF;
                large[1] = (byte) 0xD8;
                large[2] = (byte) 0xFF;
                yield multipart(
                        part("file", "large.jpg", "image/jpeg", large),
                        "a 'photo' of " + large.length + " bytes, over the limit");
            }
            case 5 -> {
                var body = part("file", "photo.jpg", "image/jpeg", FAKES[2].bytes());
                yield new Body(
                        "multipart/form-data; boundary=" + BOUNDARY,
                        body,
                        "a multipart body with no closing boundary",
                        true);
            }
            case 6 -> {
                var body = multipart(part("file", "photo.jpg", "image/jpeg", FAKES[1].bytes()), "");
                var declared =
                        index.next() % 2 == 0
                                ? "multipart/form-data"
                                : "multipart/form-data; boundary=other";
                yield new Body(
                        declared, body.bytes(), "a multipart body with '" + declared + "'", true);
            }
            default ->
                    new Body(
                            "multipart/form-data; boundary=" + BOUNDARY,
                            ("--"
                                            + BOUNDARY
                                            + "\r\nContent-Disposition: form-data\r\n\r\n\u0000garbage")
                                    .getBytes(StandardCharsets.ISO_8859_1),
                            "a part with no name and a broken end",
                            true);
        };
    }

    private static byte[] part(String field, String filename, String contentType, byte[] bytes) {
        var out = new ByteArrayOutputStream();
        var head =
                "--"
                        + BOUNDARY
                        + "\r\n"
                        + "Content-Disposition: form-data; name=\""
                        + field
                        + "\"; filename=\""
                        + filename
                        + "\"\r\n"
                        + (contentType.isEmpty() ? "" : "Content-Type: " + contentType + "\r\n")
                        + "\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static Body multipart(byte[] parts, String defect) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(parts);
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Body(
                "multipart/form-data; boundary=" + BOUNDARY, out.toByteArray(), defect, true);
    }
}
