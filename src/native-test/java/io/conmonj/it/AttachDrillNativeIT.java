package io.conmonj.it;

/** {@link AttachDrillIT}'s tests against the native executable (target/conmonj as built by {@code mvn verify -Dnative}). */
class AttachDrillNativeIT extends AttachDrillIT {
}
