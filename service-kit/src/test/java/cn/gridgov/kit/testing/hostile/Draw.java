package cn.gridgov.kit.testing.hostile;

import java.util.Iterator;
import net.jqwik.api.Arbitrary;

/**
 * Values drawn one at a time from a jqwik arbitrary, outside a property: the arbitrary's sample
 * stream, kept open. Drawn on the test's own thread.
 */
final class Draw<T> {

    private final Iterator<T> values;

    private Draw(Arbitrary<T> arbitrary) {
        this.values = arbitrary.sampleStream().iterator();
    }

    static <T> Draw<T> from(Arbitrary<T> arbitrary) {
        return new Draw<>(arbitrary);
    }

    T next() {
        return values.next();
    }
}
