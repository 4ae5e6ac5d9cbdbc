package cn.gridgov.kit.testing.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand, one connection per request: a request line is sent exactly as generated
 * (broken percent-encodings and all), which no HTTP client library lets through.
 */
final class RawHttp {

    record Answer(int status, Map<String, String> headers, byte[] body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Answer send(String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(60_000);
            var head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(host).append(':').append(port).append("\r\n");
            head.append("Connection: close\r\n");
            headers.forEach(
                    (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body.length > 0 || !method.equals("GET")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            var out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            try {
                out.write(body);
                out.flush();
            } catch (IOException refusedWhileSending) {
                // A server may answer (413) and close before a large body is sent: read its answer.
            }
            return read(readAnswer(socket.getInputStream()));
        }
    }

    /**
     * The answer as sent, to the end of the connection; of an event stream (the console's live
     * updates, open for as long as the client stays) only the head: its status and headers are the
     * answer.
     */
    private static byte[] readAnswer(java.io.InputStream in) throws IOException {
        var raw = new ByteArrayOutputStream();
        var buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            raw.write(buffer, 0, n);
            var sofar = raw.toByteArray();
            int end = indexOf(sofar, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (end >= 0) {
                var head = new String(sofar, 0, end, StandardCharsets.ISO_8859_1);
                if (head.toLowerCase(Locale.ROOT).contains("content-type: text/event-stream")) {
                    return java.util.Arrays.copyOf(sofar, end + 4);
                }
                raw.write(in.readAllBytes());
                break;
            }
        }
        return raw.toByteArray();
    }

    private static Answer read(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException(
                    "no HTTP answer: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        var lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        var body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        var out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            if (lineEnd < 0) {
                break;
            }
            var sizeText =
                    new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII)
                            .split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, pattern, 0);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
