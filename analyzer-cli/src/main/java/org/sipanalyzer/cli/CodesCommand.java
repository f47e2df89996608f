package org.sipanalyzer.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.CodeLookup;
import org.sipanalyzer.catalogue.ResponseClass;
import org.sipanalyzer.catalogue.ResponseCode;
import org.sipanalyzer.report.CatalogueReport;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.report.TextSafe;

/** {@code sip-analyzer codes}: lists and explains SIP response codes and exports the catalogue. */
final class CodesCommand implements Command {

    static final List<OutputFormat> FORMATS = List.of(OutputFormat.TEXT, OutputFormat.CSV, OutputFormat.JSON,
            OutputFormat.SQL, OutputFormat.MARKDOWN);

    @Override
    public String name() {
        return "codes";
    }

    @Override
    public java.util.List<String> argumentValues() {
        return java.util.List.of("1xx", "2xx", "3xx", "4xx", "5xx", "6xx");
    }

    @Override
    public String arguments() {
        return "[CODE|CLASS...]";
    }

    @Override
    public String summary() {
        return "List and explain SIP response codes: all of them, some (486 603), or a class (4xx).";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("Output format: text (default), csv, json, sql or markdown.").get());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                .desc("Write to FILE instead of standard output.").get());
        return o;
    }

    @Override
    public List<String> values(String longOption) {
        return longOption.equals("format") ? FORMATS.stream().map(OutputFormat::word).toList() : List.of();
    }

    @Override
    public ExitCode run(CommandLine line, Console console) throws UsageException, IOException {
        OutputFormat format = Formats.parse(line.getOptionValue("format", "text"), FORMATS, name());
        List<CodeLookup> selected = select(line.getArgList(), Catalogue.standard());
        try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
            CatalogueReport.of(selected).write(format, out, console.width());
        }
        return ExitCode.OK;
    }

    static List<CodeLookup> select(List<String> args, Catalogue catalogue) throws UsageException {
        if (args.isEmpty()) {
            return catalogue.entries().stream().map(e -> catalogue.lookup(e.code())).toList();
        }
        Set<Integer> seen = new LinkedHashSet<>();
        List<CodeLookup> out = new ArrayList<>();
        for (String arg : args) {
            var cls = ResponseClass.parse(arg);
            if (cls.isPresent()) {
                for (ResponseCode e : catalogue.entries(cls.get())) {
                    if (seen.add(e.code())) {
                        out.add(catalogue.lookup(e.code()));
                    }
                }
                continue;
            }
            int code = parseCode(arg);
            if (seen.add(code)) {
                out.add(catalogue.lookup(code));
            }
        }
        return out;
    }

    private static int parseCode(String arg) throws UsageException {
        String a = arg.trim();
        int code = -1;
        if (!a.isEmpty() && a.length() <= 9 && a.chars().allMatch(Character::isDigit)) {
            code = Integer.parseInt(a);
        }
        if (code < 100 || code > 699) {
            throw new UsageException("codes: '" + TextSafe.of(arg) + "' is not a SIP status code (they run from"
                    + " 100 to 699); give a code such as 486 or a class such as 4xx");
        }
        return code;
    }
}
