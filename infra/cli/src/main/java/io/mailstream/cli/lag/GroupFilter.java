package io.mailstream.cli.lag;

import java.util.List;

/** Which consumer groups to report: named ones, or every group whose id starts with a prefix. */
public record GroupFilter(List<String> names, String prefix) {
    /** Groups reported when none is named. */
    public static final String DEFAULT_PREFIX = "mailstream";

    public GroupFilter {
        names = names == null ? List.of() : List.copyOf(names);
        if (names.isEmpty() && (prefix == null || prefix.isEmpty())) {
            throw new IllegalArgumentException("name a group or give a non-empty prefix");
        }
    }

    public static GroupFilter named(List<String> names) {
        return names == null || names.isEmpty() ? defaults() : new GroupFilter(names, null);
    }

    public static GroupFilter prefixed(String prefix) {
        return new GroupFilter(List.of(), prefix);
    }

    public static GroupFilter defaults() {
        return prefixed(DEFAULT_PREFIX);
    }

    public boolean listsGroups() {
        return names.isEmpty();
    }

    public boolean accepts(String group) {
        return names.isEmpty() ? group.startsWith(prefix) : names.contains(group);
    }
}
