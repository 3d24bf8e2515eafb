package io.mailstream.cli.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.cli.Mailstream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PrintAclsTest {

    private record Run(int code, String out, String err) {
    }

    private static Run mailstream(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Mailstream.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void printAclsShouldListEveryServiceWithoutConnectingAndUseTheGivenPrincipals() {
        Run run = mailstream("topics", "--print-acls", "--bootstrap-servers", "localhost:1",
                "--acl-principal", "dispatcher=User:CN=dispatcher.mail.example", "--dispatcher-group", "blue-dispatchers");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("# dispatcher", "# bounce-processor", "# api", "# campaigns", "# registry", "# tracking")
                .containsPattern("User:CN=dispatcher.mail.example +ALLOW +READ +GROUP +LITERAL +blue-dispatchers")
                .containsPattern("User:mailstream-api +ALLOW +WRITE +TOPIC +LITERAL +mail.transactional")
                .containsPattern("User:mailstream-tracking +ALLOW +WRITE +TOPIC +LITERAL +mail.engagement")
                .containsPattern("User:mailstream-bounce-processor +ALLOW +READ +TOPIC +LITERAL +mail.engagement");
    }

    @Test
    void theKafkaAclsFormatShouldPrintOneKafkaAclsCallPerBinding() {
        Run run = mailstream("topics", "--print-acls", "--acl-format", "kafka-acls");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(ServiceAcls.defaults().all().size())
                .allSatisfy(l -> assertThat(l).startsWith(KafkaAclsScript.INVOCATION + " --add --allow-principal User:mailstream-"))
                .contains(KafkaAclsScript.INVOCATION + " --add --allow-principal User:mailstream-bounce-processor --operation All "
                        + "--topic mailstream-bounce-processor- --resource-pattern-type prefixed")
                .contains(KafkaAclsScript.INVOCATION + " --add --allow-principal User:mailstream-api --operation Write "
                        + "--topic mail.transactional");
    }

    @Test
    void anUnknownServiceShouldBeAUsageError() {
        Run run = mailstream("topics", "--print-acls", "--acl-principal", "mailer=User:x");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--acl-principal wants SERVICE=Type:name");
    }
}
