package io.conmonj.it;

/** {@link LauncherIT}'s tests against the native executable (target/conmonj as built by {@code mvn verify -Dnative}). */
class LauncherNativeIT extends LauncherIT {
}
