package cn.gridgov.grid;

import cn.gridgov.kit.testing.AccessMatrix;
import cn.gridgov.kit.testing.hostile.HostileInput;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A stranger's garbage, thousands of times, at every endpoint of grid-service's OpenAPI document:
 * JSON of the wrong types and sizes, broken UTF-8, NUL, deep nesting, huge numbers, GeoJSON imports
 * broken every way, hostile path and query parameters, from the administrator and the other roles,
 * without a token and with forged ones. Nothing of it is a server error, every refusal is JSON
 * naming no Java class, and nothing is written.
 */
@QuarkusTest
class HostileInputTest {

    /** A grid far from the demo town whose parent does not exist: no import of it can succeed. */
    private static final String IMPORT =
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
                    + "\"code\":\"HI-GRID\",\"name\":\"敌意\",\"level\":\"GRID\",\"kind\":\"COMPREHENSIVE\","
                    + "\"parentCode\":\"HI-NO-PARENT\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                    + "[[[90,20],[90.01,20],[90.01,20.01],[90,20.01],[90,20]]]}}]}";

    @Inject AgroalDataSource db;

    @Test
    @DisplayName(
            "thousands of malformed and hostile requests to every endpoint are refused with a JSON 4xx naming no Java class, never a 5xx, and write nothing")
    void hostileRequestsAreRefusedAndWriteNothing() {
        HostileInput.against(db)
                .callers("G07-2", "ZHZF-1", "CC-DISPATCHER-1", "CC-ADMIN-1", AccessMatrix.SERVICE)
                .plausible("code", "G07", "ZHZF", "PQ-1", "D01-S1-C1")
                .plausible("id", "G07-2", "G07-1")
                .plausible("lon", "119.165")
                .plausible("lat", "35.004")
                .plausible("category", "0101")
                .plausible("area", "G07")
                .plausible("parentCode", "HI-NO-PARENT")
                .example("POST /api/v1/areas/import", IMPORT)
                .example("POST /api/v1/areas/import/preview", IMPORT)
                .maxBodyBytes(64 * 1024 * 1024)
                .send(HostileInput.requests(3_400));
    }
}
