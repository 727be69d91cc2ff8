package dev.drsip.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code drsip cert ...}: certificate tools (today: {@code check}). */
@Command(
        name = "cert",
        mixinStandardHelpOptions = true,
        description = {"Certificate tools for SBC certificates."},
        subcommands = {CertCheckCommand.class, CommandLine.HelpCommand.class})
public final class CertCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
