package dev.drsip.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code drsip <command> ...}. Owns main, error handling and exit codes. */
@Command(
        name = "drsip",
        mixinStandardHelpOptions = true,
        versionProvider = Drsip.Version.class,
        description = {
            "Microsoft Teams Direct Routing SIP analyzer:",
            "which calls failed, and was it Microsoft's side or the SBC's?",
            ""
        },
        subcommands = {AnalyzeCommand.class, ExplainCommand.class, CertCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Start with:  drsip analyze --sample", "",
            ExitCodes.HELP})
public final class Drsip implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Drsip());
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.INTERNAL);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("drsip: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof UserError ue) {
                c.getErr().println("drsip: " + ue.getMessage());
                return ue.exitCode();
            }
            c.getErr().println("drsip: internal error (this is a bug, please report it with the text below):");
            ex.printStackTrace(c.getErr());
            return ExitCodes.INTERNAL;
        });
        cl.setUsageHelpWidth(100); // our help texts are written for 100 columns
        return cl;
    }

    /** The same version the reports carry (one source: {@link AnalyzeCommand#version()}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"drsip " + AnalyzeCommand.version()};
        }
    }
}
