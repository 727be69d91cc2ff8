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
        subcommands = {AnalyzeCommand.class, CommandLine.HelpCommand.class},
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
        addOptional(cl, "dev.drsip.cli.ExplainCommand");
        addOptional(cl, "dev.drsip.cli.CertCommand");
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
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    /** Commands contributed by other parts of the project register themselves here by class name. */
    private static void addOptional(CommandLine cl, String className) {
        try {
            Class<?> c = Class.forName(className);
            cl.addSubcommand(c.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            // not built into this jar
        }
    }

    /** Version from the jar manifest (set by Maven), else "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Drsip.class.getPackage().getImplementationVersion();
            return new String[] {"drsip " + (v == null ? "dev" : v)};
        }
    }
}
