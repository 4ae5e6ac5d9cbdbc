package cn.gridgov.grid;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.grid.demo.DemoOrganisation;
import cn.gridgov.grid.staff.Post;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The identity provider's demo users are the demo town's staff: the realm's users file in
 * deploy/keycloak is written from {@link DemoOrganisation}, and so is the staff list the other
 * services' tests answer with when they stand in for grid-service (service-kit's
 * StandInGridService); this test fails when either drifts apart from the demo organisation. After
 * changing the demo organisation, write both files again with {@code ./mvnw -pl grid-service test
 * -Dtest=DemoRealmTest -Dgridgov.realm.write=true}.
 */
class DemoRealmTest {

    /** The demo password of every demo user; deploy/stack.sh start prints it. */
    static final String DEMO_PASSWORD = "gridgov-demo";

    private static final Path USERS_FILE =
            Path.of("..", "deploy", "keycloak", "gridgov-users-0.json");
    private static final Path STAFF_FILE =
            Path.of(
                    "..",
                    "service-kit",
                    "src",
                    "test",
                    "resources",
                    "cn",
                    "gridgov",
                    "kit",
                    "testing",
                    "demo-staff.json");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    @DisplayName(
            "the realm's users are the demo town's staff, each with the roles of their posts and their staff id")
    void realmUsersAreTheDemoStaff() throws Exception {
        var expected = JSON.writeValueAsString(users()) + "\n";
        if (Boolean.getBoolean("gridgov.realm.write")) {
            Files.writeString(USERS_FILE, expected);
        }
        assertThat(Files.readString(USERS_FILE)).isEqualTo(expected);
    }

    @Test
    @DisplayName(
            "the stand-in for grid-service in the other services' tests knows the demo staff's departments and posts")
    void standInStaffAreTheDemoStaff() throws Exception {
        var staff = JSON.createArrayNode();
        for (var demo : DemoOrganisation.staff()) {
            var person = demo.person();
            var entry = staff.addObject();
            entry.put("staffId", person.id());
            entry.put("departmentCode", person.departmentCode());
            var posts = entry.putArray("posts");
            person.posts()
                    .forEach(
                            p ->
                                    posts.addObject()
                                            .put("role", p.role())
                                            .put("areaCode", p.areaCode()));
        }
        var expected = JSON.writeValueAsString(staff) + "\n";
        if (Boolean.getBoolean("gridgov.realm.write")) {
            Files.createDirectories(STAFF_FILE.getParent());
            Files.writeString(STAFF_FILE, expected);
        }
        assertThat(Files.readString(STAFF_FILE)).isEqualTo(expected);
    }

    private static ObjectNode users() {
        var root = JSON.createObjectNode();
        root.put("realm", "gridgov");
        var users = root.putArray("users");
        for (var staff : DemoOrganisation.staff()) {
            var person = staff.person();
            var user = users.addObject();
            // Keycloak keeps user names in lower case; the staff id travels in its own claim, as
            // written.
            user.put("username", person.id().toLowerCase(java.util.Locale.ROOT));
            user.put("enabled", true);
            user.put("lastName", person.name().substring(0, 1));
            user.put("firstName", person.name().substring(1));
            user.putObject("attributes").putArray("staff_id").add(person.id());
            var roles = new LinkedHashSet<String>();
            person.posts().stream().map(Post::role).forEach(roles::add);
            var realmRoles = user.putArray("realmRoles");
            roles.forEach(realmRoles::add);
            var credential = user.putArray("credentials").addObject();
            credential.put("type", "password");
            credential.put("value", DEMO_PASSWORD);
            credential.put("temporary", false);
        }
        var service = users.addObject();
        service.put("username", "service-account-gridgov-services");
        service.put("enabled", true);
        service.put("serviceAccountClientId", "gridgov-services");
        ((ArrayNode) service.putArray("realmRoles")).add("SERVICE");
        return root;
    }
}
