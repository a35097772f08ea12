package io.conmonj.cli;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * The options declared on {@link ConmonOptions}, read straight from their picocli {@code @Option}
 * annotations. Reading the annotations costs a few classes; building picocli's full model would
 * cost ~100 ms on every start (picocli's Java 5 classes cannot be class-data shared).
 */
final class OptionTable {
    /** One option: its names, the field it fills, and its GLib kind (from the field type). */
    record Entry(List<String> names, String description, Field field, boolean hidden) {
        boolean isFlag() {
            return field.getType() == boolean.class;
        }

        boolean isList() {
            return field.getType() == List.class;
        }

        String firstShort() {
            return names.stream().filter(n -> !n.startsWith("--")).findFirst().orElse(null);
        }

        String firstLong() {
            return names.stream().filter(n -> n.startsWith("--")).findFirst().orElse(null);
        }
    }

    static final List<Entry> ENTRIES = load();
    private static final Map<String, Entry> LONG_NAMES = new HashMap<>();
    private static final Map<Character, Entry> SHORT_NAMES = new HashMap<>();

    static {
        for (Entry entry : ENTRIES) {
            for (String name : entry.names()) {
                if (name.startsWith("--")) {
                    LONG_NAMES.put(name.substring(2), entry);
                } else {
                    SHORT_NAMES.put(name.charAt(1), entry);
                }
            }
        }
    }

    private OptionTable() {
    }

    /** The option named {@code --name}, or null. */
    static Entry byLongName(String name) {
        return LONG_NAMES.get(name);
    }

    /** The option named {@code -letter}, or null. */
    static Entry byShortName(char letter) {
        return SHORT_NAMES.get(letter);
    }

    private static List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        for (Field field : ConmonOptions.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                field.setAccessible(true);
                entries.add(new Entry(List.of(option.names()), option.description()[0], field, option.hidden()));
            }
        }
        return Collections.unmodifiableList(entries);
    }
}
