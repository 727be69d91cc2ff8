package dev.drsip.cli;

import dev.drsip.sip.catalog.CatalogFamily;
import dev.drsip.sip.catalog.CodeExplainer;
import dev.drsip.sip.catalog.CodeKind;
import dev.drsip.sip.catalog.Explanation;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drsip explain CODE...}: SIP, Microsoft, Q.850 and Teams client codes explained from the catalogs. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Explain a SIP, Microsoft, Q.850 or Teams client code.",
            "",
            "The codes a Direct Routing engineer meets: SIP response codes (403),",
            "Microsoft response codes from the Teams admin center, call records and",
            "Graph (560403, 510532, 569008, 10500, 1106), Q.850 causes from Reason",
            "headers (q850:34), and Teams client / sign-in codes (0xCAA20004,",
            "AADSTS53003, 4c7, max_reload_exceeded).",
            "",
            "The kind is recognised from the shape of the code. A Microsoft code that is not in Microsoft's",
            "public list is decoded by its structure 5 X Y ZZZ (560ZZZ = the SBC answered ZZZ on an outbound",
            "call, 569/549 = Microsoft could not reach the SBC, 540 = the SBC on an inbound call, 510/511 =",
            "tenant configuration, 531 = media, 500001 = failover timer, 4-5 digits = Teams call controller)",
            "and says so.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  drsip explain 560403                 the SBC (or its carrier) answered 403 to an outbound call",
            "  drsip explain 403 510532 q850:34     several codes at once",
            "  drsip explain 0xCAA20004 AADSTS53003 Teams sign-in codes, with the web-versus-desktop split",
            "  drsip explain 560499                 undocumented: decoded by structure",
            "  drsip explain --list                 the families that can be listed",
            "  drsip explain --list ms-569          every documented 569xxx code",
            "  drsip explain --format json 1106     for scripts",
            "  drsip explain 'Q.850;cause=63;text=\"9810e5a9-...;Current call site state prevents fork to this entity.\"'",
            "                                       a Reason header from a trace: the code its phrase belongs to,",
            "                                       with the GUID (the correlation id for Microsoft support)",
            "",
            "Shapes: 3 digits 100-699 = SIP; 6 digits starting with 5, 0, or 4-5 digits = Microsoft;",
            "q850:N or cause=N = Q.850 (1-2 digits alone are read as Q.850 too); 0x..., AADSTS... and the",
            "named client codes = Teams client; sip:N and ms:N force a kind; anything else is tried as a",
            "Reason text (case, punctuation and spacing do not matter).",
            "",
            "Exit codes: 0 every code recognised (documented or decoded by structure), 2 a code or family",
            "was not recognised or nothing was asked."
        })
public final class ExplainCommand implements Callable<Integer> {
    private static final int WIDTH = 100;

    enum Format { text, json }

    @Parameters(arity = "0..*", paramLabel = "CODE", description = "Codes to explain.")
    List<String> codes = new ArrayList<>();

    @Option(names = "--list", arity = "0..1", paramLabel = "FAMILY", fallbackValue = "",
            description = "List a family (sip, sip-4xx, microsoft, ms-560, ms-510, q850, client, policy-join-broker, ...);"
                    + " without FAMILY, list the families.")
    String list;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Resolved on use: picocli builds every subcommand for every command line, and the catalogs
    // took ~50 ms of each start (--version, analyze) before.
    private CodeExplainer explainer;

    public ExplainCommand() {
    }

    ExplainCommand(CodeExplainer explainer) {
        this.explainer = explainer;
    }

    @Override
    public Integer call() throws IOException {
        if (explainer == null) {
            explainer = CodeExplainer.standard();
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list == null && codes.isEmpty()) {
            err.println("drsip explain: give one or more codes, or --list [FAMILY]. Try 'drsip explain --help'.");
            return ExitCodes.USAGE;
        }
        int exit = ExitCodes.OK;
        Map<String, Object> json = new LinkedHashMap<>();
        if (list != null) {
            if (list.isBlank()) {
                List<CatalogFamily> families = explainer.families();
                if (format == Format.json) {
                    json.put("families", families(families));
                } else {
                    printFamilies(out, families);
                }
            } else {
                List<Explanation> entries = explainer.list(list);
                if (entries.isEmpty()) {
                    err.println("drsip explain: unknown family '" + list + "'. Families: " + familyIds());
                    exit = ExitCodes.USAGE;
                }
                if (format == Format.json) {
                    json.put("family", list.trim());
                    json.put("entries", explanations(entries));
                } else if (!entries.isEmpty()) {
                    printList(out, list.trim(), entries);
                }
            }
        }
        List<Explanation> explained = new ArrayList<>();
        for (String code : codes) {
            Explanation e = explainer.explain(code);
            explained.add(e);
            if (e.kind() == CodeKind.UNKNOWN) {
                exit = ExitCodes.USAGE;
            }
        }
        if (format == Format.json) {
            if (!codes.isEmpty()) {
                json.put("codes", explanations(explained));
            }
            JsonOutput.write(json, out);
            out.println();
        } else {
            boolean first = list == null;
            for (Explanation e : explained) {
                if (!first) {
                    out.println();
                }
                first = false;
                printExplanation(out, e, "");
            }
        }
        out.flush();
        return exit;
    }

