package dev.drsip.analyzer.records;

import dev.drsip.analyzer.model.CallRecord;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link CallRecord}s for tests by component name, with neutral defaults for every other
 * component (null, 0, false, empty list), so tests keep compiling when the model gains fields.
 */
final class Calls {
    private Calls() {
    }

    static CallRecord make(Map<String, Object> values) {
        RecordComponent[] rc = CallRecord.class.getRecordComponents();
        Class<?>[] types = new Class<?>[rc.length];
        Object[] args = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
            Object v = values.get(rc[i].getName());
            if (v == null) {
                Class<?> t = types[i];
                v = t == long.class ? (Object) (rc[i].getName().endsWith("Time") ? -1L : 0L)
                        : t == int.class ? (Object) 0
                        : t == boolean.class ? (Object) false
                        : t == List.class ? List.of() : null;
            }
            args[i] = v;
        }
        for (String k : values.keySet()) {
            boolean known = false;
            for (RecordComponent c : rc) {
                known |= c.getName().equals(k);
            }
            if (!known) {
                throw new IllegalArgumentException("CallRecord has no component " + k);
            }
        }
        try {
            Constructor<CallRecord> c = CallRecord.class.getDeclaredConstructor(types);
            return c.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
