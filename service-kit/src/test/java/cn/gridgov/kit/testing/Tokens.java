package cn.gridgov.kit.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real tokens from the stack's Keycloak (realm gridgov, started by the test command) for the tests:
 * a demo user's (password grant of the client gridgov-cli; every demo user's password is the demo
 * password), a service's (client credentials), and the broken ones a resource server must refuse.
 * Tokens are kept until shortly before they expire.
 */
public final class Tokens {

    public static final String ISSUER =
            System.getProperty("gridgov.oidc.issuer", "http://127.0.0.1:8180/realms/gridgov");
    public static final String DEMO_PASSWORD = "gridgov-demo";
    private static final String SERVICE_SECRET = "gridgov-services-demo-secret";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Kept> KEPT = new ConcurrentHashMap<>();

    private record Kept(String token, Instant refreshAt) {}

    private Tokens() {}

    /** A demo user's access token, by staff id (G07-2, ZHZF-1, CC-DUTY_CHIEF-1 …). */
    public static String of(String staffId) {
        return kept(
                "user:" + staffId,
                () ->
                        grant(
                                ISSUER,
                                Map.of(
                                        "grant_type",
                                        "password",
                                        "client_id",
                                        "gridgov-cli",
                                        "username",
                                        staffId,
                                        "password",
                                        DEMO_PASSWORD)));
    }

    /**
     * The services' own token (client credentials of gridgov-services), as one service calls
     * another.
     */
    public static String service() {
        return kept(
                "service",
                () ->
                        grant(
                                ISSUER,
                                Map.of(
                                        "grant_type",
                                        "client_credentials",
                                        "client_id",
                                        "gridgov-services",
                                        "client_secret",
                                        SERVICE_SECRET)));
    }

    /**
     * A demo user's token that has expired: issued by the client whose tokens live one second, then
     * waited out.
     */
    public static String expired(String staffId) {
        var token =
                grant(
                                ISSUER,
                                Map.of(
                                        "grant_type",
                                        "password",
                                        "client_id",
                                        "gridgov-cli-short-lived",
                                        "username",
                                        staffId,
                                        "password",
                                        DEMO_PASSWORD))
                        .get("access_token")
                        .toString();
        sleep(Duration.ofMillis(2500));
        return token;
    }

    /**
     * A real token of the right issuer for a client that is not the system's: it lacks the audience
     * gridgov-api.
     */
    public static String otherAudience(String staffId) {
        return grant(
                        ISSUER,
                        Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                "admin-cli",
                                "username",
                                staffId,
                                "password",
                                DEMO_PASSWORD))
                .get("access_token")
                .toString();
    }

    /**
     * A real token from another issuer: the neighbouring town's realm (deploy/keycloak), whose
     * token for G07-2 is right in every way (staff id, roles, audience gridgov-api) but its issuer
     * and keys.
     */
    public static String otherIssuer() {
        var otherTown = ISSUER.substring(0, ISSUER.lastIndexOf("/realms/")) + "/realms/other-town";
        return grant(
                        otherTown,
                        Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                "gridgov-cli",
                                "username",
                                "G07-2",
                                "password",
                                DEMO_PASSWORD))
                .get("access_token")
                .toString();
    }

    /**
     * A well-formed token as a provider the services do not trust would issue it: RS256-signed with
     * a key of its own, issuer another realm, audience gridgov-api, this staff id and these roles.
     */
    public static String signedElsewhere(String staffId, String... roles) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var keys = generator.generateKeyPair();
            long now = Instant.now().getEpochSecond();
            var roleList =
                    java.util.Arrays.stream(roles)
                            .map(r -> "\"" + r + "\"")
                            .collect(Collectors.joining(","));
            var header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"elsewhere\"}";
            var claims =
                    "{\"iss\":\""
                            + ISSUER.substring(0, ISSUER.lastIndexOf("/realms/"))
                            + "/realms/elsewhere\","
                            + "\"aud\":\"gridgov-api\",\"sub\":\"x\",\"staff_id\":\""
                            + staffId
                            + "\",\"realm_access\":{\"roles\":["
                            + roleList
                            + "]},\"iat\":"
                            + now
                            + ",\"exp\":"
                            + (now + 300)
                            + "}";
            var input = base64(header) + "." + base64(claims);
            var signature = java.security.Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input
                    + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token with one claim changed after signing: {@code staff_id} now names someone else. */
    public static String tampered(String token, String otherStaffId) {
        var parts = token.split("\\.");
        var claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        var forged =
                claims.replaceFirst(
                        "\"staff_id\":\"[^\"]*\"", "\"staff_id\":\"" + otherStaffId + "\"");
        return parts[0] + "." + base64(forged) + "." + parts[2];
    }

    /** The token's claims, unsigned: header {@code alg: none} and an empty signature. */
    public static String unsigned(String token) {
        var claims = token.split("\\.")[1];
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + claims + ".";
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String kept(String key, java.util.function.Supplier<Map<String, Object>> grant) {
        var now = Instant.now();
        var kept = KEPT.get(key);
        if (kept == null || now.isAfter(kept.refreshAt())) {
            var answer = grant.get();
            var lifetime = ((Number) answer.get("expires_in")).longValue();
            kept =
                    new Kept(
                            answer.get("access_token").toString(),
                            now.plusSeconds(Math.max(1, lifetime - 60)));
            KEPT.put(key, kept);
        }
        return kept.token();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> grant(String issuer, Map<String, String> form) {
        var body =
                form.entrySet().stream()
                        .map(
                                e ->
                                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        var request =
                HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "the identity provider at "
                                + issuer
                                + " refused "
                                + form.get("grant_type")
                                + " for "
                                + form.getOrDefault("username", form.get("client_id"))
                                + ": "
                                + response.statusCode()
                                + " "
                                + response.body()
                                + " (the test command, deploy/stack.sh test, starts Keycloak with the realm)");
            }
            return JSON.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot reach the identity provider at "
                            + issuer
                            + "; the test command (deploy/stack.sh test) starts it",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
