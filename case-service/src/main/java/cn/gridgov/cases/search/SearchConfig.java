package cn.gridgov.cases.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The case search's settings. */
@ConfigMapping(prefix = "gridgov.search")
public interface SearchConfig {

    /** At most this many cases in one CSV of a search (streamed a thousand at a time). */
    @WithDefault("100000")
    int csvMaxRows();
}
