package dev.drsip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code drsip} launcher with what the build leaves beside it: the shaded jar and the
 * class-data-sharing archive. Here because this is the first module built after the cli module is
 * packaged (the benchmark script runs the same launcher).
 */
class LauncherTest {
    @TempDir
    Path tmp;

    private static Path root() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !(Files.isRegularFile(p.resolve("drsip")) && Files.isRegularFile(p.resolve("pom.xml")))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root (with the drsip launcher) above " + Paths.get("").toAbsolutePath()).isNotNull();
        return p;
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(Path launcher, String javaOpts, String... args) throws IOException, InterruptedException {
        return runWithToolOptions(launcher, javaOpts, null, args);
    }

    private Run runWithToolOptions(Path launcher, String javaOpts, String javaToolOptions, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", launcher.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("JAVA_OPTS", javaOpts);
        }
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        if (javaToolOptions != null) {
            pb.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        }
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theBuildLeavesAnArchiveTheLauncherLoadsTheAnalysisFrom() throws Exception {
        Path root = root();
        assertThat(root.resolve("cli/target/drsip.jar")).as("mvn package builds the jar").isRegularFile();
        assertThat(root.resolve("cli/target/drsip.jsa")).as("mvn package records the class-data-sharing archive")
                .isRegularFile();
        Path log = tmp.resolve("classes.log");
        Path report = tmp.resolve("r.json");
        Run r = run(root.resolve("drsip"), "-Xlog:class+load=info:file=" + log, "analyze", "--sample", "--format", "json",
                "-o", report.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(report)).contains("\"sipMessages\" : 1435");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        // the CLI, the parser, the correlator and a rule: all mapped in from the archive, none read from the jar
        for (String cls : List.of("dev.drsip.cli.Drsip", "dev.drsip.sip.SipMessageParser", "dev.drsip.analyzer.CallCorrelator",
                "dev.drsip.rules.options.OptionsHealthRule", "dev.drsip.capture.tcp.TcpReassembler")) {
            assertThat(lines).as(cls).anyMatch(l -> l.contains(" " + cls + " source: shared objects file (top)"));
        }
        long fromJar = lines.stream().filter(l -> l.contains(" dev.drsip.") && l.contains("source: file:")).count();
        long fromArchive = lines.stream().filter(l -> l.contains(" dev.drsip.") && l.contains("shared objects file")).count();
        assertThat(fromArchive).as("drsip classes from the archive").isGreaterThan(100);
        assertThat(fromJar).as("drsip classes read from the jar").isLessThan(fromArchive / 10);
    }

    /**
     * The build's training run is interpreted. JDK 17 archives the "queued for compilation" mark of
     * methods waiting for the JIT when the training run exits (JDK-8306460, fixed in 21); those then
     * stay interpreted in every later run, and which ones depends on the training run's timing (once
     * SipHeaders.add: the 2M-message benchmark took 5.7 s instead of 3.4 s). Comparing which methods
     * the JIT compiles cannot catch it (runs differ by as many small methods), so this checks the
     * cause: no JIT in the run that records the archive.
     */
    @Test
    void theArchiveIsRecordedByAnInterpretedRun() throws Exception {
        String pom = Files.readString(root().resolve("cli/pom.xml"));
        int exec = pom.indexOf("<id>class-data-sharing-archive</id>");
        assertThat(exec).as("the archive's execution in cli/pom.xml").isPositive();
        String config = pom.substring(exec, pom.indexOf("</execution>", exec));
        int xint = config.indexOf("<argument>-Xint</argument>");
        int dump = config.indexOf("<argument>-XX:ArchiveClassesAtExit=");
        assertThat(dump).as("the training run records the archive").isPositive();
        assertThat(xint).as("-Xint before -jar in the training run").isPositive().isLessThan(config.indexOf("<argument>-jar</argument>"));
    }

    /** A flag's final value and origin, from -XX:+PrintFlagsFinal's table ("size_t MaxNewSize = 1 {product} {command line}"). */
    private static String flag(String printFlagsFinal, String name) {
        for (String line : printFlagsFinal.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[1].equals(name) && f[2].equals("=")) {
                return f[3] + " " + line.substring(line.indexOf('{', line.indexOf('{') + 1)).trim();
            }
        }
        throw new AssertionError(name + " not in -XX:+PrintFlagsFinal's output");
    }

    /**
     * Left alone, the parallel collector grows the young generation towards a third of a quarter of
     * the machine's memory; first-touching it made the 2M-message benchmark slower (medians 3.55 s
     * and 840 MB resident, against 3.34 s and 240 MB capped). The cap must yield to heap sizes the user
     * gives, and say nothing where the whole heap is smaller than the cap.
     */
    @Test
    void theLauncherCapsTheYoungGenerationUnlessJavaOptsSizeTheHeap() throws Exception {
        Path launcher = root().resolve("drsip");
        Run r = run(launcher, "-XX:+PrintFlagsFinal", "--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(flag(r.out(), "MaxNewSize")).isEqualTo((170L << 20) + " {command line}");

        for (String opts : List.of("-Xmx1g", "-Xmn64m", "-XX:MaxRAMPercentage=10", "-XX:NewRatio=3")) {
            r = run(launcher, opts + " -XX:+PrintFlagsFinal", "--version");
            assertThat(r.code()).as(opts + ": " + r.err()).isZero();
            String maxNew = flag(r.out(), "MaxNewSize");
            assertThat(maxNew).as(opts).doesNotStartWith((170L << 20) + " ");
            if (opts.equals("-Xmn64m")) {
                assertThat(maxNew).isEqualTo((64L << 20) + " {command line}");
            }
        }

        // A machine with 400 MB (heap 100 MB): the JVM fits the young generation in, silently.
        r = runWithToolOptions(launcher, null, "-XX:MaxRAM=400m", "--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("drsip ");
        assertThat(r.err().strip()).isEqualTo("Picked up JAVA_TOOL_OPTIONS: -XX:MaxRAM=400m");
    }

    @Test
    void anArchiveForAnotherJarIsIgnoredWithoutAWord() throws Exception {
        Path root = root();
        // The same layout elsewhere: a copied jar has another path and time than the archive records.
        Files.createDirectories(tmp.resolve("cli/target"));
        Files.copy(root.resolve("drsip"), tmp.resolve("drsip"));
        Files.copy(root.resolve("cli/target/drsip.jar"), tmp.resolve("cli/target/drsip.jar"));
        Files.copy(root.resolve("cli/target/drsip.jsa"), tmp.resolve("cli/target/drsip.jsa"),
                StandardCopyOption.REPLACE_EXISTING);
        Run r = run(tmp.resolve("drsip"), null, "--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("drsip ");
        assertThat(r.err()).isEmpty();

        // not an archive at all: the same
        Files.write(tmp.resolve("cli/target/drsip.jsa"), "not a CDS archive".getBytes(StandardCharsets.US_ASCII));
        r = run(tmp.resolve("drsip"), null, "--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("drsip ");
        assertThat(r.err()).isEmpty();
    }
}
