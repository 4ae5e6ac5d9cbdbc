package cn.gridgov.grid.rest;

import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaLevel;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An area as a client sends it: a GeoJSON geometry in WGS 84. */
public record AreaRequest(
        @NotBlank
                @Size(max = 64)
                @Pattern(
                        regexp = "[A-Za-z0-9][A-Za-z0-9_.-]*",
                        message = "must be letters, digits, '-', '_' or '.'")
                String code,
        @NotBlank @Size(max = 200) String name,
        @NotNull AreaLevel level,
        AreaKind kind,
        @Size(max = 64) String parentCode,
        @NotNull JsonNode geometry) {}
