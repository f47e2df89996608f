package org.sipanalyzer.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code sip-analyzer completion bash|zsh}: a completion script made from the commands' own options, so it can never
 * fall behind them. The distribution archive carries both; {@code source <(sip-analyzer completion bash)} works too.
 */
final class CompletionCommand implements Command {

    private final Map<String, Command> commands;

    /** @param commands every command, by name; this one included once registered */
    CompletionCommand(Map<String, Command> commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "completion";
    }

    @Override
    public java.util.List<String> argumentValues() {
        return java.util.List.of("bash", "zsh");
    }

    @Override
    public String arguments() {
        return "bash|zsh";
    }

    @Override
    public String summary() {
        return "Print a shell completion script: source <(sip-analyzer completion bash), or save the zsh one as"
                + " _sip-analyzer in a directory of $fpath.";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                .desc("Write to FILE instead of standard output.").get());
        return o;
    }

    @Override
    public List<String> values(String longOption) {
        return List.of();
    }

    @Override
    public ExitCode run(CommandLine line, Console console) throws UsageException, IOException {
        List<String> args = line.getArgList();
        if (args.size() != 1 || !List.of("bash", "zsh").contains(args.get(0))) {
            throw new UsageException("completion: name the shell, bash or zsh");
        }
        String script = args.get(0).equals("bash") ? bash() : zsh();
        try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
            out.write(script);
        }
        return ExitCode.OK;
    }

    /** A command's options with those {@link Main} adds to every command. */
    private static List<Option> optionsOf(Command c) {
        List<Option> all = new ArrayList<>(c.options().getOptions());
        all.add(Option.builder("h").longOpt("help").desc("Show this help and exit.").get());
        all.add(Option.builder().longOpt("debug").desc("Print stack traces of errors.").get());
        all.add(Option.builder("V").longOpt("version").desc("Print the version and exit.").get());
        all.sort((a, b) -> a.getLongOpt().compareTo(b.getLongOpt()));
        return all;
    }

    /**
     * The words an option of {@code c} takes: the command's own, else those of options every analysis shares
     * (transports, where delays start).
     */
    private static List<String> valuesOf(Command c, Option o) {
        List<String> own = c.values(o.getLongOpt());
        if (!own.isEmpty()) {
            return own;
        }
        return switch (o.getLongOpt()) {
            case "transport" -> java.util.Arrays.stream(org.sipanalyzer.net.Transport.values())
                    .map(t -> t.name().toLowerCase(Locale.ROOT)).toList();
            case "delays-from" -> List.of("first", "last");
            default -> List.of();
        };
    }

    private static boolean takesFile(Option o) {
        return o.hasArg() && o.getArgName() != null && o.getArgName().toUpperCase(Locale.ROOT).contains("FILE");
    }

    String bash() {
        StringBuilder sb = new StringBuilder();
        sb.append("# bash completion for sip-analyzer (made by 'sip-analyzer completion bash'; do not edit)\n");
        sb.append("_sip_analyzer() {\n");
        sb.append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n");
        sb.append("  if [ \"$COMP_CWORD\" -eq 1 ]; then\n");
        sb.append("    COMPREPLY=($(compgen -W \"").append(String.join(" ", commands.keySet()))
                .append(" --help --version\" -- \"$cur\"))\n");
        sb.append("    return\n  fi\n");
        sb.append("  case \"${COMP_WORDS[1]}\" in\n");
        for (Command c : commands.values()) {
            List<Option> options = optionsOf(c);
            sb.append("    ").append(c.name()).append(")\n");
            sb.append("      case \"$prev\" in\n");
            List<String> files = new ArrayList<>();
            List<String> free = new ArrayList<>();
            for (Option o : options) {
                if (!o.hasArg()) {
                    continue;
                }
                String names = (o.getOpt() == null ? "" : "-" + o.getOpt() + "|") + "--" + o.getLongOpt();
                List<String> values = valuesOf(c, o);
                if (!values.isEmpty()) {
                    sb.append("        ").append(names).append(") COMPREPLY=($(compgen -W \"")
                            .append(String.join(" ", values)).append("\" -- \"$cur\")); return ;;\n");
                } else if (o.getLongOpt().equals("interface")) {
                    sb.append("        ").append(names).append(") COMPREPLY=($(compgen -W \"$(ls /sys/class/net"
                            + " 2>/dev/null)\" -- \"$cur\")); return ;;\n");
                } else if (takesFile(o)) {
                    files.add(names);
                } else {
                    free.add(names);
                }
            }
            if (!files.isEmpty()) {
                sb.append("        ").append(String.join("|", files))
                        .append(") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n");
            }
            if (!free.isEmpty()) {
                sb.append("        ").append(String.join("|", free)).append(") return ;;\n");
            }
            sb.append("      esac\n");
            sb.append("      if [[ \"$cur\" == -* ]]; then\n");
            sb.append("        COMPREPLY=($(compgen -W \"")
                    .append(String.join(" ", options.stream().map(o -> "--" + o.getLongOpt()).toList()))
                    .append("\" -- \"$cur\"))\n");
            sb.append("      else\n");
            List<String> arguments = c.argumentValues();
            sb.append(arguments == null ? "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
                    : "        COMPREPLY=($(compgen -W \"" + String.join(" ", arguments) + "\" -- \"$cur\"))\n");
            sb.append("      fi ;;\n");
        }
        sb.append("  esac\n");
        sb.append("}\n");
        sb.append("complete -o filenames -o bashdefault -F _sip_analyzer sip-analyzer\n");
        return sb.toString();
    }

    /** Text for a zsh _arguments description: brackets, colons, quotes and backslashes would end it early. */
    private static String zshText(String s) {
        String first = s == null ? "" : s.split("(?<=\\.) ", 2)[0];
        if (first.endsWith(".")) {
            first = first.substring(0, first.length() - 1);
        }
        return first.replace("\\", "").replace("'", "").replace("[", "(").replace("]", ")").replace(":", " -")
                .replace("$", "").replace("`", "");
    }

    String zsh() {
        StringBuilder sb = new StringBuilder();
        sb.append("#compdef sip-analyzer\n");
        sb.append("# zsh completion for sip-analyzer (made by 'sip-analyzer completion zsh'; do not edit)\n");
        sb.append("_sip_analyzer() {\n");
        sb.append("  local -a commands\n");
        sb.append("  commands=(\n");
        for (Command c : commands.values()) {
            sb.append("    '").append(c.name()).append(':').append(zshText(c.summary())).append("'\n");
        }
        sb.append("  )\n");
        sb.append("  if (( CURRENT == 2 )); then\n");
        sb.append("    _describe 'command' commands\n");
        sb.append("    return\n  fi\n");
        sb.append("  case $words[2] in\n");
        for (Command c : commands.values()) {
            sb.append("    ").append(c.name()).append(")\n");
            sb.append("      _arguments -s \\\n");
            for (Option o : optionsOf(c)) {
                String desc = "[" + zshText(o.getDescription()) + "]";
                String arg = "";
                if (o.hasArg()) {
                    List<String> values = valuesOf(c, o);
                    String name = o.getArgName() == null ? "VALUE" : o.getArgName();
                    arg = ":" + name + ":" + (!values.isEmpty() ? "(" + String.join(" ", values) + ")"
                            : o.getLongOpt().equals("interface") ? "_net_interfaces"
                            : takesFile(o) ? "_files" : " ");
                }
                if (o.getOpt() != null) {
                    sb.append("        '(-").append(o.getOpt()).append(" --").append(o.getLongOpt()).append(")'{-")
                            .append(o.getOpt()).append(",--").append(o.getLongOpt()).append("}'").append(desc)
                            .append(arg).append("' \\\n");
                } else {
                    sb.append("        '--").append(o.getLongOpt()).append(desc).append(arg).append("' \\\n");
                }
            }
            List<String> arguments = c.argumentValues();
            sb.append(arguments == null ? "        '*:file:_files'\n" : arguments.isEmpty() ? "        \n"
                    : "        '*:argument:(" + String.join(" ", arguments) + ")'\n");
            sb.append("      ;;\n");
        }
        sb.append("  esac\n");
        sb.append("}\n");
        sb.append("_sip_analyzer \"$@\"\n");
        return sb.toString();
    }
}
