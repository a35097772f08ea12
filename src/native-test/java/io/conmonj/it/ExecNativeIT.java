package io.conmonj.it;

/**
 * Exec sessions, against the native executable: {@link ExecIT}'s tests unchanged, the executable under test being
 * target/conmonj as built by {@code mvn verify -Dnative} (native.image.path, see Bundles.LAUNCHER).
 */
class ExecNativeIT extends ExecIT {
}
