package io.mailstream.cli.deploy;

import io.mailstream.cli.Mailstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * One {@code mailstream ...} command line taken from a deploy file (variables already substituted),
 * and what the launcher's picocli model says about it.
 *
 * @param source where it was found, for messages
 * @param args   the arguments after {@code mailstream}
 */
record CliInvocation(String source, List<String> args) {
    CliInvocation {
        args = List.copyOf(args);
    }

    /** The subcommand path the arguments name, e.g. {@code dispatcher} or {@code bounces run}. */
    String commandPath() {
        List<String> path = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-")) {
                break;
            }
            path.add(a);
        }
        return String.join(" ", path);
    }

    /** The picocli command the arguments target, if the launcher has it. */
    Optional<CommandLine> target() {
        CommandLine cl = Mailstream.commandLine();
        for (String a : args) {
            if (a.startsWith("-")) {
                break;
            }
            CommandLine sub = cl.getSubcommands().get(a);
            if (sub == null) {
                // a positional parameter of a leaf command ends the path; an unknown subcommand is missing
                return cl.getSubcommands().isEmpty() ? Optional.of(cl) : Optional.empty();
            }
            cl = sub;
        }
        return Optional.of(cl);
    }

    /** Option names used ({@code --x} or {@code --x=value}). */
    List<String> optionNames() {
        return args.stream().filter(a -> a.startsWith("-"))
                .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a).toList();
    }

    /** The value given to an option, if it is used. */
    Optional<String> value(String option) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith(option + "=")) {
                return Optional.of(a.substring(option.length() + 1));
            }
            if (a.equals(option) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }
}
