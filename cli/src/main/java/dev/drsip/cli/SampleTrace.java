package dev.drsip.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The embedded sample trace (from test-traces), copied out of the jar so it reads like any file. */
final class SampleTrace {
    private static final String RESOURCE = "/traces/" + AnalyzeCommand.SAMPLE;

    private SampleTrace() {
    }

    static Path extract() throws IOException {
        try (InputStream in = SampleTrace.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UserError(ExitCodes.INTERNAL, "the embedded sample " + RESOURCE + " is missing from this build");
            }
            Path dir = Files.createTempDirectory("drsip-sample");
            Path p = dir.resolve(AnalyzeCommand.SAMPLE);
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            p.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return p;
        }
    }
}
