package io.mailstream.cli.console;

import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceKind;
import io.mailstream.bounces.BounceReport;
import io.mailstream.bounces.DsnAction;
import io.mailstream.bounces.RecipientReport;
import io.mailstream.console.state.BounceDecoder;
import io.mailstream.console.state.BounceNotice;
import io.mailstream.schemas.verp.SignedVerp;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Raw bounces as {@code campaign status} reads them: feedback reports are complaints by message id;
 * DSNs count only from a signed return path (verified by the receiver that wrote them), never from
 * an operator's import, which the stats topology does not count either.
 */
final class ClassifierBounceDecoder implements BounceDecoder {
    private final BounceClassifier classifier;

    ClassifierBounceDecoder(BounceClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public List<BounceNotice> decode(RawBounce b) {
        BounceReport report = classifier.classify(bytes(b.getMessage()), b.getEnvelopeTo().isEmpty() ? null : b.getEnvelopeTo().get(0));
        List<BounceNotice> out = new ArrayList<>();
        if (report.kind() == BounceKind.FEEDBACK) {
            report.recipients().stream().map(RecipientReport::messageId).flatMap(Optional::stream)
                    .forEach(id -> out.add(new BounceNotice.Complaint(id)));
            return out;
        }
        if (b.getSource() != null && b.getSource().startsWith("import:")) {
            return out;
        }
        b.getEnvelopeTo().stream().map(SignedVerp::messageIdOf).flatMap(Optional::stream).findFirst()
                .ifPresent(messageId -> report.recipients().forEach(rr -> {
                    if (rr.action() == DsnAction.DELAYED) {
                        out.add(new BounceNotice.Delay(messageId));
                    } else if (rr.isBounce()) {
                        out.add(new BounceNotice.Bounce(messageId, rr.recipient(), rr.reason().sisimaiName()));
                    }
                }));
        return out;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
