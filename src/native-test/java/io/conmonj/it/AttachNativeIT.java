package io.conmonj.it;

/**
 * The attach socket, against the native executable: {@link AttachIT}'s tests unchanged, the executable under test being
 * target/conmonj as built by {@code mvn verify -Dnative} (native.image.path, see Bundles.LAUNCHER).
 */
class AttachNativeIT extends AttachIT {
}
