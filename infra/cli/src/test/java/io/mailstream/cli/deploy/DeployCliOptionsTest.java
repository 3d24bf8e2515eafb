package io.mailstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code mailstream} command line in the compose file and the k8s manifests names a
 * subcommand of the launcher, uses only options that command declares, and parses (types and
 * required options included), checked against the picocli model of {@code Mailstream.commandLine()}.
 */
class DeployCliOptionsTest {
    @Test
    void everyComposeAndK8sCommandLineShouldParseAgainstTheLauncher() {
        Map<String, CliInvocation> all = invocations();
        assertThat(all).as("mailstream command lines in the deploy files")
                .containsKeys("compose dispatcher", "k8s mailstream-dispatcher", "compose bounce-processor", "compose api",
                        "compose webhooks", "compose tracking", "secured compose webhooks", "secured compose tracking",
                        "k8s mailstream-webhooks", "k8s mailstream-tracking");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (CliInvocation inv : all.values()) {
            Optional<CommandLine> target = inv.target();
            if (target.isEmpty()) {
                problems.add(inv.source() + ": 'mailstream " + inv.commandPath() + "' is not a command of the launcher");
                continue;
            }
            CommandLine.Model.CommandSpec spec = target.get().getCommandSpec();
            for (String option : inv.optionNames()) {
                if (spec.findOption(option) == null) {
                    problems.add(inv.source() + ": 'mailstream " + inv.commandPath() + "' has no option " + option
                            + " (it has " + spec.options().stream().map(CommandLine.Model.OptionSpec::longestName).sorted().toList() + ")");
                }
            }
            try {
                io.mailstream.cli.Mailstream.commandLine().parseArgs(inv.args().toArray(String[]::new));
                checked++;
            } catch (CommandLine.ParameterException e) {
                problems.add(inv.source() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
        assertThat(checked).as("command lines parsed").isGreaterThanOrEqualTo(2);
    }

    /**
     * Every long-running service of the launcher runs somewhere in each deploy file (issue 18 added
     * {@code webhooks} and {@code tracking}): a service left out of one is a deployment that silently lacks it.
     */
    @Test
    void everyServiceShouldRunInTheComposeFilesAndTheK8sManifests() {
        Map<String, CliInvocation> all = invocations();
        List<String> problems = new ArrayList<>();
        for (String command : SERVICES) {
            for (String file : List.of("compose", "secured compose", "k8s")) {
                boolean runs = all.entrySet().stream()
                        .anyMatch(e -> e.getKey().startsWith(file + " ") && e.getValue().commandPath().equals(command));
                if (!runs) {
                    problems.add(file + " runs no 'mailstream " + command + "'");
                }
            }
        }
        assertThat(problems).isEmpty();
        for (String command : SERVICES) {
            assertThat(io.mailstream.cli.Mailstream.commandLine().getSubcommands()).as("launcher command").containsKey(command);
        }
    }

    /** The launcher's long-running services (the commands a deployment keeps up). */
    static final List<String> SERVICES = List.of("dispatcher", "bounce-processor", "api", "webhooks", "tracking");

    @Test
    void aWrongOptionShouldBeCaught() {
        CliInvocation typo = new CliInvocation("test", List.of("dispatcher", "--bootstrap-server", "k:9092", "--bounce-domain", "b.example"));
        assertThat(typo.target()).isPresent();
        assertThat(typo.target().get().getCommandSpec().findOption("--bootstrap-server")).isNull();
        assertThat(new CliInvocation("test", List.of("no-such-command", "--x")).target()).isEmpty();
    }

    static Map<String, CliInvocation> invocations() {
        Map<String, CliInvocation> all = new LinkedHashMap<>();
        DeployInvocations.compose(DeployYaml.read(DeployYaml.COMPOSE.resolve("docker-compose.yml")))
                .forEach((k, v) -> all.put("compose " + k, v));
        DeployInvocations.compose(DeployYaml.read(DeployYaml.COMPOSE.resolve("docker-compose.secure.yml")))
                .forEach((k, v) -> all.put("secured compose " + k, v));
        DeployInvocations.k8s(DeployYaml.k8sDocuments()).forEach((k, v) -> all.put("k8s " + k, v));
        return all;
    }
}
