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
        if (args.length > 0 && ("analyze".equals(args[0]) || "explain".equals(args[0]))) {
            preloadCatalogs();
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Loads the code catalogs on the idle second core while picocli builds the command line (one
     * thread, ~0.1 s, before the first packet): the analysis needs them at its first call, the
     * report at its end. Both loaders are synchronized: a user waits for, never repeats, the load.
     */
    private static void preloadCatalogs() {
        Thread t = new Thread(() -> {
            try {
                dev.drsip.sip.dr.MicrosoftCodes.standard();
                dev.drsip.sip.catalog.CodeExplainer.standard();
            } catch (RuntimeException e) {
                // a broken catalog is reported by the command that uses it, with its exit code
            }
        }, "drsip-preload");
        t.setDaemon(true);
        t.start();
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        AnalyzeCommand quick = QuickAnalyzeArgs.parse(args);
        if (quick != null) {
            int code;
            try {
                code = quick.callWith(out, err);
            } catch (Exception e) {
                code = failed(e, err);
            }
            out.flush();
            err.flush();
            return code;
        }
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
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> failed(ex, c.getErr()));
        cl.setUsageHelpWidth(100); // our help texts are written for 100 columns
        return cl;
    }

    /** A command's failure: a user's mistake is one line and its exit code, anything else a bug. */
    private static int failed(Exception ex, PrintWriter err) {
        if (ex instanceof UserError ue) {
            err.println("drsip: " + ue.getMessage());
            return ue.exitCode();
        }
        err.println("drsip: internal error (this is a bug, please report it with the text below):");
        ex.printStackTrace(err);
        return ExitCodes.INTERNAL;
    }

    /** The same version the reports carry (one source: {@link AnalyzeCommand#version()}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"drsip " + AnalyzeCommand.version()};
        }
    }
}
