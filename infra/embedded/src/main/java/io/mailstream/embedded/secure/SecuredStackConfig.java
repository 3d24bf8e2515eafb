package io.mailstream.embedded.secure;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.acl.AclBinding;

/**
 * What the secured local stack sets up besides its broker's listeners: the ACLs each service
 * gets (created as the admin before anything else connects) and the user the registry runs as.
 *
 * @param security     users, passwords and certificates
 * @param acls         every ACL to create, e.g. {@code mailstream topics --print-acls}' set
 * @param registryUser the registry's own Kafka user (it needs {@code _schemas}); one of {@code security.users()}
 */
public record SecuredStackConfig(StackSecurity security, List<AclBinding> acls, String registryUser) {
    public SecuredStackConfig {
        Objects.requireNonNull(security, "security");
        acls = List.copyOf(acls);
        if (!security.users().containsKey(registryUser)) {
            throw new IllegalArgumentException("the registry user " + registryUser + " is not one of " + security.users().keySet());
        }
    }

    public SecuredStackConfig(StackSecurity security, Collection<AclBinding> acls, String registryUser) {
        this(security, List.copyOf(acls), registryUser);
    }
}
