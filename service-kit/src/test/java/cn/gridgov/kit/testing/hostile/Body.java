package cn.gridgov.kit.testing.hostile;

import java.nio.charset.StandardCharsets;

/**
 * A request body as sent: its media type (null: no Content-Type header), its bytes, what is wrong
 * with it, and whether that defect alone must make any service refuse it.
 */
record Body(String contentType, byte[] bytes, String defect, boolean refusable) {

    static Body of(String contentType, String text, String defect, boolean refusable) {
        return new Body(contentType, text.getBytes(StandardCharsets.UTF_8), defect, refusable);
    }

    static final Body NONE = new Body(null, new byte[0], "none", false);
}
