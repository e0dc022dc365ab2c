package dev.skirmish.protocol.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The capture's allocation-free {@code equals} ({@code sameAs}, {@code reuseOrCreate}) must keep meaning the record's
 * {@code equals}: a field missed there would let the server resend a stale player or item as unchanged. Read
 * through reflection, so a component added to the record without its parameter fails here (no such method).
 */
class SnapshotSameAsTest {
    @ParameterizedTest
    @ValueSource(classes = {PlayerSnapshot.class, ItemSnapshot.class})
    void sameAsIsEqualsComponentByComponent(Class<? extends Record> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] ints = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        assertThat(ints).as("every component an int").containsOnly(int.class);
        Constructor<? extends Record> canonical = type.getDeclaredConstructor(ints);
        Method sameAs = type.getDeclaredMethod("sameAs", ints);
        Method reuseOrCreate = type.getDeclaredMethod("reuseOrCreate",
                Stream.concat(Stream.of(type), Arrays.stream(ints)).toArray(Class<?>[]::new));
        sameAs.setAccessible(true);
        reuseOrCreate.setAccessible(true);

        Object[] fields = new Object[components.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = 10 + i;
        }
        Record snapshot = canonical.newInstance(fields);
        assertThat(sameAs.invoke(snapshot, fields)).isEqualTo(true);
        assertThat(reuseOrCreate.invoke(null, with(snapshot, fields))).isSameAs(snapshot);
        assertThat(reuseOrCreate.invoke(null, with(null, fields))).isEqualTo(snapshot).isNotSameAs(snapshot);
        for (int i = 0; i < fields.length; i++) {
            Object[] other = fields.clone();
            other[i] = -1;
            String component = components[i].getName();
            assertThat(canonical.newInstance(other)).as(component).isNotEqualTo(snapshot);
            assertThat(sameAs.invoke(snapshot, other)).as(component).isEqualTo(false);
            assertThat(reuseOrCreate.invoke(null, with(snapshot, other))).as(component)
                    .isEqualTo(canonical.newInstance(other));
        }
    }

    private static Object[] with(Object previous, Object[] fields) {
        Object[] args = new Object[fields.length + 1];
        args[0] = previous;
        System.arraycopy(fields, 0, args, 1, fields.length);
        return args;
    }
}
