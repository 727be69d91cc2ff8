package dev.drsip.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The plain {@code drsip analyze} command lines, read without picocli: building picocli's model
 * takes ~0.11 s of a cold JVM (reflection, annotations, lambdas), more than a 5,000-message trace
 * takes to analyse. Only the unambiguous forms are taken here, each filling the fields exactly as
 * picocli does (a test compares the two on generated command lines); anything else (help, a
 * mistake, {@code @files}, {@code --}, attached short values, a repeated single option, a value
 * that looks like an option or is not plainly written) returns null and goes to picocli, whose
 * messages stay the only ones users see.
 */
final class QuickAnalyzeArgs {
    private QuickAnalyzeArgs() {
    }

    /** {@code args[0]} is "analyze": the command with its fields set, or null to let picocli parse. */
    static AnalyzeCommand parse(String[] args) {
        if (args.length < 2 || !"analyze".equals(args[0])) {
            return null;
        }
        AnalyzeCommand c = new AnalyzeCommand();
        c.format = AnalyzeCommand.Format.text;
        c.failOn = AnalyzeCommand.FailOn.never;
        Set<String> singles = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.charAt(0) == '@') {
                return null;
            }
            if (a.charAt(0) != '-') {
                Path p = path(a);
                if (p == null) {
                    return null;
                }
                c.files.add(p);
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (name.equals("--sample")) {
                if (value != null || !singles.add(name)) {
                    return null; // picocli refuses "--sample=..." and a single option given twice
                }
                c.sample = true;
                continue;
            }
            if (name.equals("--progress") || name.equals("--no-progress")) {
                if (value != null || !singles.add("--progress")) {
                    return null;
                }
                c.progress = name.equals("--progress");
                continue;
            }
            // every other option takes a value: after '=' (long names) or the next argument
            if (value == null) {
                if (i + 1 >= args.length) {
                    return null;
                }
                value = args[++i];
            }
            if (!plain(value)) {
                return null;
            }
            switch (name) {
                case "--format" -> {
                    if (!singles.add(name) || !(value.equals("text") || value.equals("json"))) {
                        return null;
                    }
                    c.format = AnalyzeCommand.Format.valueOf(value);
                }
                case "--fail-on" -> {
                    if (!singles.add(name) || !(value.equals("error") || value.equals("warning") || value.equals("never"))) {
                        return null;
                    }
                    c.failOn = AnalyzeCommand.FailOn.valueOf(value);
                }
                case "-o", "--output" -> {
                    Path p = path(value);
                    if (!singles.add("--output") || p == null) {
                        return null;
                    }
                    c.output = p;
                }
                case "--calls" -> {
                    Path p = path(value);
                    if (p == null) {
                        return null;
                    }
                    c.calls.add(p);
                }
                case "--sbc" -> c.sbcs.add(value);
                case "--microsoft-net" -> c.microsoftNets.add(value);
                case "--sip-port" -> {
                    if (!ports(value, c.sipPorts)) {
                        return null;
                    }
                }
                default -> {
                    return null; // an option this path does not know (or a mistake): picocli says which
                }
            }
        }
        // "no input" is picocli's usage error: let it say so
        return c.files.isEmpty() && !c.sample ? null : c;
    }

    /** A value picocli takes as it is: not empty, not option-like, no argument file. */
    private static boolean plain(String v) {
        return !v.isEmpty() && v.charAt(0) != '-' && v.charAt(0) != '@';
    }

    private static Path path(String s) {
        try {
            return Paths.get(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Comma-separated decimal ports as picocli splits and converts them; false for anything else. */
    private static boolean ports(String v, List<Integer> out) {
        int start = 0;
        while (true) {
            int comma = v.indexOf(',', start);
            int end = comma < 0 ? v.length() : comma;
            int len = end - start;
            // no sign, no leading zero (octal to some converters), at most 9 digits (no overflow)
            if (len == 0 || len > 9 || (len > 1 && v.charAt(start) == '0')) {
                return false;
            }
            int n = 0;
            for (int k = start; k < end; k++) {
                char ch = v.charAt(k);
                if (ch < '0' || ch > '9') {
                    return false;
                }
                n = n * 10 + (ch - '0');
            }
            out.add(n);
            if (comma < 0) {
                return true;
            }
            start = comma + 1;
        }
    }
}
