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
 * deploy/keycloak is written from {@link DemoOrganisation}, and this test fails when the two drift
 * apart. After changing the demo organisation, write the file again with
 * {@code ./mvnw -pl grid-service test -Dtest=DemoRealmTest -Dgridgov.realm.write=true}.
 */
class DemoRealmTest {

    /** The demo password of every demo user; deploy/stack.sh start prints it. */
    static final String DEMO_PASSWORD = "gridgov-demo";
    private static final Path USERS_FILE = Path.of("..", "deploy", "keycloak", "gridgov-users-0.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    @DisplayName("the realm's users are the demo town's staff, each with the roles of their posts and their staff id")
    void realmUsersAreTheDemoStaff() throws Exception {
        var expected = JSON.writeValueAsString(users()) + "\n";
        if (Boolean.getBoolean("gridgov.realm.write")) {
            Files.writeString(USERS_FILE, expected);
        }
        assertThat(Files.readString(USERS_FILE)).isEqualTo(expected);
    }

    private static ObjectNode users() {
        var root = JSON.createObjectNode();
        root.put("realm", "gridgov");
        var users = root.putArray("users");
        for (var staff : DemoOrganisation.staff()) {
            var person = staff.person();
            var user = users.addObject();
            // Keycloak keeps user names in lower case; the staff id travels in its own claim, as written.
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