    private String familyIds() {
        List<String> ids = new ArrayList<>();
        for (CatalogFamily f : explainer.families()) {
            ids.add(f.id());
        }
        return String.join(", ", ids);
    }

    // ---- text ----------------------------------------------------------------------------------

    static void printExplanation(PrintWriter out, Explanation e, String indent) {
        out.println(indent + e.title());
        String in = indent + "  ";
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"kind", kindLabel(e)});
        if (e.side() != null) {
            fields.add(new String[] {e.kind() == CodeKind.TEAMS_CLIENT ? "layer" : "side", e.side()});
        }
        fields.add(new String[] {"meaning", e.meaning()});
        if (e.firstCheck() != null) {
            fields.add(new String[] {"check first", e.firstCheck()});
        }
        for (Map.Entry<String, String> f : e.facts().entrySet()) {
            if (e.kind() == CodeKind.TEAMS_CLIENT && f.getKey().equals("layer")) {
                continue; // already shown
            }
            fields.add(new String[] {f.getKey(), f.getValue()});
        }
        if (e.key() != null) {
            fields.add(new String[] {"catalog key", e.key()});
        }
        int width = 0;
        for (String[] f : fields) {
            width = Math.max(width, f[0].length() + 1);
        }
        for (String[] f : fields) {
            field(out, in, width, f[0], f[1]);
        }
        for (Explanation alt : e.alternatives()) {
            out.println(in + "also readable as:");
            printExplanation(out, alt, in + "  ");
        }
    }

    private static String kindLabel(Explanation e) {
        String kind;
        switch (e.kind()) {
            case SIP_RESPONSE: kind = "SIP response code"; break;
            case MICROSOFT_RESPONSE: kind = "Microsoft response code"; break;
            case Q850_CAUSE: kind = "Q.850 cause"; break;
            case TEAMS_CLIENT: kind = "Teams client / sign-in code"; break;
            default: return "not recognised";
        }
        return kind + (e.documented() ? " (documented)" : " (not documented" + (e.kind() == CodeKind.MICROSOFT_RESPONSE
                ? ": decoded by structure)" : ")"));
    }

    /** "  label:  text" with the text wrapped under itself. */
    private static void field(PrintWriter out, String indent, int width, String label, String text) {
        String head = indent + String.format("%-" + width + "s", label + ":") + "  ";
        String pad = " ".repeat(head.length());
        List<String> lines = wrap(text, Math.max(30, WIDTH - head.length()));
        for (int i = 0; i < lines.size(); i++) {
            out.println((i == 0 ? head : pad) + lines.get(i));
        }
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static void printFamilies(PrintWriter out, List<CatalogFamily> families) {
        out.println("Families (drsip explain --list FAMILY):");
        int w = 0;
        for (CatalogFamily f : families) {
            w = Math.max(w, f.id().length());
        }
        for (CatalogFamily f : families) {
            String head = String.format("  %-" + w + "s %4d  ", f.id(), f.size());
            List<String> lines = wrap(f.description(), Math.max(30, WIDTH - head.length()));
            for (int i = 0; i < lines.size(); i++) {
                out.println((i == 0 ? head : " ".repeat(head.length())) + lines.get(i));
            }
        }
    }

    private static void printList(PrintWriter out, String family, List<Explanation> entries) {
        out.println(family + ": " + entries.size() + (entries.size() == 1 ? " entry" : " entries"));
        int w = 0;
        for (Explanation e : entries) {
            w = Math.max(w, e.input().length());
        }
        for (Explanation e : entries) {
            String name = e.title().startsWith(e.input()) ? e.title().substring(e.input().length()).trim() : e.title();
            String side = e.side() != null && e.kind() == CodeKind.MICROSOFT_RESPONSE ? " [" + e.side() + "]" : "";
            String head = String.format("  %-" + w + "s  ", e.input());
            List<String> lines = wrap(name + side + " - " + e.meaning(), Math.max(30, WIDTH - head.length()));
            for (int i = 0; i < lines.size(); i++) {
                out.println((i == 0 ? head : " ".repeat(head.length())) + lines.get(i));
            }
        }
    }

    // ---- json ----------------------------------------------------------------------------------

    static List<Object> explanations(List<Explanation> list) {
        List<Object> out = new ArrayList<>();
        for (Explanation e : list) {
            out.add(toJson(e));
        }
        return out;
    }

    /** Field names are an interface for scripts: add, never rename. */
    static Map<String, Object> toJson(Explanation e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("input", e.input());
        o.put("kind", e.kind().label());
        o.put("key", e.key());
        o.put("documented", e.documented());
        o.put("title", e.title());
        o.put("meaning", e.meaning());
        o.put("side", e.side());
        o.put("firstCheck", e.firstCheck());
        o.put("family", e.family());
        o.put("facts", e.facts());
        o.put("alternatives", explanations(e.alternatives()));
        return o;
    }

    private static List<Object> families(List<CatalogFamily> families) {
        List<Object> out = new ArrayList<>();
        for (CatalogFamily f : families) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", f.id());
            o.put("kind", f.kind().label());
            o.put("description", f.description());
            o.put("size", f.size());
            out.add(o);
        }
        return out;
    }
}
