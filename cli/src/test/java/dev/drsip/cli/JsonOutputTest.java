package dev.drsip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The hand-written JSON writer must give exactly Jackson's indented output, tree for tree. */
class JsonOutputTest {
    private static final String CHARS = "aZ09 \"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u00e9\u2028\ud83d\ude00:,{}[]";

    private static String randomString(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            sb.append(CHARS.charAt(r.nextInt(CHARS.length())));
        }
        return sb.toString();
    }

    private static Object randomValue(Random r, int depth) {
        int kind = r.nextInt(depth > 3 ? 7 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> randomString(r);
            case 2 -> r.nextInt();
            case 3 -> r.nextLong();
            case 4 -> switch (r.nextInt(5)) {
                case 0 -> Math.round(r.nextDouble() * 10000) / 100.0;
                case 1 -> r.nextDouble() * 1e-5;
                case 2 -> r.nextDouble() * 1e22;
                case 3 -> -0.0;
                default -> (double) r.nextInt(100);
            };
            case 5 -> r.nextBoolean();
            case 6 -> "";
            case 7 -> {
                Map<String, Object> m = r.nextBoolean() ? new LinkedHashMap<>() : new TreeMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    m.put(randomString(r), randomValue(r, depth + 1));
                }
                yield m;
            }
            default -> {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    l.add(randomValue(r, depth + 1));
                }
                yield l;
            }
        };
    }

    private static String ours(Object tree) throws Exception {
        StringWriter w = new StringWriter();
        JsonOutput.write(tree, w);
        return w.toString();
    }

    @Test
    void randomTreesAreWrittenAsJacksonWritesThem() throws Exception {
        Random r = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> root = new LinkedHashMap<>();
            for (int k = r.nextInt(5); k > 0; k--) {
                root.put(randomString(r), randomValue(r, 0));
            }
            Object tree = r.nextInt(10) == 0 ? randomValue(r, 0) : root;
            assertThat(ours(tree)).as("tree %s", tree).isEqualTo(JsonOutput.mapper().writeValueAsString(tree));
        }
    }

    @Test
    void otherValueTypesAreLeftToJackson() throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("day", DayOfWeek.MONDAY);
        tree.put("nan", List.of(Double.NaN, 1.5f));
        tree.put("keys", Map.of(1, "one"));
        assertThat(ours(tree)).isEqualTo(JsonOutput.mapper().writeValueAsString(tree));
    }
}
