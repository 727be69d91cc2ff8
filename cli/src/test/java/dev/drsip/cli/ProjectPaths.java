package dev.drsip.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root (and ../shared beside it) from a module's working directory. */
final class ProjectPaths {
    private ProjectPaths() {
    }

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve(".ci")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("repository root not found from " + Path.of("").toAbsolutePath());
    }

    static Path shared() {
        return root().resolveSibling("shared");
    }
}
