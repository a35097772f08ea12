package io.conmonj.it;

/**
 * The log drivers (several at once, none, passthrough, journald, rotation), against the native executable: {@link LogDriversIT}'s tests unchanged, the executable under test being
 * target/conmonj as built by {@code mvn verify -Dnative} (native.image.path, see Bundles.LAUNCHER).
 */
class LogDriversNativeIT extends LogDriversIT {
}
