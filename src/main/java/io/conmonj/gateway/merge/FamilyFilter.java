package io.conmonj.gateway.merge;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which of the monitors' metric families the gateway passes on: a family is kept when it matches one of
 * the allow patterns (or there are none) and none of the deny patterns. Patterns are Java regular
 * expressions matched against the whole family name (as Prometheus's relabel regexes are anchored).
 */
public final class FamilyFilter {
    private final List<Pattern> allow;
    private final List<Pattern> deny;

    public FamilyFilter(List<String> allow, List<String> deny) {
        this.allow = allow.stream().map(Pattern::compile).toList();
        this.deny = deny.stream().map(Pattern::compile).toList();
    }

    public static FamilyFilter all() {
        return new FamilyFilter(List.of(), List.of());
    }

    public boolean keeps(String family) {
        if (!allow.isEmpty() && allow.stream().noneMatch(p -> p.matcher(family).matches())) {
            return false;
        }
        return deny.stream().noneMatch(p -> p.matcher(family).matches());
    }
}
