package dev.drsip.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The indented JSON writer of every command. Made on first use (holder idiom): picocli loads every
 * subcommand class at start-up, and an ObjectMapper built there cost each `drsip analyze` run
 * ~350 Jackson classes and their JIT compilation before the first packet, JSON or not.
 */
final class JsonOutput {
    private JsonOutput() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
