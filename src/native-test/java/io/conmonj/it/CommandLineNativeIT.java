package io.conmonj.it;

/**
 * Option checking, --help and --version, against the native executable: {@link CommandLineIT}'s tests unchanged, the executable under test being
 * target/conmonj as built by {@code mvn verify -Dnative} (native.image.path, see Bundles.LAUNCHER).
 */
class CommandLineNativeIT extends CommandLineIT {
}
